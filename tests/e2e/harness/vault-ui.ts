/** First run through the UI: sets up the vault with a passphrase, as an employee would. */
import type { Page } from '@playwright/test';

export const TEST_PASSPHRASE = 'correct horse battery staple';

export async function createVaultInUi(page: Page, passphrase = TEST_PASSPHRASE): Promise<void> {
  await page.getByLabel('Passphrase').fill(passphrase);
  await page.getByLabel('Type it again').fill(passphrase);
  await page.getByRole('button', { name: 'Create vault' }).click();
}
