/**
 * The three-pane workspace over a real vault: case list, conversation, reading pane; unread handling
 * like a mail client; previews; export; search; printing; drafts and the open case across a lock.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { openPdf, pageTexts } from '../print/helpers/read-pdf';
import { expect, test } from './harness/fixture';
import { auditCount, openSeededWorkspace } from './harness/seeded-workspace';
import { TEST_PASSPHRASE } from './harness/vault-ui';

const caseOption = (page: Page, name: RegExp) => page.getByRole('listbox', { name: 'Cases' }).getByRole('option', { name });
/** Opens the seeded case with mail and waits for its first unread message in the reading pane. */
async function openRosa(page: Page) {
  await caseOption(page, /Rosa Delgado/).click();
  await expect(page.getByTestId('reading-pane')).toBeVisible();
}

test('opening a case jumps to its first unread message, which becomes read; Ctrl+U and Mark all read', async ({ app }) => {
  const { page } = app;
  const { caseId } = await openSeededWorkspace(app);
  const rosa = caseOption(page, /Rosa Delgado/);
  await expect(rosa).toContainText('***-**-4321');
  await expect(rosa).toContainText('04/21/2025');
  await expect(rosa.getByLabel('1 unread')).toBeVisible();
  await expect(caseOption(page, /Nguyễn Văn An/)).toBeVisible();

  await rosa.click();
  const reading = page.getByTestId('reading-pane');
  // The first unread message is shown: the taxpayer's reply, labelled with the server's receipt time.
  await expect(reading.getByTestId('fax-label')).toHaveText('RECEIVED 04/21/2025 10:03 AM ET · SECURE MESSAGING · MSG B0B0…');
  await expect(reading).toContainText('From');
  await expect(reading).toContainText('Rosa Delgado');
  // Shown for the delay (1 s by default), it becomes read everywhere through the cache.
  await expect(rosa.getByLabel('1 unread')).toHaveCount(0, { timeout: 5000 });
  await expect(page.getByRole('option', { name: /Rosa Delgado, .*unread/ })).toHaveCount(0);
  expect(app.vault.require().readCase(caseId).messages.filter((m) => m.direction === 'inbound' && !m.read)).toHaveLength(0);

  // Ctrl+U marks it unread again, and it stays unread while it is shown.
  await page.getByTestId('conversation').focus();
  await page.keyboard.press('Control+U');
  await expect(rosa.getByLabel('1 unread')).toBeVisible();
  await page.waitForTimeout(1500);
  await expect(rosa.getByLabel('1 unread')).toBeVisible();

  // The outbound message: shown with its SENT label and who it went to.
  await page.getByTestId('message-row').filter({ hasText: 'To:' }).click();
  await expect(reading.getByTestId('fax-label')).toHaveText('SENT 04/02/2025 09:00 AM ET · SECURE MESSAGING · MSG 7F3A…');

  await page.getByRole('button', { name: 'Mark all read in case' }).click();
  await expect(rosa.getByLabel('1 unread')).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Notices' })).toContainText('Marked 1 message read.');
  await expect(page.getByRole('button', { name: 'Mark all read in case' })).toBeDisabled();
});

test('opening a case is audited once; refreshes after data changes are not', async ({ app }) => {
  const { page } = app;
  const { caseId } = await openSeededWorkspace(app);
  expect(auditCount(app, 'view', caseId)).toBe(0);
  await openRosa(page);
  await expect.poll(() => auditCount(app, 'view', caseId)).toBe(1);
  // A change from the main side reloads the open case through cases.get: the new message shows, no audit row.
  const thread = app.vault.require().readCase(caseId).threads[0]!;
  app.vault.require().insertMessage({ threadId: thread.id, serverId: 'c0c0a000-cccc', direction: 'inbound', serverReceivedAt: '2025-04-22T15:30:00Z', from: 'Rosa Delgado', subject: 'Re: Form 433-A (OIC): bank statements', body: 'One more statement attached later.' });
  await app.emit('data.changed', { caseIds: [caseId], kinds: ['messages'] });
  await expect(page.getByTestId('message-row')).toHaveCount(3);
  await expect(caseOption(page, /Rosa Delgado/)).toContainText('04/22/2025');
  expect(auditCount(app, 'view', caseId)).toBe(1);

  // Away and back: a new opening, one more row; refreshes after it still write none.
  await caseOption(page, /Nguyễn Văn An/).click();
  await expect(page.getByRole('heading', { name: 'Nguyễn Văn An' })).toBeVisible();
  await caseOption(page, /Rosa Delgado/).click();
  await expect(page.getByRole('heading', { name: 'Rosa Delgado' })).toBeVisible();
  await expect.poll(() => auditCount(app, 'view', caseId)).toBe(2);
  for (let i = 0; i < 3; i++) await app.emit('data.changed', { caseIds: [caseId], kinds: ['messages'] });
  await page.waitForTimeout(500);
  expect(auditCount(app, 'view', caseId)).toBe(2);

  // Back from a lock, the case shows again without a click: an opening, audited once.
  await app.lockFromMain('idle');
  await page.getByLabel('Passphrase').fill(TEST_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { name: 'Rosa Delgado' })).toBeVisible();
  await expect.poll(() => auditCount(app, 'view', caseId)).toBe(3);
  await app.emit('data.changed', { caseIds: [caseId], kinds: ['messages'] });
  await page.waitForTimeout(500);
  expect(auditCount(app, 'view', caseId)).toBe(3);
  // The renderer cannot read a case it has not opened since the unlock: cases.get refuses it.
  const other = app.vault.require().listCaseSummaries().find((c) => c.id !== caseId)!.id;
  expect(await app.invokeRaw('cases.get', { caseId: other })).toMatchObject({ ok: false, error: { code: 'E_CASE_NOT_OPEN' } });
});

