/// <reference types="electron-vite/node" />
/**
 * The Electron main process: wiring only. Each service lives in its own folder as plain Node code;
 * this file creates them, connects them to the window through the IPC router, and applies the
 * security rules. Anything worth testing is elsewhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, powerMonitor, session } from 'electron';
import ElectronStore from 'electron-store';
import { isAppError } from '../shared/errors';
import type { LockReason } from '../shared/ipc/contract';
import { createAppServices } from './app-services';
import printWorkerPath from './print/print-worker?modulePath';
import readWorkerPath from './vault/reader/read-worker?modulePath';
import { printVolumes, showPackageInFolder } from './print/print-glue';
import type { DemoServer } from './demo/demo-server';
import { createEventSender, registerIpcRouter } from './ipc/register';
import { createIpcRouter } from './ipc/router';
import { createSafeStorageProtector } from './keystore/safe-storage-glue';
import type { DesktopNotification } from './notifications/new-message-notifier';
import { loadPolicy } from './policy/load-policy';
import { policyFilePath } from './policy/policy-location';
import { readProfilePolicy } from './policy/profile-policy';
import { readRegistryPolicy, registryPolicySource } from './policy/registry-policy';
import type { EffectivePolicy } from './policy/policy-schema';
import { createPreferences, PREFERENCES_STORE_NAME } from './preferences/preferences';
import { APP_ORIGIN } from './protocol/app-assets';
import { CONTENT_SECURITY_POLICY } from './protocol/csp';
import { registerAppSchemePrivileges, serveRendererFrom } from './protocol/register-app-protocol';
import { FORBIDDEN_SWITCHES, findForbiddenSwitches } from './security/launch-guard';
import { createIdleLock } from './session/idle-lock';
import { denyAllPermissions, lockDownWebContents } from './security/web-contents-guard';
import { setHeapGrowth } from './threads/heap-growth';
import { takeYoungCollector } from './threads/young-collector';
import { appMenuTemplate } from './window/app-menu';
import { createMainWindow } from './window/main-window';

declare const __SCOIC_BUILD__: string;

const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, '../preload/preload.cjs');
const rendererDir = path.join(here, '../renderer');
/** Set by electron-vite in `npm run dev` only: the Vite dev server. */
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

function fatal(title: string, message: string): never {
  // Before 'ready' a dialog can still be shown on Windows/Linux; this is the only output a user sees.
  dialog.showErrorBox(title, message);
  app.exit(1);
  process.exit(1);
}

// 1. Refuse debugger switches in packaged builds (no fuse can block --remote-debugging-port).
const forbidden = [...new Set([
  ...findForbiddenSwitches(process.argv),
  ...FORBIDDEN_SWITCHES.filter((name) => app.commandLine.hasSwitch(name)),
])];
if (app.isPackaged && forbidden.length > 0) {
  fatal('SCOIC Secure Messaging', `This application cannot be started with debugging options (${forbidden.map((s) => `--${s}`).join(', ')}).`);
}

