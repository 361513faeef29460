/**
 * Every kind of document taxpayers send, previewed in the reading pane from the vault (no plaintext on
 * disk): PDFs by range through pdf.js, TIFF faxes and photos decoded page by page in the main process,
 * Word and Excel through their converters in a worker, CSV as a table, text in its encoding — and the
 * hostile files, each refused with a message while the window stays responsive.
 */
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { DOCX_TEXT, REMOTE_IMAGE_URL, XLSX_TEXT } from '../fixtures/preview/office-fixtures';
import { pageMarker } from '../fixtures/preview/pdf-fixtures';
import { CSV_ROWS, WINDOWS_1252_LINE } from '../fixtures/preview/text-fixtures';
import { expect, test, type AppHarness } from './harness/fixture';
import { PREVIEW_FILES, seedPreviewCase, type PreviewFile } from './harness/seed-preview-case';
import { createVaultInUi } from './harness/vault-ui';

const passwordPdf = fs.readFileSync(path.resolve(import.meta.dirname, '../print/fixtures/encrypted-needs-password.pdf'));
const emptyPasswordPdf = fs.readFileSync(path.resolve(import.meta.dirname, '../print/fixtures/encrypted-empty-password.pdf'));

async function openPreviewCase(app: AppHarness) {
  await createVaultInUi(app.page);
  await expect(app.page.getByText('No cases on this laptop yet')).toBeVisible({ timeout: 30_000 });
  const seeded = await seedPreviewCase(app.vault.require(), { passwordPdf });
  await app.page.reload();
  await app.page.getByRole('listbox', { name: 'Cases' }).getByRole('option', { name: /Maria Preview/ }).click();
  await expect(app.page.getByTestId('reading-pane')).toBeVisible();
  return seeded;
}

async function preview(page: Page, file: PreviewFile) {
  await page.getByRole('button', { name: `Preview ${PREVIEW_FILES[file]}`, exact: true }).click();
  const area = page.getByTestId('document-area');
  await expect(area.getByRole('heading', { name: PREVIEW_FILES[file] })).toBeVisible();
  return area;
}

/** Share of a canvas's pixels that are dark: a drawn page has text, a failed one is blank. */
function darkShare(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d');
    if (!ctx) return 0;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 100) dark++;
    return dark / (data.length / 4);
  });
}

