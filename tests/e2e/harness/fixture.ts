/**
 * The Playwright fixture: builds the real main-process services and IPC router in the test process,
 * serves the built renderer, and installs the bridge in the page over page.exposeBinding.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, type Page } from '@playwright/test';
import Conf from 'conf';
import { createAppServices } from '../../../electron/app-services';
import { startDemoServer, type DemoServer } from '../../../electron/demo/demo-server';
import { createIpcRouter, type IpcRouter } from '../../../electron/ipc/router';
import { loadPolicy } from '../../../electron/policy/load-policy';
import { createPreferences, PREFERENCES_STORE_NAME } from '../../../electron/preferences/preferences';
import type { DesktopNotification } from '../../../electron/notifications/new-message-notifier';
import type { VaultSession } from '../../../electron/session/vault-session';
import { events, type EventName, type EventPayload } from '../../../shared/ipc/contract';
import { startAssetServer } from './asset-server';
import { bundleFakePreload } from './fake-preload-bundle';

/** The zone the harness pins for case work (the specs' DEADLINE_TIME_ZONE). */
export const E2E_TIME_ZONE = 'America/New_York';

const root = path.resolve(import.meta.dirname, '../../..');
const rendererDir = path.join(root, 'out/renderer');

export interface AppHarness {
  page: Page;
  origin: string;
  router: IpcRouter;
  userDataDir: string;
  /** Sends a main -> renderer event, validated like the Electron event sender does. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): Promise<void>;
  /** Locks the vault from the main side (idle, OS lock) and tells the page, as main.ts does. */
  lockFromMain(reason: 'idle' | 'os-lock' | 'suspend'): Promise<void>;
  /** The main side's vault session (to seed synthetic cases the way sync would). */
  vault: VaultSession;
  /** The paths the next "Attach files" dialog returns. */
  queueDialogAnswer(paths: string[]): void;
  /**
   * Tells the page's stand-in for webUtils.getPathForFile which path a dropped File of each base name
   * has (names must differ). Files must lie outside `userDataDir`: the main side refuses drops from there.
   */
  prepareDrop(paths: string[]): Promise<void>;
  /**
   * Drops files on the element `selector` matches: registers their paths (prepareDrop), then dispatches
   * dragenter, dragover and drop with a DataTransfer of Files of those names (a few bytes each: the
   * main side reads the real path).
   */
  dropFiles(selector: string, paths: string[]): Promise<void>;
  /** The SBU folder the harness policy points at. */
  sbuFolder: string;
  /** Paths "Show in folder" revealed, in order (a recorded fake of shell.showItemInFolder). */
  shownInFolder: string[];
  /** Every channel the page called, in order, with its payload (to count what a viewer read). */
  calls: Array<{ channel: string; payload: unknown }>;
  /** Calls the router directly, as a renderer would (for attacks the bridge would never send). */
  invokeRaw(channel: string, payload: unknown): Promise<unknown>;
  /** DEMO: the in-process reference server's base URL (to act as a taxpayer on it). */
  demoServerUrl(): Promise<string>;
  /** DEMO: stops the reference server, as a network outage would. */
  stopDemoServer(): Promise<void>;
  /** Desktop notifications the app asked for, in order (a recorded fake of Electron's Notification). */
  notifications: DesktopNotification[];
  /** Clicks notification `index`, as main.ts handles it: sends workspace.openCase for its case. */
  clickNotification(index: number): Promise<void>;
  /**
   * Moves the main side's clock (the vault's retention and audit times, case work's "today" and
   * overdue) to `iso`, from where it runs on in real time; null goes back to real time. The server's
   * clock (fax labels) is not moved.
   */
  setClock(iso: string | null): void;
}

export interface HarnessOptions {
  /** Contents of a machine policy file; omitted means no file (DEMO mode). */
  policyJson: string | undefined;
  /** 'demo': the reference server in-process with its synthetic seed; 'none': nothing answers (offline). */
  server: 'demo' | 'none';
}

