/**
 * Section 508 (WCAG 2.1 AA): each main screen is checked with axe-core in Chromium, in the light and
 * dark themes. axe finds what can be found automatically (names, roles, contrast, landmarks); keyboard
 * use is covered by the other end-to-end tests, which drive the app by role and label.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixture';
import { seedSyntheticCases } from './harness/seed-cases';
import { createVaultInUi } from './harness/vault-ui';

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
}

for (const theme of ['light', 'dark'] as const) {
  test(`no WCAG 2.1 AA violations on the vault, case and print screens (${theme})`, async ({ app }) => {
    const { page } = app;
    await page.getByLabel('Theme').selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    expect(await violations(page), 'first run: set up the vault').toEqual([]);

    await createVaultInUi(page);
    await expect(page.getByText('No cases on this laptop yet')).toBeVisible();
    await seedSyntheticCases(app.vault.require());
    await page.reload();
    await page.getByRole('button', { name: /Rosa Delgado/ }).click();
    await expect(page.getByTestId('fax-label').first()).toBeVisible();
    expect(await violations(page), 'case view').toEqual([]);

    await page.getByRole('button', { name: 'Print case for Appeals…' }).click();
    await expect(page.getByRole('dialog', { name: 'Print the case for Appeals' })).toBeVisible();
    expect(await violations(page), 'print dialog').toEqual([]);
    await page.keyboard.press('Escape');

    await app.lockFromMain('idle');
    await expect(page.getByRole('heading', { name: 'Unlock your secure vault' })).toBeVisible();
    expect(await violations(page), 'unlock').toEqual([]);
  });
}