// 2. One instance: two would fight over the vault.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppSchemePrivileges();
  // Blob reads collect this thread's young garbage as they go: take V8's collector now, before any
  // worker starts (setting the flag races with another thread's taking it).
  takeYoungCollector();
  // Downloads' socket buffers would otherwise force a full collection every few MB (heap-growth.ts).
  setHeapGrowth();

  // 3. The machine policy decides everything that matters; an invalid one stops the app.
  let effective: EffectivePolicy;
  try {
    // Group Policy's registry key (Windows; reg.exe is spawned only there) or the MDM profile's managed
    // preferences (macOS) first, then the file.
    const managed = process.platform === 'win32' ? registryPolicySource(readRegistryPolicy())
      : process.platform === 'darwin' ? readProfilePolicy(undefined, (file) => fs.existsSync(file))
        : null;
    effective = loadPolicy(policyFilePath({ platform: process.platform, env: process.env, packaged: app.isPackaged }), undefined, managed);
  } catch (err) {
    fatal('SCOIC Secure Messaging cannot start', isAppError(err) ? err.message : String(err));
  }

  const allowedOrigins = [APP_ORIGIN, ...(devServerUrl ? [new URL(devServerUrl).origin] : [])];
  const isAppUrl = (url: string) => allowedOrigins.some((origin) => url === origin || url.startsWith(`${origin}/`));

  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, isAppUrl));

  app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession);
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    });
    serveRendererFrom(rendererDir);

    const preferences = createPreferences(new ElectronStore({ name: PREFERENCES_STORE_NAME }));
    const eventsOut = createEventSender(() => BrowserWindow.getAllWindows().map((w) => w.webContents));
    const demo = effective.source === 'development-defaults';
    // DEMO: the reference server runs in this process with synthetic cases, started once, on demand.
    // Imported dynamically so the server and its seed sit in their own chunk that a managed start never loads.
    let demoServer: Promise<DemoServer> | undefined;
    const startDemo = () => (demoServer ??= import('./demo/demo-server')
      .then(({ startDemoServer }) => startDemoServer(path.join(app.getPath('userData'), 'demo-server'))));
    // Shown notifications are kept referenced until closed: one garbage-collected early loses its click.
    const shown = new Set<Notification>();
    const notify = ({ title, body, caseId }: DesktopNotification) => {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body });
      shown.add(notification);
      notification.on('close', () => shown.delete(notification));
      notification.on('click', () => {
        shown.delete(notification);
        const target = BrowserWindow.getAllWindows()[0];
        if (target) {
          if (target.isMinimized()) target.restore();
          target.show();
          target.focus();
        }
        eventsOut.emit('workspace.openCase', { caseId });
      });
      notification.show();
    };
    const services = createAppServices({
      runtime: {
        name: app.getName(),
        version: app.getVersion(),
        build: typeof __SCOIC_BUILD__ === 'string' ? __SCOIC_BUILD__ : 'dev',
        platform: process.platform,
        arch: process.arch,
        versions: process.versions,
        demo,
      },
      policy: effective,
      preferences,
      vaultDir: path.join(app.getPath('userData'), 'vault'),
      keyProtector: createSafeStorageProtector({ allowedByPolicy: effective.policy.allowOsKeyStoreUnlock }),
      userDataDir: app.getPath('userData'),
      server: demo
        ? { kind: 'demo', url: async () => (await startDemo()).url, demoEmployee: async () => (await startDemo()).employee }
        : { kind: 'policy', url: async () => effective.policy.serverUrl },
      fileDialog: async () => {
        const focused = BrowserWindow.getFocusedWindow();
        const options = { title: 'Attach files', properties: ['openFile', 'multiSelections'] as Array<'openFile' | 'multiSelections'> };
        const result = focused ? await dialog.showOpenDialog(focused, options) : await dialog.showOpenDialog(options);
        return result.canceled ? [] : result.filePaths;
      },
      emit: (event, payload) => eventsOut.emit(event, payload),
      notify,
      printWorkerUrl: printWorkerPath,
      readWorkerUrl: readWorkerPath,
      fontDir: app.isPackaged ? path.join(process.resourcesPath, 'fonts') : path.join(app.getAppPath(), 'resources', 'fonts'),
      sendToPrinter: async (files) => (await printVolumes(files)).every((outcome) => outcome.printed),
      showItemInFolder: showPackageInFolder,
    });
    const lockSession = (reason: LockReason) => { void services.lock(reason); };
    const router = createIpcRouter({
      allowedOrigins,
      handlers: services.handlers,
      onInternalError: (channel, error) => console.error(`[ipc] ${channel} failed:`, error instanceof Error ? error.name : 'error'),
    });
    registerIpcRouter(ipcMain, router);

    Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate((id) => eventsOut.emit('command.invoke', { id }), process.platform)));
    const { width, height } = preferences.get().window;
    const window = createMainWindow({ preloadPath, width, height, devTools: !app.isPackaged });
    window.on('resized', () => { const [w, h] = window.getSize(); preferences.setWindowSize(w ?? width, h ?? height); });
    void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);

    const idleLock = createIdleLock({
      idleLockMinutes: effective.policy.idleLockMinutes,
      warnSeconds: effective.policy.idleLockWarningSeconds,
      getIdleSeconds: () => powerMonitor.getSystemIdleTime(),
      onWarn: (secondsLeft) => eventsOut.emit('session.idleWarning', { secondsLeft }),
      onLock: () => lockSession('idle'),
      onActive: () => eventsOut.emit('session.active', {}),
    });
    setInterval(() => idleLock.tick(), 5_000).unref();

    powerMonitor.on('lock-screen', () => lockSession('os-lock'));
    powerMonitor.on('suspend', () => lockSession('suspend'));
    // Quitting locks first (sync stopped, a print in progress cancelled and its files removed, keys
    // zeroed, the lock audited), then exits.
    let quitting = false;
    app.on('before-quit', (event) => {
      if (quitting) return;
      quitting = true;
      event.preventDefault();
      void services.vault.lock('user')
        .then(() => demoServer?.then((server) => server.close()))
        .catch(() => undefined)
        .finally(() => app.exit(0));
    });

    app.on('second-instance', () => {
      if (window.isMinimized()) window.restore();
      window.focus();
    });
  }).catch((err: unknown) => fatal('SCOIC Secure Messaging', `The application failed to start: ${err instanceof Error ? err.message : String(err)}`));

  app.on('window-all-closed', () => app.quit());
}