export const test = base.extend<HarnessOptions & { app: AppHarness }>({
  policyJson: [undefined, { option: true }],
  server: ['none', { option: true }],
  app: async ({ page, policyJson, server }, use) => {
    if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
      throw new Error('out/renderer is missing: run `npm run build` first (npm run test:e2e does it).');
    }
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-e2e-'));
    const pickedFiles: string[] = [];
    const notifications: DesktopNotification[] = [];
    const shownInFolder: string[] = [];
    const policyFile = path.join(userDataDir, 'policy.json');
    if (policyJson !== undefined) fs.writeFileSync(policyFile, policyJson);
    const assets = await startAssetServer(rendererDir);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { productName: string; version: string };
    const effective = loadPolicy(policyFile, userDataDir);
    const deliver = async (event: EventName, payload: unknown) => {
      const checked = events[event].parse(payload);
      await page.evaluate(([e, p]) => (window as unknown as { __scoicDeliver(e: string, p: unknown): void }).__scoicDeliver(e, p), [event, checked] as const);
    };
    let demo: Promise<DemoServer> | undefined;
    const startDemo = () => (demo ??= startDemoServer(path.join(userDataDir, 'demo-server')));
    let demoStopped = false;
    const stopDemo = async () => {
      if (demoStopped) return;
      demoStopped = true;
      await (await demo?.catch(() => undefined))?.close();
    };
    let clockOffsetMs = 0;
    const clock = () => new Date(Date.now() + clockOffsetMs);
    const services = createAppServices({
      runtime: {
        name: pkg.productName, version: pkg.version, build: 'e2e',
        platform: process.platform, arch: process.arch, versions: process.versions,
        demo: effective.source === 'development-defaults',
      },
      policy: effective,
      preferences: createPreferences(new Conf({ projectName: 'scoic-e2e', cwd: userDataDir, configName: PREFERENCES_STORE_NAME })),
      vaultDir: path.join(userDataDir, 'vault'),
      userDataDir,
      // 'none': an address where nothing listens, so sync stays offline and tests control the vault.
      server: server === 'demo'
        ? { kind: 'demo', url: async () => (await startDemo()).url, demoEmployee: async () => (await startDemo()).employee }
        : { kind: 'policy', url: async () => 'http://127.0.0.1:9/' },
      fileDialog: async () => pickedFiles.splice(0),
      emit: (event, payload) => { void deliver(event, payload).catch(() => undefined); },
      notify: (notification) => { notifications.push(notification); },
      showItemInFolder: (absolutePath) => { shownInFolder.push(absolutePath); },
      longPollSeconds: 1,
      now: clock,
      // Deadlines and "today" in one known zone, whatever the machine's: the specs compute dates in it.
      timeZone: E2E_TIME_ZONE,
    });
    const vault = services.vault;
    const router = createIpcRouter({ allowedOrigins: [assets.origin], handlers: services.handlers });

    const calls: AppHarness['calls'] = [];
    await page.exposeBinding('__scoicInvoke', ({ frame }, channel: unknown, payload: unknown) => {
      calls.push({ channel: String(channel), payload });
      return router.dispatch(String(channel), payload, { url: frame.url(), isMainFrame: frame === page.mainFrame() });
    });
    await page.addInitScript({ content: await bundleFakePreload() });
    await page.goto(`${assets.origin}/index.html`);

    const prepareDrop = async (paths: string[]) => {
      const entries = paths.map((p): [string, string] => [path.basename(p), p]);
      if (new Set(entries.map(([name]) => name)).size !== entries.length) throw new Error('prepareDrop: the files need different names');
      await page.evaluate((e) => (window as unknown as { __scoicPrepareDrop(e: Array<[string, string]>): void }).__scoicPrepareDrop(e), entries);
    };
    const dropFiles = async (selector: string, paths: string[]) => {
      await prepareDrop(paths);
      const dataTransfer = await page.evaluateHandle((names) => {
        const dt = new DataTransfer();
        for (const name of names) dt.items.add(new File(['dropped in the e2e harness'], name));
        return dt;
      }, paths.map((p) => path.basename(p)));
      for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent(selector, type, { dataTransfer });
      await dataTransfer.dispose();
    };

    await use({
      page,
      origin: assets.origin,
      router,
      userDataDir,
      emit: deliver,
      vault,
      sbuFolder: effective.policy.sbuFolder,
      lockFromMain: (reason) => services.lock(reason),
      queueDialogAnswer: (paths) => { pickedFiles.push(...paths); },
      prepareDrop,
      dropFiles,
      notifications,
      calls,
      shownInFolder,
      demoServerUrl: async () => (await startDemo()).url,
      stopDemoServer: stopDemo,
      clickNotification: async (index) => {
        const notification = notifications[index];
        if (!notification) throw new Error(`No notification ${index}: ${notifications.length} were shown.`);
        await deliver('workspace.openCase', { caseId: notification.caseId });
      },
      setClock: (iso) => {
        if (iso === null) { clockOffsetMs = 0; return; }
        const at = Date.parse(iso);
        if (Number.isNaN(at)) throw new Error(`setClock: not an ISO 8601 time: ${iso}`);
        clockOffsetMs = at - Date.now();
      },
      invokeRaw: (channel, payload) => page.evaluate(([c, p]) =>
        (window as unknown as { __scoicInvoke(c: string, p: unknown): Promise<unknown> }).__scoicInvoke(c, p), [channel, payload] as const),
    });

    await vault.lock('user');
    await stopDemo();
    await assets.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
