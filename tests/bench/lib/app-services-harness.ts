/**
 * The main process's services as the app composes them (electron/app-services.ts), behind the real IPC
 * router, for benchmarks that run in Node: DEMO policy defaults, preferences in a temp folder, events
 * to a callback. `invoke` is what a renderer request costs the main process: the router (sender check,
 * contract validation, handler) and the structured clone Electron's IPC makes of the answer
 * (v8.serialize, the same serializer). `sync` selects the server: a URL (DEMO sign-in as 1004821) or
 * none (nothing listens: sync stays offline).
 */
import path from 'node:path';
import v8 from 'node:v8';
import Conf from 'conf';
import { createAppServices, type AppServices } from '../../../electron/app-services';
import { setHeapGrowth } from '../../../electron/threads/heap-growth';
import { createIpcRouter } from '../../../electron/ipc/router';
import { loadPolicy } from '../../../electron/policy/load-policy';
import { createPreferences, PREFERENCES_STORE_NAME } from '../../../electron/preferences/preferences';
import { listChannels, type ChannelName, type ChannelResult, type EventName, type EventPayload } from '../../../shared/ipc/contract';
import { decodeJsonUtf8 } from '../../../shared/ipc/json-answer';
import type { Envelope, Handlers } from '../../../electron/ipc/router';

const ORIGIN = 'app://scoic';
const SENDER = { url: `${ORIGIN}/index.html`, isMainFrame: true };

export interface AppHarness {
  services: AppServices;
  /**
   * One renderer request through the router; throws the AppError data when it answers `ok: false`.
   * A JSON answer (cases.list) is parsed here, which in the app the window does, not the main process.
   */
  invoke<C extends ChannelName>(channel: C, payload: unknown): Promise<ChannelResult<C>>;
  /** The router's envelope as it leaves the main process (the caller clones it across its own boundary). */
  dispatch(channel: ChannelName, payload: unknown): Promise<Envelope>;
}

export interface AppHarnessOptions {
  userDataDir: string;
  vaultDir: string;
  serverUrl?: string;
  emit?: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
}

export function createAppHarness(options: AppHarnessOptions): AppHarness {
  setHeapGrowth(); // as main.ts does at start-up
  const effective = loadPolicy(path.join(options.userDataDir, 'policy.json'), options.userDataDir); // no file: DEMO defaults
  const services = createAppServices({
    runtime: { name: 'SCOIC Secure Messaging', version: 'bench', build: 'bench', platform: process.platform, arch: process.arch, versions: process.versions, demo: true },
    policy: effective,
    preferences: createPreferences(new Conf({ projectName: 'scoic-bench', cwd: options.userDataDir, configName: PREFERENCES_STORE_NAME })),
    vaultDir: options.vaultDir,
    userDataDir: options.userDataDir,
    server: options.serverUrl
      ? { kind: 'demo', url: async () => options.serverUrl!, demoEmployee: async () => ({ accessCode: '1004821', password: 'demo-employee-pass' }) }
      : { kind: 'policy', url: async () => 'http://127.0.0.1:9/' },
    fileDialog: async () => [],
    emit: options.emit ?? (() => undefined),
  });
  // A channel the contract has and the handlers not yet (work in progress in the tree) fails when called, not at start.
  const missing = Object.fromEntries(listChannels().map(([name]) => name).filter((name) => typeof (services.handlers as Record<string, unknown>)[name] !== 'function')
    .map((name) => [name, () => { throw new Error(`bench harness: no handler for ${name}`); }]));
  const router = createIpcRouter({ allowedOrigins: [ORIGIN], handlers: { ...missing, ...services.handlers } as Handlers });
  return {
    services,
    async invoke(channel, payload) {
      // A request arrives as its own IPC message, so it starts in a task of its own, not in the
      // microtasks of whatever the caller awaited before (here: the answer to the previous request).
      await new Promise<void>((resolve) => setImmediate(resolve));
      const result = await router.dispatch(channel, payload, SENDER);
      v8.serialize(result); // Electron's IPC clones the answer on the main thread
      if (!result.ok) throw Object.assign(new Error(`${channel}: ${result.error.code} ${result.error.message}`), { data: result.error });
      return ('jsonUtf8' in result ? decodeJsonUtf8(result.jsonUtf8) : result.value) as never;
    },
    dispatch: (channel, payload) => router.dispatch(channel, payload, SENDER),
  };
}
