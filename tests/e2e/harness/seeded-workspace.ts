/** A new vault (set up through the UI) holding the synthetic cases, as sync would have left it. */
import { expect, type AppHarness } from './fixture';
import { seedSyntheticCases } from './seed-cases';
import { createVaultInUi } from './vault-ui';

export async function openSeededWorkspace(app: AppHarness): Promise<{ caseId: number; pngMessageId: number }> {
  await createVaultInUi(app.page);
  await expect(app.page.getByText('No cases on this laptop yet')).toBeVisible();
  const seeded = await seedSyntheticCases(app.vault.require());
  await app.page.reload();
  return seeded;
}

/** Audit rows of one kind for a case (the vault's hash-chained log). */
export function auditCount(app: AppHarness, event: string, caseId: number): number {
  return app.vault.require().listAudit(10_000).filter((e) => e.event === event && e.caseId === caseId).length;
}
