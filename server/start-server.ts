/**
 * startServer: the one way to run the reference server, embedded in the app (DEMO mode), in tests
 * (port 0) or from the command line (server/cli.ts). It always binds to loopback.
 */
import type { FastifyBaseLogger } from 'fastify';
import { resolveAbuseLimits, type AbuseLimits } from './abuse/abuse-limits';
import { startUploadSweep } from './abuse/upload-sweep';
import { createWindowCounter } from './abuse/window-counter';
import { buildApp } from './app';
import { DEFAULT_TOKEN_TTL, type TokenTtl } from './auth/tokens';
import type { ServerContext } from './context';
import { openDatabase } from './db/open-database';
import type { FaultController, FaultOptions } from './faults/fault-injection';
import { emlOutbox, type MailTransport } from './notify/mail-transport';
import { DEFAULT_SIGN_IN_RATE_LIMIT, type SignInRateLimit } from './routes/auth-routes';
import { seedDemo, type DemoCredentials, type DemoSeedOptions } from './seed/demo-seed';
import { ChangeSignal } from './store/events';
import { prepareDataDir } from './store/data-dir';
import { recoverFiles } from './store/recover-files';

export type { FaultOptions } from './faults/fault-injection';

export interface StartServerOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Only loopback addresses are accepted: the reference server is never exposed on a network. */
  host?: '127.0.0.1' | '::1' | 'localhost';
  seed?: 'demo';
  seedOptions?: DemoSeedOptions;
  /** Enables fault injection; without it no fault hook is installed at all. */
  faults?: FaultOptions;
  logger?: boolean | FastifyBaseLogger;
  tokenTtl?: Partial<TokenTtl>;
  signInRateLimit?: SignInRateLimit;
  /** Upload quotas and expiry, per-account limits on changes, failed sign-ins per address (server/abuse/abuse-limits.ts). */
  abuseLimits?: Partial<AbuseLimits>;
  /** Where notification e-mails go (e.g. an SMTP sender). Default: .eml files in <dataDir>/outbox. */
  mailTransport?: MailTransport;
}

export interface RunningServer {
  url: string;
  dataDir: string;
  /** Present when the data directory was seeded in this start (or earlier): who can sign in. */
  demoCredentials?: DemoCredentials;
  faults?: FaultController;
  close(): Promise<void>;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (!['127.0.0.1', '::1', 'localhost'].includes(host)) throw new Error('The reference server binds to loopback only.');
  const dir = prepareDataDir(options.dataDir);
  const db = openDatabase(dir.root);
  recoverFiles(db, dir);
  const limits = resolveAbuseLimits(options.abuseLimits);
  const ctx: ServerContext = {
    db, dir, changes: new ChangeSignal(),
    tokenTtl: { ...DEFAULT_TOKEN_TTL, ...options.tokenTtl },
    mail: options.mailTransport ?? emlOutbox(dir.outbox),
    busyUploads: new Set(),
    logWarning: () => undefined,
    demo: options.seed === 'demo',
    abuse: {
      limits,
      mutationsByAccount: createWindowCounter(limits.mutationsPerAccount),
      failedSignInsByAddress: createWindowCounter(limits.failedSignInsPerAddress),
    },
  };
  let demoCredentials: DemoCredentials | undefined;
  try {
    if (options.seed === 'demo') demoCredentials = await seedDemo(db, dir, options.seedOptions);
    const { app, faults } = await buildApp(ctx, {
      signInRateLimit: options.signInRateLimit ?? DEFAULT_SIGN_IN_RATE_LIMIT,
      ...(options.faults ? { faults: options.faults } : {}),
      ...(options.logger !== undefined ? { logger: options.logger } : {}),
    });
    ctx.logWarning = (message) => app.log.warn(message);
    await app.listen({ port: options.port, host });
    const stopSweep = startUploadSweep(ctx, limits.uploadExpiryMs, limits.uploadSweepIntervalMs);
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const urlHost = host === '::1' ? '[::1]' : host;
    let closed: Promise<void> | undefined;
    return {
      url: `http://${urlHost}:${port}`,
      dataDir: dir.root,
      ...(demoCredentials ? { demoCredentials } : {}),
      ...(faults ? { faults } : {}),
      close: () => (closed ??= stopSweep().then(() => app.close()).then(() => { db.close(); })),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
