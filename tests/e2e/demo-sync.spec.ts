/**
 * DEMO mode end to end: the reference server runs in the test process with its synthetic seed; the
 * app signs in as the demo employee, syncs the cases into a real vault, and sends a reply with a file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './harness/fixture';
import { createVaultInUi } from './harness/vault-ui';

test.use({ server: 'demo' });
test.setTimeout(120_000);

test('sync brings the demo cases; a reply with a file is queued, sent and labelled with the server time', async ({ app }) => {
  const { page } = app;
  await createVaultInUi(page);

  const status = page.getByTestId('sync-status');
  await expect(status).toContainText('Dana Whitfield', { timeout: 60_000 });
  await expect(status).toContainText('Up to date as of', { timeout: 60_000 });
  const cases = page.getByRole('list', { name: 'Cases' }).getByRole('button');
  await expect(cases.first()).toBeVisible();
  const count = await cases.count();
  expect(count).toBeGreaterThan(3);
  // Only masked TINs from the synthetic range reach the screen.
  for (const text of await cases.allInnerTexts()) expect(text).toMatch(/\*\*\*-\*\*-432\d/);

  await cases.first().click();
  const labels = page.getByTestId('fax-label');
  await expect(labels.first()).toHaveText(/^(RECEIVED|SENT) \d\d\/\d\d\/\d{4} \d\d:\d\d (AM|PM) ET · SECURE MESSAGING · MSG [0-9A-F]{4}…$/);
  await page.screenshot({ path: 'test-results/demo-case.png', fullPage: true });

  // A blocked file type is refused before anything is queued.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-reply-'));
  fs.writeFileSync(path.join(dir, 'setup.exe'), 'MZ');
  fs.writeFileSync(path.join(dir, 'payment-plan.txt'), 'Proposed payment plan: $250 per month.\n');
  const composer = page.locator('.reply').first();
  app.queueDialogAnswer([path.join(dir, 'setup.exe')]);
  await composer.getByRole('button', { name: 'Attach files…' }).click();
  await expect(composer).toContainText('.EXE files cannot be sent');
  await expect(composer.getByRole('button', { name: 'Send' })).toBeDisabled();
  await composer.getByRole('button', { name: 'Remove' }).click();

  app.queueDialogAnswer([path.join(dir, 'payment-plan.txt')]);
  await composer.getByRole('button', { name: 'Attach files…' }).click();
  await expect(composer.getByRole('list', { name: 'Files to send' })).toContainText('payment-plan.txt');
  await composer.getByLabel('Reply').fill('Thank you. Please review the attached payment plan.');
  const before = await labels.count();
  await composer.getByRole('button', { name: 'Send' }).click();

  // Sent by sync: the reply appears as a message with the server's time; the outbox empties.
  await expect(labels).toHaveCount(before + 1, { timeout: 60_000 });
  const sent = page.getByTestId('message').filter({ hasText: 'Please review the attached payment plan.' });
  await expect(sent.getByTestId('fax-label')).toHaveText(/^SENT \d\d\/\d\d\/\d{4} \d\d:\d\d (AM|PM) ET · SECURE MESSAGING · MSG [0-9A-F]{4}…$/);
  await expect(sent).toContainText('payment-plan.txt');
  await expect(page.getByTestId('outbox-item')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/demo-reply-sent.png', fullPage: true });
  fs.rmSync(dir, { recursive: true, force: true });
});
