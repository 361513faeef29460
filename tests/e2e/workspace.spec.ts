/** The case workspace over a real vault: case list, fax labels, previews, export, search. */
import fs from 'node:fs';
import path from 'node:path';
import { openPdf, pageTexts } from '../print/helpers/read-pdf';
import { expect, test } from './harness/fixture';
import { seedSyntheticCases } from './harness/seed-cases';
import { createVaultInUi, TEST_PASSPHRASE } from './harness/vault-ui';
import type { AppHarness } from './harness/fixture';

/** A new vault (set up through the UI) holding the synthetic cases, as sync would have left it. */
async function openSeededWorkspace(app: AppHarness): Promise<number> {
  await createVaultInUi(app.page);
  await expect(app.page.getByText('No cases on this laptop yet')).toBeVisible();
  const { caseId } = await seedSyntheticCases(app.vault.require());
  await app.page.reload();
  return caseId;
}

test('an employee reads a case, previews attachments, saves one to the SBU folder and searches', async ({ app }) => {
  const { page } = app;
  await openSeededWorkspace(app);

  const rosa = page.getByRole('button', { name: /Rosa Delgado/ });
  await expect(rosa).toContainText('***-**-4321');
  await expect(rosa.getByLabel('1 unread')).toBeVisible();
  await expect(page.getByRole('button', { name: /Nguyễn Văn An/ })).toBeVisible();
  await rosa.click();

  const labels = page.getByTestId('fax-label');
  await expect(labels).toHaveText([
    'SENT 04/02/2025 09:00 AM ET · SECURE MESSAGING · MSG 7F3A…',
    'RECEIVED 04/21/2025 10:03 AM ET · SECURE MESSAGING · MSG B0B0…',
  ]);
  // A TIN the taxpayer typed into a file name is masked like every TIN on screen.
  await expect(page.getByText('Statement scan XXX-XX-XXXX.png')).toBeVisible();
  await expect(page.getByText('987-65-4321')).toHaveCount(0);
  await page.getByRole('button', { name: 'Mark as read' }).click();
  await expect(rosa.getByLabel('1 unread')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/workspace-case.png', fullPage: true });

  // Image preview: decrypted bytes arrive through the bridge and show as an image.
  const pngRow = page.getByRole('listitem').filter({ hasText: 'Statement scan' });
  await pngRow.getByRole('button', { name: 'Preview' }).click();
  const image = page.getByRole('img', { name: /Preview of Statement scan/ });
  await expect(image).toBeVisible();
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
  await page.screenshot({ path: 'test-results/workspace-preview.png' });
  await page.keyboard.press('Escape');
  await expect(image).toHaveCount(0);

  const csvRow = page.getByRole('listitem').filter({ hasText: 'transactions.csv' });
  await csvRow.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('preview-text')).toContainText('Payroll deposit,2450.00');
  await page.getByRole('button', { name: 'Close' }).click();

  // Save to the SBU folder: the file name carries no TIN.
  await pngRow.getByRole('button', { name: 'Save to SBU folder' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved to the SBU folder' })).toContainText('Statement scan XXX-XX-XXXX.png');
  const saved = fs.readdirSync(app.sbuFolder).filter((f) => f.endsWith('.png'));
  expect(saved).toHaveLength(1);
  expect(saved[0]).not.toMatch(/4321/);

  // Search finds a word in a body and opens its case.
  await page.getByRole('button', { name: /Nguyễn Văn An/ }).click();
  await page.getByLabel('Search messages').fill('savings');
  await page.getByLabel('Search messages').press('Enter');
  const results = page.getByRole('region', { name: 'Search results' });
  await expect(results).toContainText('1 match');
  await expect(results.locator('mark')).toHaveText('savings');
  await results.getByRole('button').filter({ hasText: 'savings' }).click();
  await expect(page.getByRole('heading', { name: 'Rosa Delgado' })).toBeVisible();
});

test('printing the whole case for Appeals writes one labelled PDF into the SBU folder', async ({ app }) => {
  const { page } = app;
  await openSeededWorkspace(app);
  await page.getByRole('button', { name: /Rosa Delgado/ }).click();

  await page.getByRole('button', { name: 'Print case for Appeals…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Print the case for Appeals' });
  await dialog.getByRole('button', { name: 'Build package' }).click();
  const outcome = dialog.getByTestId('print-outcome');
  await expect(outcome).toContainText('to the SBU folder as OIC-package-', { timeout: 60_000 });
  await page.screenshot({ path: 'test-results/print-outcome.png' });

  // Read the package back with pdf.js, independently of the builder.
  const files = fs.readdirSync(app.sbuFolder).filter((f) => f.endsWith('.pdf'));
  expect(files).toHaveLength(1);
  expect(files[0]).not.toMatch(/DEMO|0000012345|4321/);
  const doc = await openPdf(path.join(app.sbuFolder, files[0]!));
  const texts = await pageTexts(doc);
  await expect(outcome).toContainText(`Saved ${texts.length} pages (2 attachments)`);
  texts.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${texts.length}`));
  expect(texts.join('\n')).toContain('RECEIVED 04/21/2025 10:03 AM ET');
  expect(texts.join('\n')).toContain('Payroll deposit');
  expect(texts.join('\n')).not.toContain('987-65-4321');
});

test('a reply being written survives an idle lock: the draft is kept in the vault', async ({ app }) => {
  const { page } = app;
  const caseId = await openSeededWorkspace(app);
  await page.getByRole('button', { name: /Rosa Delgado/ }).click();
  await page.getByLabel('Reply').fill('Draft: we still need the February statement for the savings account.');
  await expect.poll(() => app.vault.require().listDrafts(caseId).map((d) => d.body)).toEqual(['Draft: we still need the February statement for the savings account.']);

  await app.lockFromMain('idle');
  await expect(page.getByLabel('Reply')).toHaveCount(0);
  await page.getByLabel('Passphrase').fill(TEST_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('button', { name: /Rosa Delgado/ }).click();
  await expect(page.getByLabel('Reply')).toHaveValue('Draft: we still need the February statement for the savings account.');
});
