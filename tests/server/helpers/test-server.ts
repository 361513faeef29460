/** Starts a real reference server on 127.0.0.1:0 over a fresh temporary data directory. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MiB } from '../../../shared/limits';
import { startServer, type RunningServer, type StartServerOptions } from '../../../server/start-server';

export interface TestServer extends RunningServer { stop(): Promise<void> }

export async function startTestServer(options: Partial<StartServerOptions> = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-server-test-'));
  const server = await startServer({
    dataDir, port: 0, seed: 'demo', seedOptions: { largeFileBytes: 2 * MiB },
    // Generous by default so tests signing in often are not throttled; the rate-limit test sets its own.
    signInRateLimit: { max: 1000, timeWindowMs: 60_000 },
    ...options,
  });
  return {
    ...server,
    async stop() {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
