/** The app shell, rendered by the real renderer bundle, fed by the real router and services. */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './harness/fixture';

test.describe('app shell (DEMO: no policy file)', () => {
  test('shows app.info and the policy summary that came from the main side', async ({ app }) => {
    const { page } = app;
    const pkg = JSON.parse(fs.readFileSync(path.resolve('package.json'), 'utf8')) as { version: string };
    await expect(page.getByTestId('app-version')).toHaveText(pkg.version);
    await expect(page.getByTestId('app-platform')).toContainText(process.platform);
    await expect(page.getByTestId('app-mode')).toHaveText('DEMO');
    await expect(page.getByText('DEMO', { exact: true }).first()).toBeVisible();
    await expect(page.getByTestId('idle-lock')).toHaveText('15 minutes');
    await expect(page.getByRole('note', { name: 'Data marking' })).toHaveText('SENSITIVE BUT UNCLASSIFIED (SBU)');
    await expect(page.getByRole('contentinfo', { name: 'Status bar' })).toContainText(`Version ${pkg.version} · DEMO`);
    // The window title never carries case data; the document title is fixed too.
    await expect(page).toHaveTitle('SCOIC Secure Messaging');
    fs.mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/app-shell.png', fullPage: true });
  });

  test('theme choice goes through the bridge, is stored by the main side and survives a reload', async ({ app }) => {
    const { page } = app;
    const picker = page.getByLabel('Theme');
    await expect(picker).toBeEnabled();
    await picker.selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.reload();
    await expect(page.getByLabel('Theme')).toHaveValue('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.screenshot({ path: 'test-results/app-shell-dark.png', fullPage: true });
  });

  test('first run sets up the vault; locking from the main side hides the cases until the passphrase is given', async ({ app }) => {
    const { page } = app;
    await expect(page.getByRole('heading', { name: 'Set up your secure vault' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Cases' })).toHaveCount(0);
    await page.getByLabel('Passphrase').fill('correct horse battery staple');
    await page.getByLabel('Type it again').fill('correct horse battery stapler');
    await page.getByRole('button', { name: 'Create vault' }).click();
    await expect(page.getByRole('alert')).toContainText('E_PASSPHRASE_MISMATCH');
    await page.getByLabel('Passphrase').fill('correct horse battery staple');
    await page.getByLabel('Type it again').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create vault' }).click();
    await expect(page.getByRole('heading', { name: 'Cases' })).toBeVisible();
    await page.screenshot({ path: 'test-results/vault-unlocked.png', fullPage: true });

    // The OS lock screen: main locks the vault and tells the window (a real event through the subscription).
    await app.lockFromMain('os-lock');
    await expect(page.getByRole('heading', { name: 'Unlock your secure vault' })).toBeVisible();
    await expect(page.getByTestId('lock-reason')).toHaveText('The session locked because the computer was locked.');
    await expect(page.getByRole('heading', { name: 'Cases' })).toHaveCount(0);
    await page.screenshot({ path: 'test-results/vault-locked.png', fullPage: true });

    await page.getByLabel('Passphrase').fill('not my passphrase at all');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('alert')).toContainText('E_WRONG_PASSPHRASE');
    await page.getByLabel('Passphrase').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('heading', { name: 'Cases' })).toBeVisible();

    // The Lock button goes through the bridge; the main side locks and tells every window.
    await page.getByRole('button', { name: 'Lock' }).click();
    await expect(page.getByTestId('lock-reason')).toHaveText('You locked the session.');
  });

  test('a forgotten passphrase: erasing this laptop\'s copy leads back to setup', async ({ app }) => {
    const { page } = app;
    await page.getByLabel('Passphrase').fill('correct horse battery staple');
    await page.getByLabel('Type it again').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create vault' }).click();
    await expect(page.getByRole('heading', { name: 'Cases' })).toBeVisible();
    await app.lockFromMain('idle');
    await page.getByText('Forgot your passphrase, or the vault is damaged?').click();
    const erase = page.getByRole('button', { name: "Erase this laptop's copy" });
    await expect(erase).toBeDisabled();
    await page.getByLabel('Type ERASE to confirm').fill('ERASE');
    await erase.click();
    await expect(page.getByRole('heading', { name: 'Set up your secure vault' })).toBeVisible();
    expect(app.vault.status().state).toBe('absent');
  });

  test('the idle warning counts down and input dismisses it', async ({ app }) => {
    const { page } = app;
    await app.emit('session.idleWarning', { secondsLeft: 60 });
    const warning = page.getByRole('alert');
    await expect(warning).toContainText('locks in');
    await page.keyboard.press('Shift');
    await expect(warning).toHaveCount(0);
    // Input elsewhere on the computer: the main side says the session is active again.
    await app.emit('session.idleWarning', { secondsLeft: 60 });
    await expect(warning).toContainText('locks in');
    await app.emit('session.active', {});
    await expect(warning).toHaveCount(0);
  });

  test('the page cannot call past the contract: malformed payloads and unknown channels are refused', async ({ app }) => {
    const bad = await app.invokeRaw('prefs.update', { theme: 'neon', serverUrl: 'http://evil' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'E_INVALID_PAYLOAD' } });
    const unknown = await app.invokeRaw('vault.dumpEverything', undefined);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'E_UNKNOWN_CHANNEL' } });
  });

  test('the strict CSP is in force: inline script does not run, eval is not allowed', async ({ app }) => {
    const { page } = app;
    const executed = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.head.appendChild(s);
      await new Promise((r) => setTimeout(r, 50));
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(executed).toBe(false);
    // The document itself is served with the policy (page.evaluate runs over CDP, which bypasses CSP,
    // so eval is checked through the header rather than by calling it from here).
    const response = await page.request.get(`${app.origin}/index.html`);
    const csp = response.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
  });
});

test.describe('app shell under a machine policy', () => {
  test.use({
    policyJson: JSON.stringify({
      schemaVersion: 1, serverUrl: 'https://securemessaging.example.gov/', sbuFolder: '/tmp/sbu',
      idleLockMinutes: 5, retentionDays: 30, sbuMarking: 'SBU // TAXPAYER DATA',
    }),
  });

  test('shows MANAGED mode and the policy values', async ({ app }) => {
    const { page } = app;
    await expect(page.getByTestId('app-mode')).toHaveText('MANAGED');
    await expect(page.getByTestId('idle-lock')).toHaveText('5 minutes');
    await expect(page.getByRole('note', { name: 'Data marking' })).toHaveText('SBU // TAXPAYER DATA');
    await expect(page.getByTestId('policy-summary')).toContainText('https://securemessaging.example.gov');
  });
});
