/**
 * Case work end to end (issue 11), against the reference server in DEMO mode: the examiner requests
 * documents with a deadline, the taxpayer (driven on the server) answers with a file, the examiner marks
 * it against the item, a later clock makes the other items overdue, the case list and the Due view show
 * it, "Prepare for Appeals" lists what is missing, the examiner fixes it and prints the case (the cover,
 * read back with pdf.js, tells the request history), marks it transferred, and after the retention days
 * the laptop copy is purged. Screens go to test-results/screens/.
 */
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { addDays, dayOfWeek, formatMonthDayYear } from '../../shared/requests/calendar-date';
import { deadlineInstant, formatDeadline, nextBusinessDay, todayIn } from '../../shared/requests/due-date';
import { openPdf, pageTexts } from '../print/helpers/read-pdf';
import { taxpayer, taxpayerSends } from '../sync/helpers/harness';
import { E2E_TIME_ZONE, expect, test } from './harness/fixture';
import { openSeededWorkspace } from './harness/seeded-workspace';
import { createVaultInUi, TEST_PASSPHRASE } from './harness/vault-ui';

test.use({ server: 'demo' });

const SCREENS = 'test-results/screens';
const DAY_MS = 86_400_000;
/**
 * The zone the harness pins the app's deadlines to (the office's); every date here is computed in it,
 * never in the machine's, so the spec passes on a laptop in Honolulu or Tokyo too.
 */
const OFFICE_TIME_ZONE = E2E_TIME_ZONE;

/** WCAG 2.1 AA as axe finds it (names, roles, contrast), as accessibility.spec.ts checks every screen. */
async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
}

/** The screen in both themes, checked by axe in each (the theme is flipped on the page; the preference is untouched). */
async function shoot(page: Page, name: string) {
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((t) => { document.documentElement.dataset.theme = t; }, theme);
    expect(await violations(page), `${name} (${theme})`).toEqual([]);
    await page.screenshot({ path: `${SCREENS}/${name}-1366x768-${theme}.png` });
  }
  await page.evaluate(() => { document.documentElement.dataset.theme = 'system'; });
}

/** Lock and unlock: the main side's injected clock is read afresh, and the retention purge runs. */
async function lockAndUnlock(page: Page) {
  await page.keyboard.press('Control+L');
  await expect(page.getByRole('heading', { name: 'Unlock your secure vault' })).toBeVisible();
  await page.getByLabel('Passphrase').fill(TEST_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('listbox', { name: 'Cases' }).or(page.getByRole('listbox', { name: /^Due items/ }))).toBeVisible();
}

async function statementPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const month of ['January', 'February', 'March']) {
    doc.addPage([612, 792]).drawText(`Checking account statement, ${month} 2025 (synthetic)`, { x: 72, y: 700, size: 14, font });
  }
  return Buffer.from(await doc.save());
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The first Saturday at least a week after `today`: a due date that must move to a business day. */
function aSaturdayAfter(today: string): string {
  let day = addDays(today, 7);
  while (dayOfWeek(day) !== 6) day = addDays(day, 1);
  return day;
}

