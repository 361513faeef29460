/**
 * The case list follows sync by delta: when a new message for one case arrives on the reference server
 * and sync applies it, `data.changed` names that case and the renderer asks `cases.summaries` for it
 * and patches its cached list (unread count, last activity, place in the list) without reading every
 * case again through `cases.list`.
 */
import { shortDate } from '../../renderer/src/workspace/labels';
import { CASE_LIST_PAGE_SIZE } from '../../shared/ipc/workspace-schemas';
import { taxpayer, taxpayerSends } from '../sync/helpers/harness';
import { expect, test } from './harness/fixture';
import { createVaultInUi } from './harness/vault-ui';

test.use({ server: 'demo' });
test.setTimeout(120_000);

test('a new message for one case updates its row through cases.summaries, not a new cases.list', async ({ app }) => {
  const { page } = app;
  await createVaultInUi(page);
  await expect(page.getByTestId('sync-status')).toHaveText('Online · up to date', { timeout: 60_000 });

  const cases = page.getByRole('listbox', { name: 'Cases' }).getByRole('option');
  const jordan = cases.filter({ hasText: 'DEMO-0000010001' });
  await expect(jordan).toBeVisible();
  const unreadOf = async () => Number((await jordan.locator('.unread-badge').textContent().catch(() => '0')) || 0);
  const unreadBefore = await unreadOf();
  const caseId = app.vault.require().listCases().find((c) => c.offerNumber === 'DEMO-0000010001')!.id;
  // Let the first sync's reads settle (no call for 750 ms), then count only what the new message causes.
  for (let seen = -1; seen !== app.calls.length;) {
    seen = app.calls.length;
    await page.waitForTimeout(750);
  }
  const mark = app.calls.length;

  await taxpayerSends(await taxpayer(await app.demoServerUrl()), 'Here is the signed Form 656, as requested.');
  await expect.poll(unreadOf, { timeout: 30_000 }).toBe(unreadBefore + 1);

  const stored = app.vault.require().listCaseSummaries().find((c) => c.id === caseId)!;
  expect(stored.unreadCount).toBe(unreadBefore + 1);
  await expect(jordan.locator('.case-date')).toHaveText(shortDate(stored.lastReceivedAt));
  // Newest activity first: the case with the new message heads the list.
  await expect(cases.first()).toContainText('DEMO-0000010001');

  const after = app.calls.slice(mark);
  const summaries = after.filter((c) => c.channel === 'cases.summaries');
  expect(summaries.length).toBeGreaterThan(0);
  expect(summaries.some((c) => (c.payload as { caseIds: number[] }).caseIds.includes(caseId))).toBe(true);
  expect(after.filter((c) => c.channel === 'cases.list')).toEqual([]);

  // The list leaves the main side a page at a time as UTF-8 JSON bytes (made in the reader worker); the page decodes them.
  const raw = await app.invokeRaw('cases.list', undefined) as { ok: boolean; jsonUtf8?: Uint8Array; value?: unknown };
  expect(raw).toMatchObject({ ok: true, jsonUtf8: expect.any(Uint8Array) });
  expect(raw.value).toBeUndefined();
  const listed = JSON.parse(new TextDecoder().decode(raw.jsonUtf8)) as { cases: Array<{ id: number; unread: number }>; nextPageToken: string | null; total: number };
  expect(listed).toMatchObject({ nextPageToken: null, total: app.vault.require().listCases().length }); // the demo's cases fit one page
  expect(listed.cases).toHaveLength(listed.total);
  expect(listed.cases.find((c) => c.id === caseId)!.unread).toBe(unreadBefore + 1);

  // By keyboard alone: the patched row is the list's first option, and Enter opens its case.
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('case-list')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('case-list')).toHaveAttribute('aria-activedescendant', `case-option-${caseId}`);
  await page.keyboard.press('Enter');
  await expect(cases.first()).toHaveAttribute('aria-selected', 'true');
  const name = app.vault.require().listCases().find((c) => c.id === caseId)!.taxpayerName;
  await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();

  // The list after the patch, for a person to look at (the theme follows the system's by default).
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    for (const size of [{ width: 1366, height: 768 }, { width: 1024, height: 640 }]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `test-results/screens/list-after-delta-${size.width}x${size.height}-${theme}.png` });
    }
  }
});

test.describe('a list longer than a page', () => {
  test.use({ server: 'none' });

  test('is read a page at a time and shown whole, in order, by the real renderer', async ({ app }) => {
    const { page } = app;
    await createVaultInUi(page);
    const list = page.getByRole('listbox', { name: 'Cases' });
    await expect(list).toBeVisible();
    const total = CASE_LIST_PAGE_SIZE * 2 + 37;
    const vault = app.vault.require();
    vault.batch(() => {
      for (let n = 0; n < total; n++) {
        vault.createCase({ offerNumber: `DEMO-${String(700000 + n).padStart(10, '0')}`, taxpayerName: `Paged Taxpayer ${n}`, tinMasked: '***-**-4327', assignedRole: 'OE', createdAt: '2025-02-01T12:00:00Z' });
      }
    });
    // "Any case": the list is read again whole (once after the first read if that is still running).
    await app.emit('data.changed', { caseIds: [], kinds: ['cases'] });

    const options = list.getByRole('option');
    await expect(options.first()).toHaveAttribute('aria-setsize', String(total), { timeout: 30_000 });
    // The latest read (one more may follow a read the change came during) asks for its last page: a
    // first page without a token, then one per token.
    const lastRead = () => {
      const lists = app.calls.filter((c) => c.channel === 'cases.list');
      return lists.slice(lists.map((c) => c.payload === undefined).lastIndexOf(true));
    };
    await expect.poll(() => lastRead().length).toBe(3);
    for (const r of lastRead().slice(1)) expect((r.payload as { pageToken: string }).pageToken).toMatch(/^[0-9a-f]{32}$/);
    // None has a message, so the pane's sort puts the first and the last created at the two ends.
    const ends = [await options.first().textContent()];
    await list.focus();
    await page.keyboard.press('End');
    const last = list.locator(`[role="option"][aria-posinset="${total}"]`);
    await expect(last).toBeVisible();
    ends.push(await last.textContent());
    expect(ends.map((t) => /Paged Taxpayer (\d+)/.exec(t ?? '')?.[1]).sort()).toEqual(['0', String(total - 1)]);
  });
});
