/**
 * A real reference server (demo seed, small large-file option) on 127.0.0.1 and a real vault in a
 * temp dir, plus a taxpayer's client to act on the other side. The server can be stopped and started
 * again on the same port and data dir (a laptop losing and regaining the server).
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MiB } from '../../../shared/limits';
import { startServer, type FaultOptions, type RunningServer, type StartServerOptions } from '../../../server/start-server';
import { createVault, type Vault } from '../../../electron/vault';
import { createSyncService, type SyncService, type SyncServiceOptions } from '../../../electron/sync';
import { signIn, type ApiClient } from '../../server/helpers/api-client';

export const PASSPHRASE = 'correct horse battery staple';
export const EMPLOYEE = { accessCode: '1004821', password: 'demo-employee-pass' };

export interface Harness {
  server: RunningServer;
  url: string;
  dataDir: string;
  vaultDir: string;
  vault: Vault;
  tmp: string;
  restartServer(faults?: FaultOptions): Promise<void>;
  stopServer(): Promise<void>;
  service(options?: Partial<SyncServiceOptions>): Promise<SyncService>;
  cleanup(): Promise<void>;
}

export async function startHarness(options: Partial<StartServerOptions> = {}): Promise<Harness> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-sync-test-'));
  const dataDir = path.join(tmp, 'server');
  const vaultDir = path.join(tmp, 'vault');
  const base = {
    dataDir, seed: 'demo' as const, seedOptions: { largeFileBytes: 2 * MiB, caseCount: 9 },
    signInRateLimit: { max: 1000, timeWindowMs: 60_000 }, faults: {}, ...options,
  };
  let server = await startServer({ ...base, port: 0 });
  const port = Number(new URL(server.url).port);
  const vault = await createVault(vaultDir, PASSPHRASE, { actor: '1004821' });
  const services: SyncService[] = [];
  let running = true;
  const h: Harness = {
    get server() { return server; }, url: server.url, dataDir, vaultDir, vault, tmp,
    async stopServer() {
      if (running) await server.close();
      running = false;
    },
    async restartServer(faults: FaultOptions = {}) {
      await h.stopServer();
      server = await startServer({ ...base, port, faults });
      running = true;
    },
    async service(extra = {}) {
      const s = await createSyncService({
        vault: h.vault, baseUrl: server.url, timeoutMs: 10_000, longPollSeconds: 2,
        backoff: { baseMs: 50, maxMs: 400 }, download: { backoff: { baseMs: 20, maxMs: 100 } }, ...extra,
      });
      services.push(s);
      return s;
    },
    async cleanup() {
      for (const s of services) await s.stop().catch(() => undefined);
      h.vault.lock();
      await h.stopServer();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
  return h;
}

/** The taxpayer of the first demo case of employee 1004821 (case 0: Jordan Ellis). */
export async function taxpayer(url: string): Promise<ApiClient> {
  return signIn(url, { username: 'jordan.ellis', password: 'demo-taxpayer-pass' });
}

/** Sends a message as the taxpayer with one generated attachment; returns the server's message. */
export async function taxpayerSends(api: ApiClient, body: string, file?: { name: string; bytes: Buffer }) {
  const { cases } = await api.expect(200, 'listCases');
  const c = cases.find((x) => x.offerNumber === 'DEMO-0000010001')!;
  const { threads } = await api.expect(200, 'listThreads', { params: { caseId: c.id } });
  const uploadIds: string[] = [];
  if (file) {
    const up = await api.expect(201, 'createUpload', { body: { caseId: c.id, fileName: file.name, size: file.bytes.length, contentType: 'application/pdf' } });
    const res = await fetch(api.url('appendUpload', { uploadId: up.id }), {
      method: 'PATCH', body: new Uint8Array(file.bytes),
      headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
    });
    if (res.status !== 200) throw new Error(`upload failed ${res.status}`);
    uploadIds.push(up.id);
  }
  return api.expect(201, 'createMessage', { params: { caseId: c.id, threadId: threads[0]!.id }, body: { body, uploadIds }, idempotencyKey: randomUUID() });
}

/** Deterministic pseudo-random bytes. */
export function bytesOf(size: number, seed: string): Buffer {
  const out = Buffer.alloc(size);
  let block = createHash('sha256').update(seed).digest();
  for (let i = 0; i < size; i += 32) {
    block.copy(out, i);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every regular file below `dir`. */
export function filesBelow(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesBelow(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** Polls until `check` is true (state changes driven by the real loop). */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