test('attachments preview in the reading pane, save to the SBU folder, and the case prints for Appeals', async ({ app }) => {
  const { page } = app;
  await openSeededWorkspace(app);
  await caseOption(page, /Rosa Delgado/).click();
  const reading = page.getByTestId('reading-pane');
  // A TIN the taxpayer typed into a file name is masked like every TIN on screen.
  await expect(reading.getByText('Statement scan XXX-XX-XXXX.png')).toBeVisible();
  await expect(page.getByText('987-65-4321')).toHaveCount(0);

  await reading.getByRole('button', { name: 'Preview Statement scan XXX-XX-XXXX.png' }).click();
  const image = page.getByRole('img', { name: 'Statement scan XXX-XX-XXXX.png, page 1 of 1' });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
  await page.keyboard.press('Escape');
  await expect(image).toHaveCount(0);

  await reading.getByRole('button', { name: 'Preview transactions.csv' }).click();
  await expect(page.getByTestId('csv-table')).toContainText('Payroll deposit');
  await page.getByRole('button', { name: 'Close preview' }).click();

  await reading.getByRole('button', { name: 'Save Statement scan XXX-XX-XXXX.png to the SBU folder' }).click();
  await expect(page.getByRole('status', { name: 'Notices' })).toContainText('Statement scan XXX-XX-XXXX.png');
  const saved = fs.readdirSync(app.sbuFolder).filter((f) => f.endsWith('.png'));
  expect(saved).toHaveLength(1);
  expect(saved[0]).not.toMatch(/4321/);

  await page.getByRole('button', { name: 'Print case for Appeals…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Print the case for Appeals' });
  await dialog.getByRole('button', { name: 'Build package' }).click();
  const outcome = dialog.getByTestId('print-outcome');
  await expect(outcome).toContainText('to the SBU folder as OIC-package-', { timeout: 60_000 });
  const files = fs.readdirSync(app.sbuFolder).filter((f) => f.endsWith('.pdf'));
  expect(files).toHaveLength(1);
  expect(files[0]).not.toMatch(/DEMO|0000012345|4321/);
  const texts = await pageTexts(await openPdf(path.join(app.sbuFolder, files[0]!)));
  await expect(outcome).toContainText(`Saved ${texts.length} pages (2 attachments)`);
  texts.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${texts.length}`));
  expect(texts.join('\n')).toContain('RECEIVED 04/21/2025 10:03 AM ET');
  // The package tells the case apart by the taxpayer's name, never a TIN or offer number.
  expect(files[0]).toMatch(/^OIC-package-Rosa-Delgado-case-/);

  // "Open": the package in the same PDF viewer, read back from the SBU folder by name.
  await dialog.getByRole('button', { name: `Open ${files[0]}` }).click();
  const viewer = page.getByRole('dialog', { name: files[0] }).getByTestId('pdf-viewer');
  await expect(viewer.getByTestId('pdf-page-of')).toHaveText(` of ${texts.length}`);
  await expect(viewer.getByTestId('pdf-text-layer')).toContainText('Page 1 of');
  await page.screenshot({ path: 'test-results/screens/package-viewer-1366x768.png' });
  await page.keyboard.press('Escape');
  // Back to the print dialog, whose "Show in folder" reveals the file in the SBU folder.
  await dialog.getByRole('button', { name: `Show ${files[0]} in folder` }).click();
  await expect.poll(() => app.shownInFolder).toEqual([path.join(fs.realpathSync(app.sbuFolder), files[0]!)]);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  // The print marked the attachments printed; data.changed brought it to the reading pane.
  await expect(reading.getByText(/printed/).first()).toBeVisible();
});

test('search finds cases by TIN last four, name and offer number, and messages grouped by case', async ({ app }) => {
  const { page } = app;
  await openSeededWorkspace(app);
  const search = page.getByRole('combobox', { name: 'Search cases and messages' });
  await search.fill('4325');
  const results = page.getByRole('listbox', { name: 'Search results' });
  await expect(results.getByRole('option')).toHaveCount(1);
  await expect(results.getByRole('option').first()).toContainText('Nguyễn Văn An');
  await expect(results.getByRole('option').first()).toContainText('matched TIN last four');

  await search.fill('0000012345');
  await expect(results.getByRole('option').first()).toContainText('Rosa Delgado');
  await expect(results.getByRole('option').first()).toContainText('matched offer number');

  await search.fill('savings');
  const hit = results.getByRole('group', { name: 'Messages in the case of Rosa Delgado' }).getByRole('option');
  await expect(hit).toHaveCount(1);
  await expect(hit).toContainText('Rosa Delgado · 04/21/2025 10:03 AM ET');
  await expect(hit.locator('mark')).toHaveText('savings');
  await search.press('ArrowDown');
  await search.press('Enter');
  await expect(page.getByTestId('reading-pane').getByTestId('message-body')).toContainText('The savings account was closed in February.');
  await expect(page.getByRole('heading', { name: 'Rosa Delgado' })).toBeVisible();
});

test('a reply being written survives an idle lock, and the case and message come back after unlock', async ({ app }) => {
  const { page } = app;
  const { caseId } = await openSeededWorkspace(app);
  await caseOption(page, /Rosa Delgado/).click();
  await page.getByTestId('message-row').filter({ hasText: 'To:' }).click();
  await page.keyboard.press('Control+R');
  await page.getByTestId('composer').getByLabel('Message').fill('Draft: we still need the February statement for the savings account.');
  await expect.poll(() => app.vault.require().listDrafts(caseId).map((d) => d.body)).toEqual(['Draft: we still need the February statement for the savings account.']);

  await app.lockFromMain('idle');
  await expect(page.getByTestId('composer').getByLabel('Message')).toHaveCount(0);
  await expect(page.getByText('Rosa Delgado')).toHaveCount(0);
  await page.getByLabel('Passphrase').fill(TEST_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  // No click: the case, the message and the composer with its draft are back.
  await expect(page.getByRole('heading', { name: 'Rosa Delgado' })).toBeVisible();
  await expect(page.getByTestId('reading-pane').getByTestId('fax-label')).toHaveText(/^SENT 04\/02\/2025/);
  await expect(page.getByTestId('composer').getByLabel('Message')).toHaveValue('Draft: we still need the February statement for the savings account.');
});

test('locking right after typing keeps the draft, and a lock closes every dialog and notice', async ({ app }) => {
  const { page } = app;
  const { caseId } = await openSeededWorkspace(app);
  await openRosa(page);
  await page.keyboard.press('Control+R');
  const composer = page.getByTestId('composer');
  await composer.getByLabel('Message').fill('Typed just before Ctrl+L.');
  await page.keyboard.press('Control+L'); // well inside the save delay
  await expect(page.getByRole('heading', { name: 'Unlock your secure vault' })).toBeVisible();
  expect(app.vault.status().state).toBe('locked');
  await page.getByLabel('Passphrase').fill(TEST_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(composer.getByLabel('Message')).toHaveValue('Typed just before Ctrl+L.');
  expect(app.vault.require().listDrafts(caseId).map((d) => d.body)).toEqual(['Typed just before Ctrl+L.']);

  // A dialog open at a lock is gone from the lock screen, and so are notices.
  await composer.getByLabel('Message').press('Escape');
  await page.keyboard.press('Control+P');
  await expect(page.getByRole('dialog', { name: /^Print message/ })).toBeVisible();
  await app.lockFromMain('os-lock');
  await expect(page.getByRole('heading', { name: 'Unlock your secure vault' })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByText('Form 433-A')).toHaveCount(0);
  await expect(page.getByLabel('Passphrase')).toBeFocused();
});

test('a new message being written is kept as a draft across a change of case; Ctrl+R does not replace it', async ({ app }) => {
  const { page } = app;
  const { caseId } = await openSeededWorkspace(app);
  await openRosa(page);
  await page.keyboard.press('Control+N');
  const composer = page.getByTestId('composer');
  await composer.getByLabel('Subject').fill('Missing pay stubs');
  await composer.getByLabel('Message').fill('Please send your last two pay stubs.');
  // Ctrl+R while writing: the composer keeps its text and the focus.
  await page.keyboard.press('Control+R');
  await expect(composer.getByLabel('Subject')).toHaveValue('Missing pay stubs');
  await expect(composer.getByLabel('Message')).toBeFocused();
  await caseOption(page, /Nguyễn Văn An/).click();
  await expect(composer).toHaveCount(0);
  await openRosa(page);
  await page.keyboard.press('Control+N');
  await expect(composer.getByLabel('Subject')).toHaveValue('Missing pay stubs');
  await expect(composer.getByLabel('Message')).toHaveValue('Please send your last two pay stubs.');
  expect(app.vault.require().listDrafts(caseId).filter((d) => d.threadId === null).map((d) => d.subject)).toEqual(['Missing pay stubs']);
});

test('closing the composer right after typing keeps the draft; reopening the reply shows it', async ({ app }) => {
  const { page } = app;
  const { caseId } = await openSeededWorkspace(app);
  await openRosa(page);
  await page.keyboard.press('Control+R');
  const composer = page.getByTestId('composer');
  await composer.getByLabel('Message').fill('Typed a moment before closing.');
  await composer.getByLabel('Message').press('Escape'); // well inside the save delay
  await expect(composer).toHaveCount(0);
  await expect.poll(() => app.vault.require().listDrafts(caseId).map((d) => d.body)).toEqual(['Typed a moment before closing.']);
  await page.keyboard.press('Control+R');
  await expect(composer.getByLabel('Message')).toHaveValue('Typed a moment before closing.');
});

test('new message and reply with dropped files: blocked names refused in the memo words, total in MiB, queued offline', async ({ app }) => {
  const { page } = app;
  const { caseId } = await openSeededWorkspace(app);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-drop-'));
  fs.writeFileSync(path.join(dir, 'setup.exe'), 'MZ');
  fs.writeFileSync(path.join(dir, 'payment-plan.pdf'), Buffer.alloc(3 * 1024 * 1024, 0x25));
  await caseOption(page, /Nguyễn Văn An/).click();
  // An empty case still has a composer: New message.
  await expect(page.getByText('No messages in this case yet')).toBeVisible();
  await page.keyboard.press('Control+N');
  const composer = page.getByTestId('composer');
  await composer.getByLabel('Subject').fill('Collection information statement');
  await composer.getByLabel('Message').fill('Please complete Form 433-A (OIC) by 05/30/2025 5:00 PM ET.');
  await app.dropFiles('[data-testid="composer"]', [path.join(dir, 'setup.exe')]);
  await expect(composer).toContainText('Files of type .EXE cannot be sent through Secure Messaging.');
  await expect(composer.getByRole('button', { name: 'Send' })).toBeDisabled();
  await composer.getByRole('button', { name: 'Remove setup.exe' }).click();
  await app.dropFiles('[data-testid="composer"]', [path.join(dir, 'payment-plan.pdf')]);
  await expect(composer.getByRole('list', { name: 'Files to send' })).toContainText('payment-plan.pdf');
  await expect(composer.getByTestId('composer-total')).toHaveText('3 MiB of 150 MiB per message');
  await composer.getByRole('button', { name: 'Send' }).click();
  await expect(composer).toHaveCount(0);
  const outbox = page.getByRole('region', { name: 'Waiting to be sent' });
  await expect(outbox.getByTestId('outbox-item')).toContainText('New: Collection information statement');
  await expect(outbox.getByTestId('outbox-item')).toContainText('payment-plan.pdf');
  expect(app.vault.require().listOutbox().filter((o) => o.threadId === null)).toHaveLength(1);

  // A reply, with a file dropped on it, in the other case.
  await caseOption(page, /Rosa Delgado/).click();
  await page.getByTestId('reading-pane').getByRole('button', { name: 'Reply', exact: true }).click();
  await composer.getByLabel('Message').fill('Thank you for the statements.');
  await app.dropFiles('[data-testid="composer"]', [path.join(dir, 'payment-plan.pdf')]);
  await composer.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('region', { name: 'Waiting to be sent' }).getByTestId('outbox-item')).toContainText('Re: Form 433-A (OIC): bank statements');
  expect(app.vault.require().listOutbox().filter((o) => o.caseId === caseId)).toHaveLength(1);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('with the laptop offline (no network at all), the list, a case and its messages still load, and read marks still save', async ({ app }) => {
  const { page } = app;
  const { caseId } = await openSeededWorkspace(app);
  await page.context().setOffline(true); // navigator.onLine false, as on a laptop with no network
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  await app.lockFromMain('idle');
  await page.getByLabel('Passphrase').fill(TEST_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await openRosa(page); // the list read after unlock, then the case: both over IPC, neither waits for a network
  await expect(page.getByTestId('reading-pane').getByTestId('fax-label')).toBeVisible();
  await expect.poll(() => app.vault.require().listCaseMessages(caseId).filter((m) => m.direction === 'inbound' && !m.read).length).toBe(0);
});
