/**
 * The Playwright fixture: builds the real main-process services and IPC router in the test process,
 * serves the built renderer, and installs the bridge in the page over page.exposeBinding.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, type Page } from '@playwright/test';
import Conf from 'conf';
import { build } from 'esbuild';
import { createAppServices } from '../../../electron/app-services';
import { startDemoServer, type DemoServer } from '../../../electron/demo/demo-server';
import { createIpcRouter, type IpcRouter } from '../../../electron/ipc/router';
import { loadPolicy } from '../../../electron/policy/load-policy';
import { createPreferences, PREFERENCES_STORE_NAME } from '../../../electron/preferences/preferences';
import type { VaultSession } from '../../../electron/session/vault-session';
import { events, type EventName, type EventPayload } from '../../../shared/ipc/contract';
import { startAssetServer } from './asset-server';

const root = path.resolve(import.meta.dirname, '../../..');
const rendererDir = path.join(root, 'out/renderer');

let bridgeScript: Promise<string> | undefined;
function bundleFakePreload(): Promise<string> {
  bridgeScript ??= build({
    entryPoints: [path.join(import.meta.dirname, 'fake-preload.ts')],
    bundle: true, format: 'iife', platform: 'browser', target: 'chrome120', write: false,
  }).then((r) => r.outputFiles[0]!.text);
  return bridgeScript;
}

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
  /** The SBU folder the harness policy points at. */
  sbuFolder: string;
  /** Calls the router directly, as a renderer would (for attacks the bridge would never send). */
  invokeRaw(channel: string, payload: unknown): Promise<unknown>;
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
    const services = createAppServices({
      runtime: {
        name: pkg.productName, version: pkg.version, build: 'e2e',
        platform: process.platform, arch: process.arch, versions: process.versions,
        demo: effective.source === 'development-defaults',
      },
      policy: effective,
      preferences: createPreferences(new Conf({ projectName: 'scoic-e2e', cwd: userDataDir, configName: PREFERENCES_STORE_NAME })),
      vaultDir: path.join(userDataDir, 'vault'),
      // 'none': an address where nothing listens, so sync stays offline and tests control the vault.
      server: server === 'demo'
        ? { kind: 'demo', url: async () => (await startDemo()).url, demoEmployee: async () => (await startDemo()).employee }
        : { kind: 'policy', url: async () => 'http://127.0.0.1:9/' },
      fileDialog: async () => pickedFiles.splice(0),
      emit: (event, payload) => { void deliver(event, payload).catch(() => undefined); },
      longPollSeconds: 1,
    });
    const vault = services.vault;
    const router = createIpcRouter({ allowedOrigins: [assets.origin], handlers: services.handlers });

    await page.exposeBinding('__scoicInvoke', ({ frame }, channel: unknown, payload: unknown) =>
      router.dispatch(String(channel), payload, { url: frame.url(), isMainFrame: frame === page.mainFrame() }));
    await page.addInitScript({ content: await bundleFakePreload() });
    await page.goto(`${assets.origin}/index.html`);

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
      invokeRaw: (channel, payload) => page.evaluate(([c, p]) =>
        (window as unknown as { __scoicInvoke(c: string, p: unknown): Promise<unknown> }).__scoicInvoke(c, p), [channel, payload] as const),
    });

    await vault.lock('user');
    await (await demo?.catch(() => undefined))?.close();
    await assets.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