/** WCAG 2.1 AA findings in the document area (axe-core), as short records. */
async function axeFindings(page: Page): Promise<Array<{ id: string; targets: string[] }>> {
  const result = await new AxeBuilder({ page }).include('[data-testid="document-area"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
}

const screen = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/preview-${name}-1366x768.png` });

test.use({ viewport: { width: 1366, height: 768 } });

test('a multi-page PDF: page n of N, paging by keyboard, page 3 text through the text layer, find, zoom and rotate', async ({ app }) => {
  const { page } = app;
  await openPreviewCase(app);
  const area = await preview(page, 'pdf');
  const viewer = area.getByTestId('pdf-viewer');
  await expect(viewer.getByTestId('pdf-page-of')).toHaveText(' of 5');
  await expect(viewer.getByTestId('pdf-text-layer')).toContainText(pageMarker(1));
  await screen(page, 'pdf');
  expect(await axeFindings(page)).toEqual([]);

  await viewer.getByTestId('pdf-stage').focus();
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await expect(viewer).toHaveAttribute('data-page', '3');
  await expect(viewer.getByTestId('pdf-text-layer')).toContainText(`${pageMarker(3)}`);
  await expect(viewer.getByTestId('pdf-text-layer')).toContainText('Page 3 of 5');
  await page.keyboard.press('End');
  await expect(viewer).toHaveAttribute('data-page', '5');
  await page.keyboard.press('Home');
  await expect(viewer).toHaveAttribute('data-page', '1');

  // Find: Ctrl+F goes to the box; Enter goes to the page holding the text.
  await page.keyboard.press('Control+F');
  await expect(viewer.getByRole('searchbox', { name: 'Find in document' })).toBeFocused();
  await page.keyboard.type(pageMarker(4));
  await expect(viewer.getByTestId('pdf-find-status')).toHaveText('1 match on 1 page');
  await page.keyboard.press('Enter');
  await expect(viewer).toHaveAttribute('data-page', '4');
  await expect(viewer.locator('mark.find-hit')).toHaveText(pageMarker(4));

  // Zoom and rotate the view: the drawn page changes shape, not the file.
  const before = await viewer.locator('.pdf-stage .pdf-page').boundingBox();
  await viewer.getByRole('button', { name: 'Rotate view clockwise' }).click();
  await expect.poll(async () => { const b = await viewer.locator('.pdf-stage .pdf-page').boundingBox(); return b ? b.width > b.height : false; }).toBe(true);
  await viewer.getByRole('combobox', { name: 'Zoom' }).selectOption('0.5');
  await expect.poll(async () => (await viewer.locator('.pdf-stage .pdf-page').boundingBox())?.height ?? 0).toBeCloseTo(306, 0);
  expect(before && before.height > before.width).toBe(true);
  // Thumbnails go to a page.
  await viewer.getByRole('button', { name: 'Page 2', exact: true }).click();
  await expect(viewer).toHaveAttribute('data-page', '2');
  // The dark theme: the viewer's chrome follows it, the page stays paper-white.
  await viewer.getByRole('combobox', { name: 'Zoom' }).selectOption('fit-width');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await page.screenshot({ path: 'test-results/screens/preview-pdf-1366x768-dark.png' });
  // Full window, and Esc back to the pane, then Esc closes the preview.
  await area.getByRole('button', { name: 'Full window' }).click();
  await expect(area).toHaveClass(/document-area-expanded/);
  await page.screenshot({ path: 'test-results/screens/preview-pdf-full-window-1366x768-dark.png' });
  await viewer.getByTestId('pdf-stage').focus();
  await page.keyboard.press('Escape');
  await expect(area).not.toHaveClass(/document-area-expanded/);
  await page.keyboard.press('Escape');
  await expect(area).toHaveCount(0);
});

test('a 300-page PDF shows page 1 after reading a small part of the file, and find reaches page 250', async ({ app }) => {
  const { page } = app;
  const { ids, sizes } = await openPreviewCase(app);
  const started = app.calls.length;
  const area = await preview(page, 'longPdf');
  const viewer = area.getByTestId('pdf-viewer');
  await expect(viewer.getByTestId('pdf-text-layer')).toContainText(pageMarker(1));
  await expect(viewer.getByTestId('pdf-page-of')).toHaveText(' of 300');
  const reads = app.calls.slice(started).filter((c) => c.channel === 'attachments.read' && (c.payload as { attachmentId: number }).attachmentId === ids.longPdf);
  const bytesAsked = reads.reduce((n, c) => n + (c.payload as { length: number }).length, 0);
  console.log(`300-page PDF (${sizes.longPdf} B): page 1 after ${reads.length} slices, ${bytesAsked} B asked (${(100 * bytesAsked / sizes.longPdf).toFixed(1)} %)`);
  expect(bytesAsked).toBeLessThan(sizes.longPdf * 0.35);

  await viewer.getByRole('searchbox', { name: 'Find in document' }).fill(pageMarker(250));
  await expect(viewer.getByTestId('pdf-find-status')).toHaveText('1 match on 1 page', { timeout: 30_000 });
  await viewer.getByRole('searchbox', { name: 'Find in document' }).press('Enter');
  await expect(viewer).toHaveAttribute('data-page', '250');
  await expect(viewer.getByTestId('pdf-text-layer')).toContainText('Page 250 of 300');
});

test('a scanned fax PDF (CCITT G4 images) renders its pages', async ({ app }) => {
  const { page } = app;
  await openPreviewCase(app);
  const area = await preview(page, 'faxPdf');
  const viewer = area.getByTestId('pdf-viewer');
  await expect(viewer.getByTestId('pdf-page-of')).toHaveText(' of 3');
  await expect(viewer.locator('.pdf-stage canvas')).toBeVisible();
  await expect.poll(() => darkShare(page, '.pdf-stage canvas'), { timeout: 15_000 }).toBeGreaterThan(0.01);
  await screen(page, 'fax-pdf');
});

test('PDFs that cannot be shown say why: damaged, password-protected; an empty-password one opens', async ({ app }) => {
  const { page } = app;
  const { messageId } = await openPreviewCase(app);
  let area = await preview(page, 'truncatedPdf');
  await expect(area.getByRole('alert')).toContainText(/damaged/);
  area = await preview(page, 'passwordPdf');
  await expect(area.getByRole('alert')).toContainText('protected by a password');
  await screen(page, 'pdf-password');

  async function* once(bytes: Uint8Array) { yield bytes; }
  await app.vault.require().addAttachment({ messageId, fileName: 'Open statement.pdf', declaredType: 'application/pdf' }, once(emptyPasswordPdf));
  await page.reload();
  await page.getByRole('listbox', { name: 'Cases' }).getByRole('option', { name: /Maria Preview/ }).click();
  await page.getByRole('button', { name: 'Preview Open statement.pdf', exact: true }).click();
  await expect(page.getByTestId('pdf-viewer').locator('.pdf-stage canvas')).toBeVisible();
  await expect(page.getByTestId('document-area').getByRole('alert')).toHaveCount(0);
});

test('a 3-page G4 TIFF fax: every page decoded; a phone photo shows upright', async ({ app }) => {
  const { page } = app;
  await openPreviewCase(app);
  const area = await preview(page, 'tiff');
  const viewer = area.getByTestId('image-viewer');
  await expect(viewer.getByTestId('image-page-of')).toHaveText('Page 1 of 3');
  for (const n of [1, 2, 3]) {
    await expect(viewer.getByTestId('image-page')).toHaveAttribute('alt', `${PREVIEW_FILES.tiff}, page ${n} of 3`);
    await expect.poll(() => viewer.getByTestId('image-page').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    if (n === 2) { await screen(page, 'tiff'); expect(await axeFindings(page)).toEqual([]); }
    if (n < 3) await viewer.getByRole('button', { name: 'Next page' }).click();
  }
  await expect(viewer.getByRole('button', { name: 'Next page' })).toBeDisabled();

  const photo = (await preview(page, 'photo')).getByTestId('image-viewer');
  const img = photo.getByTestId('image-page');
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalHeight > i.naturalWidth && i.naturalWidth > 0)).toBe(true);
  await screen(page, 'photo');
});

test('a DOCX with a table and an image; an XLSX with two sheets and a formula; CSV as a table; Windows-1252 text', async ({ app }) => {
  const { page } = app;
  await openPreviewCase(app);
  let area = await preview(page, 'docx');
  const docx = area.getByTestId('docx-page');
  await expect(docx.locator('table')).toContainText(DOCX_TEXT.cells[1][1]);
  await expect(docx).toContainText(DOCX_TEXT.heading);
  await expect(docx.locator('img')).toHaveCount(1);
  expect(await docx.locator('img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
  await screen(page, 'docx');
  expect(await axeFindings(page)).toEqual([]);

  area = await preview(page, 'xlsx');
  await expect(area.getByRole('tab')).toHaveCount(2);
  await expect(area.getByTestId('sheet-grid')).toContainText(XLSX_TEXT.formulaResult);
  await screen(page, 'xlsx');
  expect(await axeFindings(page)).toEqual([]);
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await page.screenshot({ path: 'test-results/screens/preview-xlsx-1366x768-dark.png' });
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
  await area.getByRole('tab').nth(1).click();
  await expect(area.getByTestId('sheet-grid')).toContainText('Housing');

  area = await preview(page, 'csv');
  await expect(area.getByTestId('csv-summary')).toContainText(`${CSV_ROWS} rows`);
  await expect(area.getByTestId('csv-table').getByRole('columnheader', { name: 'description' })).toBeVisible();
  await expect(area.getByTestId('csv-table')).toContainText('Deposit, branch 1');
  // Virtualized: far fewer rows in the DOM than in the file.
  expect(await area.getByTestId('csv-table').getByRole('row').count()).toBeLessThan(100);
  await screen(page, 'csv');

  area = await preview(page, 'text');
  await expect(area.getByTestId('preview-text')).toContainText(WINDOWS_1252_LINE);
  await expect(area.getByTestId('text-encoding')).toHaveText('Windows-1252');
});

test('a hostile DOCX: no script, no event handler, no remote image in the DOM, and no request made', async ({ app }) => {
  const { page } = app;
  await openPreviewCase(app);
  const requests: string[] = [];
  page.on('request', (r) => { if (!r.url().startsWith(app.origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) requests.push(r.url()); });
  await page.evaluate(() => {
    (window as unknown as { __violations: string[] }).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __violations: string[] }).__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const area = await preview(page, 'hostileDocx');
  const docx = area.getByTestId('docx-page');
  await expect(docx).toContainText('Hostile fixture');
  // What the DOM holds, element by element (the text may say "<script>": it is text).
  const found = await docx.evaluate((root) => {
    const all = Array.from(root.querySelectorAll('*'));
    return {
      scripts: root.querySelectorAll('script, iframe, object, embed, svg, style, link, form').length,
      handlers: all.flatMap((el) => el.getAttributeNames().filter((a) => a.toLowerCase().startsWith('on'))),
      links: all.filter((el) => el.hasAttribute('href')).length,
      sources: all.map((el) => el.getAttribute('src')).filter((v): v is string => v !== null).map((v) => v.slice(0, 22)),
      styles: all.filter((el) => el.hasAttribute('style')).length,
    };
  });
  expect(found.scripts).toBe(0);
  expect(found.handlers).toEqual([]);
  expect(found.links).toBe(0);
  expect(found.styles).toBe(0);
  // Only the document's own PNG is shown, inline; the remote, SVG and fake pictures are dropped.
  expect(found.sources).toEqual(['data:image/png;base64,']);
  expect(await docx.innerHTML()).not.toContain(REMOTE_IMAGE_URL);
  expect(await page.evaluate(() => (window as unknown as { __hostile?: boolean }).__hostile)).toBeUndefined();
  await page.waitForTimeout(500);
  expect(requests).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
});

test('hostile files get a message each and the window stays responsive', async ({ app }) => {
  const { page } = app;
  await openPreviewCase(app);
  const checks: Array<[PreviewFile, RegExp]> = [
    ['hugeTiff', /100,000 × 100,000|larger than previews allow/],
    ['zipBomb', /cannot be shown/],
    ['htmlDocx', /No viewer here shows text\/html/],
  ];
  for (const [file, message] of checks) {
    const area = await preview(page, file);
    await expect(area).toContainText(message, { timeout: 20_000 });
    // Still responsive: a round trip through the page's event loop answers at once.
    const t0 = Date.now();
    await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
    expect(Date.now() - t0).toBeLessThan(1000);
  }
  await screen(page, 'refused');
});
