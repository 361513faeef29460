/**
 * Section 508 (WCAG 2.1 AA): every screen and dialog is checked with axe-core in Chromium, in the light
 * and dark themes, and photographed at 1366×768 (the laptop we design for) and 1024×640 (the smallest
 * we support) for a person to look at (test-results/screens/). axe finds what can be found
 * automatically (names, roles, contrast, landmarks); keyboard use has its own test (keyboard.spec.ts).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixture';
import { openSeededWorkspace } from './harness/seeded-workspace';

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
}

const SIZES = [{ width: 1366, height: 768 }, { width: 1024, height: 640 }] as const;

/** axe at the laptop size, then a screenshot at each size. */
async function check(page: Page, screen: string, theme: string) {
  await page.setViewportSize(SIZES[0]);
  expect(await violations(page), screen).toEqual([]);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `test-results/screens/${screen}-${size.width}x${size.height}-${theme}.png` });
  }
  await page.setViewportSize(SIZES[0]);
}

for (const theme of ['light', 'dark'] as const) {
  test(`every screen and dialog meets WCAG 2.1 AA and fits 1366×768 and 1024×640 (${theme})`, async ({ app }) => {
    test.setTimeout(240_000);
    const { page } = app;
    await page.setViewportSize(SIZES[0]);
    await page.getByLabel('Theme').selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await check(page, 'setup', theme);

    const { pngMessageId } = await openSeededWorkspace(app);
    // A file name with no space to break at, as scanners name them: it must wrap inside its card.
    await app.vault.require().addAttachment({ messageId: pngMessageId, fileName: 'Form_433-A_Collection_Information_Statement_Wage_Earners_Self-Employed_signed_2025-04-20.pdf', declaredType: 'application/pdf' },
      (async function* () { yield Buffer.from('%PDF-1.4\n%%EOF\n'); })());
    await check(page, 'workspace-empty', theme);
    await page.getByRole('listbox', { name: 'Cases' }).getByRole('option', { name: /Rosa Delgado/ }).click();
    await expect(page.getByTestId('reading-pane').getByTestId('fax-label')).toBeVisible();
    // The header stays one line at both sizes, and every attachment card (name, type, Save to SBU
    // folder) fits inside the reading pane: a long MIME type once widened them past its edge at 1024 px.
    const readingPane = page.getByTestId('reading-pane');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      expect((await page.locator('.shell-header').boundingBox())!.height, `header at ${size.width}px`).toBeLessThan(56);
      const pane = (await readingPane.boundingBox())!;
      const cards = await readingPane.getByTestId('attachment').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
      expect(cards.length).toBeGreaterThan(0);
      for (const right of cards) expect(right, `attachment card at ${size.width}px`).toBeLessThanOrEqual(pane.x + pane.width + 0.5);
    }
    await check(page, 'workspace-case', theme);

    await page.getByTestId('reading-pane').getByRole('button', { name: 'Preview Statement scan XXX-XX-XXXX.png' }).click();
    await expect(page.getByRole('img', { name: /^Statement scan XXX-XX-XXXX.png, page 1 of 1$/ })).toBeVisible();
    await check(page, 'preview', theme);
    await page.getByRole('button', { name: 'Close preview' }).click();
    await page.getByTestId('reading-pane').getByRole('button', { name: 'Preview transactions.csv' }).click();
    await expect(page.getByTestId('csv-table')).toBeVisible();
    await check(page, 'preview-csv', theme);
    await page.getByRole('button', { name: 'Close preview' }).click();

    await page.keyboard.press('Control+R');
    await expect(page.getByTestId('composer')).toBeVisible();
    await check(page, 'composer', theme);
    await page.keyboard.press('Escape');

    await page.getByRole('combobox', { name: 'Search cases and messages' }).fill('statements');
    await expect(page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first()).toBeVisible();
    await check(page, 'search', theme);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Menu ▾' }).click();
    await expect(page.getByRole('menu', { name: 'Commands' })).toBeVisible();
    await check(page, 'command-menu', theme);
    await page.keyboard.press('Escape');

    for (const [open, name] of [
      ['Control+Shift+P', 'Print the case for Appeals'],
      ['F1', 'Keyboard shortcuts'],
    ] as const) {
      await page.keyboard.press(open);
      await expect(page.getByRole('dialog', { name })).toBeVisible();
      await check(page, `dialog-${name.toLowerCase().replaceAll(' ', '-')}`, theme);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog', { name })).toHaveCount(0);
    }
    await page.getByRole('button', { name: 'Sign in…' }).click();
    await expect(page.getByRole('dialog', { name: 'Sign in to Secure Messaging' })).toBeVisible();
    await check(page, 'dialog-sign-in', theme);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('dialog', { name: 'Settings and about' })).toBeVisible();
    await check(page, 'dialog-settings', theme);
    await page.keyboard.press('Escape');

    await app.lockFromMain('idle');
    await expect(page.getByRole('heading', { name: 'Unlock your secure vault' })).toBeVisible();
    await check(page, 'unlock', theme);
  });
}