test('request documents → taxpayer answers → mark files → overdue → Appeals checklist → print → transfer → purge', async ({ app }) => {
  test.setTimeout(300_000);
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  await createVaultInUi(page);
  await expect(page.getByTestId('sync-status')).toHaveText('Online · up to date', { timeout: 60_000 });
  const caseOption = page.getByRole('listbox', { name: 'Cases' }).getByRole('option', { name: /Jordan Ellis .*DEMO-0000010001/ });
  await caseOption.click();
  await expect(page.getByRole('heading', { name: 'Jordan Ellis' })).toBeVisible();

  // 1. Request documents (Ctrl+Shift+D): three items, a Saturday due date moved to the business day after.
  const today = todayIn(OFFICE_TIME_ZONE, new Date());
  const saturday = aSaturdayAfter(today);
  const due = nextBusinessDay(saturday);
  await page.getByTestId('conversation').focus();
  await page.keyboard.press('Control+Shift+D');
  const dialog = page.getByRole('dialog', { name: 'Request documents' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('checkbox', { name: 'Bank statements', exact: true }).check();
  await dialog.getByRole('checkbox', { name: 'Pay stubs', exact: true }).check();
  await dialog.getByRole('checkbox', { name: 'Other', exact: true }).check();
  await dialog.getByLabel('What to ask for').fill('Divorce decree');
  await dialog.getByLabel('Wording (what the taxpayer reads)').fill('A copy of your divorce decree, including the property settlement.');
  await dialog.getByLabel('Due date').fill(saturday);
  await expect(dialog.getByTestId('due-moved')).toContainText(`${formatMonthDayYear(saturday)} is not a business day (a weekend)`);
  await expect(dialog.getByTestId('due-moved')).toContainText(`the item is due ${WEEKDAYS[dayOfWeek(due)]} ${formatMonthDayYear(due)}`);
  await expect(dialog.getByTestId('deadline-text')).toHaveText(formatDeadline(due, OFFICE_TIME_ZONE));
  await expect(dialog.getByTestId('request-count')).toHaveText('3 items: Bank statements, Pay stubs, Divorce decree.');
  await shoot(page, 'casework-request-dialog');
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.screenshot({ path: `${SCREENS}/casework-request-dialog-1024x640.png` });
  await page.setViewportSize({ width: 1366, height: 768 });
  await dialog.getByRole('button', { name: 'Send request' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('toast')).toContainText('queued — sends when online');

  // The request goes out through the outbox; the case header sums it up and opens the requests panel.
  const summary = page.getByTestId('request-summary');
  await expect(summary).toContainText('0 of 3 items received');
  await summary.click();
  const panel = page.getByTestId('request-panel');
  await expect(panel.getByTestId('request-card')).toHaveCount(1);
  await expect(panel.getByTestId('request-card')).toContainText('Sent', { timeout: 60_000 });
  await expect(panel.getByTestId('request-deadline')).toContainText(due.slice(0, 4));
  await expect(panel.getByTestId('request-item')).toHaveCount(3);

  // 2. The taxpayer answers on the server with a PDF whose name says what it is.
  const fileName = 'Bank statements Jan-Mar 2025.pdf';
  await taxpayerSends(await taxpayer(await app.demoServerUrl()), 'Here are my bank statements for January to March.', { name: fileName, bytes: await statementPdf() });
  const search = page.getByRole('combobox', { name: 'Search cases and messages' });
  await expect(async () => {
    await search.fill('bank statements for January to March');
    await expect(page.getByRole('listbox', { name: 'Search results' }).getByRole('option')).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await search.press('Enter');
  const reading = page.getByTestId('reading-pane');
  const attachment = reading.getByTestId('attachment').filter({ hasText: fileName });
  await expect(attachment).toBeVisible({ timeout: 60_000 });

  // 3. Marked against the item its name suggests (the examiner confirms by ticking).
  await attachment.getByText('Mark as answering…').click();
  const suggested = attachment.getByTestId('answer-option').filter({ hasText: 'Suggested' });
  await expect(suggested).toHaveCount(1);
  await expect(suggested).toContainText('Bank statements');
  await expect(attachment.getByTestId('answer-option').first()).toContainText('Bank statements');
  await suggested.getByRole('checkbox').check();
  await expect(attachment.getByRole('list', { name: `Items ${fileName} answers` })).toContainText('Answers: Bank statements');
  await expect(summary).toContainText('0 of 3 items received');
  await page.screenshot({ path: `${SCREENS}/casework-attachment-marked-1366x768-light.png` });
  // The preview's header says what the file answers too.
  await attachment.getByRole('button', { name: `Preview ${fileName}` }).click();
  await expect(page.getByTestId('document-area').getByTestId('preview-answers')).toHaveText('Answers: Bank statements');
  await page.getByRole('button', { name: 'Close preview' }).click();

  // 4. Days later (injected clock): the items not received are overdue.
  app.setClock(new Date(Date.parse(deadlineInstant(due, OFFICE_TIME_ZONE)) + 2 * DAY_MS).toISOString());
  await lockAndUnlock(page);
  await expect(page.getByRole('heading', { name: 'Jordan Ellis' })).toBeVisible();
  await page.getByLabel('Show').selectOption('overdue');
  await expect(page.getByRole('listbox', { name: 'Cases' }).getByRole('option')).toHaveCount(1);
  await expect(caseOption.getByTestId('casework-badge')).toHaveText('3 overdue');
  await page.getByLabel('Sort').selectOption('due');
  await page.screenshot({ path: `${SCREENS}/casework-case-list-overdue-1366x768-light.png` });
  await page.getByLabel('Show').selectOption('all');

  // The Due view (Alt+4, in the case list pane's place): every open item, oldest deadline first; Enter opens the item.
  await page.getByRole('listbox', { name: 'Cases' }).focus();
  await page.keyboard.press('Alt+4');
  const dueList = page.getByRole('listbox', { name: 'Due items, oldest deadline first' });
  await expect(dueList).toBeFocused();
  await expect(dueList.getByRole('option')).toHaveCount(3);
  await expect(dueList.getByRole('option').first()).toContainText('Overdue');
  await shoot(page, 'casework-due-view');
  await page.keyboard.press('Enter');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('request-item').filter({ hasText: 'Overdue' })).toHaveCount(3);
  await shoot(page, 'casework-request-panel');
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.screenshot({ path: `${SCREENS}/casework-request-panel-1024x640.png` });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.keyboard.press('Alt+4');

  // 5. Prepare for Appeals (Ctrl+Shift+A) lists what is missing, each line a way to it.
  await page.getByTestId('conversation').focus();
  await page.keyboard.press('Control+Shift+A');
  const appeals = page.getByRole('dialog', { name: 'Prepare for Appeals' });
  const check = (id: string) => appeals.locator(`[data-check="${id}"]`);
  await expect(check('requests-resolved')).toHaveClass(/open/);
  await expect(check('requests-resolved')).toContainText('Pay stubs');
  await expect(check('package-built')).toHaveClass(/open/);
  await shoot(page, 'casework-appeals-checklist');

  // 6. Fix it: the line goes to the item; it is waived with a reason; the file's item received; the rest waived.
  await check('requests-resolved').getByRole('button', { name: /Pay stubs/ }).click();
  await expect(appeals).toBeHidden();
  const item = (label: string) => panel.getByTestId('request-item').filter({ has: page.getByRole('heading', { name: label, exact: true }) });
  await expect(item('Pay stubs').getByRole('heading', { name: 'Pay stubs' })).toBeFocused();
  for (const label of ['Pay stubs', 'Divorce decree']) {
    await item(label).getByRole('button', { name: `Waive ${label}` }).click();
    await item(label).getByLabel('Why it is no longer needed').fill('Not needed: income verified from the wage transcript');
    await item(label).getByRole('button', { name: 'Waive item' }).click();
    await expect(item(label).getByTestId('item-state')).toHaveText('Waived');
  }
  await item('Bank statements').getByRole('button', { name: 'Mark Bank statements received' }).click();
  await expect(item('Bank statements').getByTestId('item-state')).toHaveText('Received');
  await item('Bank statements').getByText(/^History/).click();
  await expect(item('Bank statements').locator('.item-history')).toContainText(`Marked ${fileName} as answering it`);
  await expect(summary).toContainText('1 of 3 items received');
  // Every inbound message read (Ctrl+Shift+Q), from the conversation.
  await page.getByTestId('conversation').focus();
  if (await page.getByRole('button', { name: 'Mark all read in case' }).isEnabled()) await page.keyboard.press('Control+Shift+Q');

  await page.keyboard.press('Control+Shift+A');
  await expect(check('requests-resolved')).toHaveClass(/ok/);
  await expect(check('messages-read')).toHaveClass(/ok/);
  await expect(check('outbox-empty')).toHaveClass(/ok/);

  // 7. Print the case from the checklist; the cover tells the request history.
  const before = new Set(fs.existsSync(app.sbuFolder) ? fs.readdirSync(app.sbuFolder) : []);
  await check('package-built').getByRole('button', { name: 'Print case for Appeals…' }).click();
  const print = page.getByRole('dialog', { name: 'Print the case for Appeals' });
  await print.getByRole('button', { name: 'Build package' }).click();
  await expect(print.getByTestId('print-outcome')).toBeVisible({ timeout: 180_000 });
  const built = fs.readdirSync(app.sbuFolder).filter((f) => f.endsWith('.pdf') && !before.has(f));
  expect(built.length).toBeGreaterThan(0);
  const cover = (await pageTexts(await openPdf(path.join(app.sbuFolder, built[0]!)))).slice(0, 4).join(' ');
  expect(cover).toContain('DOCUMENT REQUESTS');
  expect(cover).toContain(`Answered by ${fileName}`);
  for (const label of ['Bank statements', 'Pay stubs', 'Divorce decree']) expect(cover).toContain(label);
  expect(cover).toContain('Waived');
  await print.getByRole('button', { name: 'Close' }).click();

  // 8. Mark transferred (confirmed; open checks, if any, named and acknowledged).
  await page.getByTestId('conversation').focus();
  await page.keyboard.press('Control+Shift+A');
  await expect(check('package-built')).toHaveClass(/ok/);
  await appeals.getByRole('button', { name: 'Mark transferred to Appeals…' }).click();
  const confirm = appeals.getByTestId('transfer-confirm');
  await expect(confirm).toBeVisible();
  const anyway = confirm.getByRole('checkbox', { name: /Transfer anyway/ });
  if (await anyway.count()) await anyway.check();
  await confirm.getByRole('button', { name: 'Mark transferred' }).click();
  const facts = appeals.getByTestId('transfer-facts');
  await expect(facts).toContainText('Transferred to Appeals');
  await shoot(page, 'casework-transferred');
  const purgeOn = /purged on (\d\d)\/(\d\d)\/(\d{4})/.exec((await facts.textContent()) ?? '');
  expect(purgeOn, 'the purge date is shown').not.toBeNull();
  await appeals.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('transfer-line')).toContainText('Transferred to Appeals');
  await expect(caseOption.getByTestId('casework-badge')).toContainText('Transferred · purge in');

  // New inbound messages for a transferred case still sync, and are flagged.
  await taxpayerSends(await taxpayer(await app.demoServerUrl()), 'One more statement, sent after the transfer.');
  await expect(page.getByTestId('since-transfer')).toContainText('1 new message since transfer', { timeout: 60_000 });
  await expect(caseOption.getByTestId('casework-badge')).toContainText('1 new since');
  await page.screenshot({ path: `${SCREENS}/casework-case-transferred-1366x768-light.png` });

  // 9. After the retention days (injected clock), the next unlock purges the laptop copy.
  const [, mm, dd, yyyy] = purgeOn!;
  app.setClock(new Date(Date.parse(deadlineInstant(`${yyyy}-${mm}-${dd}`, OFFICE_TIME_ZONE)) + DAY_MS).toISOString());
  await lockAndUnlock(page);
  await expect(page.getByRole('listbox', { name: 'Cases' }).getByRole('option', { name: /DEMO-0000010001/ })).toHaveCount(0, { timeout: 30_000 });
  app.setClock(null);
});

test.describe('offline', () => {
  test.use({ server: 'none' });

  test('a request written offline is queued in the outbox, and the case shows what is due', async ({ app }) => {
    const { page } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await openSeededWorkspace(app);
    await page.getByRole('listbox', { name: 'Cases' }).getByRole('option', { name: /Rosa Delgado/ }).click();
    await expect(page.getByRole('heading', { name: 'Rosa Delgado' })).toBeVisible();
    await page.getByRole('button', { name: 'Request documents…' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Request documents' });
    await dialog.getByRole('checkbox', { name: 'Mortgage or rent', exact: true }).check();
    await dialog.getByLabel('Send in').selectOption({ label: 'A new thread' });
    await dialog.getByLabel('Subject').fill('Housing costs for your offer');
    const deadline = await dialog.getByTestId('deadline-text').textContent();
    await dialog.getByRole('button', { name: 'Send request' }).click();
    await expect(page.getByTestId('toast')).toContainText('queued — sends when online');
    await expect(page.getByTestId('outbox-item')).toContainText('Housing costs for your offer');
    await page.getByTestId('request-summary').click();
    const card = page.getByTestId('request-card');
    await expect(card).toContainText('Queued — sends when online');
    await expect(card.getByTestId('request-deadline')).toHaveText(deadline ?? '');
    await expect(page.getByRole('option', { name: /Rosa Delgado/ }).getByTestId('casework-badge')).toHaveText(/^Due \d\d\/\d\d$/);
  });
});
