/**
 * Keyboard only, as an employee who does not use a mouse: unlock, find a case by TIN last four, read
 * its first unread message, reply with a file, print the case, lock. The page records every pointer
 * event; there must be none.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './harness/fixture';
import { openSeededWorkspace } from './harness/seeded-workspace';
import { TEST_PASSPHRASE } from './harness/vault-ui';

test('unlock, search, read, reply with a file, print and lock without a mouse', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const { caseId } = await openSeededWorkspace(app);
  await app.lockFromMain('os-lock');
  await page.reload();
  await page.evaluate(() => {
    const w = window as unknown as { __pointerEvents: string[] };
    w.__pointerEvents = [];
    for (const type of ['mousedown', 'mouseup', 'pointerdown', 'pointerup', 'wheel']) {
      window.addEventListener(type, (e) => w.__pointerEvents.push(`${type}:${(e.target as Element).tagName}`), true);
    }
  });
  const kb = page.keyboard;

  // Unlock: the passphrase field has the focus.
  await expect(page.getByLabel('Passphrase')).toBeFocused();
  await kb.type(TEST_PASSPHRASE);
  await kb.press('Enter');
  await expect(page.getByRole('heading', { name: 'Cases' })).toBeVisible();

  // Ctrl+E, the TIN's last four, ↓, Enter: the case opens at its first unread message.
  await kb.press('Control+E');
  await expect(page.getByRole('combobox', { name: 'Search cases and messages' })).toBeFocused();
  await kb.type('4321');
  await expect(page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first()).toContainText('Rosa Delgado');
  await kb.press('ArrowDown');
  await kb.press('Enter');
  await expect(page.getByRole('heading', { name: 'Rosa Delgado' })).toBeVisible();
  await expect(page.getByTestId('reading-pane').getByTestId('fax-label')).toHaveText(/^RECEIVED 04\/21\/2025 10:03 AM ET/);
  // The focus followed into the case's conversation once it had loaded.
  await expect(page.getByTestId('conversation')).toBeFocused();

  // Move in the conversation with the keys, open the message with Enter (the reading pane takes the focus).
  await kb.press('Alt+2');
  await expect(page.getByTestId('conversation')).toBeFocused();
  await kb.press('k');
  await kb.press('j');
  await kb.press('Enter');
  await expect(page.getByTestId('reading-pane')).toBeFocused();

  // Ctrl+R: reply; attach through the main side's file dialog (Tab to the button, Enter), send with Ctrl+Enter.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-kb-'));
  fs.writeFileSync(path.join(dir, 'signed-form-656.pdf'), '%PDF-1.4\n%%EOF\n');
  await kb.press('Control+R');
  const composer = page.getByTestId('composer');
  await expect(composer.getByLabel('Message')).toBeFocused();
  await kb.type('Received, thank you. The signed Form 656 is attached.');
  app.queueDialogAnswer([path.join(dir, 'signed-form-656.pdf')]);
  await kb.press('Tab');
  await expect(composer.getByRole('button', { name: 'Attach files…' })).toBeFocused();
  await kb.press('Enter');
  await expect(composer.getByRole('list', { name: 'Files to send' })).toContainText('signed-form-656.pdf');
  await kb.press('Control+Enter');
  await expect(composer).toHaveCount(0);
  await expect(page.getByTestId('outbox-item')).toContainText('signed-form-656.pdf');
  expect(app.vault.require().listOutbox().filter((o) => o.caseId === caseId)).toHaveLength(1);

  // Ctrl+Shift+P: print the case; Enter builds it; Esc closes the dialog.
  await kb.press('Control+Shift+P');
  const dialog = page.getByRole('dialog', { name: 'Print the case for Appeals' });
  await expect(dialog.getByRole('button', { name: 'Build package' })).toBeFocused();
  await kb.press('Enter');
  await expect(dialog.getByTestId('print-outcome')).toContainText('to the SBU folder as OIC-package-', { timeout: 60_000 });
  await kb.press('Escape');
  await expect(dialog).toHaveCount(0);

  // F1: the shortcuts dialog lists the registry; Esc closes it and focus returns.
  await kb.press('F1');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Mark as unread');
  await expect(help).toContainText('Ctrl+U');
  await kb.press('Escape');
  await expect(help).toHaveCount(0);

  // Ctrl+L locks.
  await kb.press('Control+L');
  await expect(page.getByRole('heading', { name: 'Unlock your secure vault' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pointerEvents: string[] }).__pointerEvents)).toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
});
