/**
 * Sync benchmark: a taxpayer uploads one large file (streamed, never in memory), then the sync client
 * downloads it into a fresh vault (streamed, decrypt-free path: HTTP -> SHA-256 -> AES-GCM blob), once
 * cleanly and once with the connection cut halfway. Also: initial sync of the demo seed for one employee.
 * Run: npm run bench -- sync   (SYNC_BENCH_MIB=1024 for the 1 GiB case; default 256)
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { MiB } from '../../shared/limits';
import { startServer } from '../../server/start-server';
import { createVault } from '../../electron/vault';
import { createSyncService } from '../../electron/sync';
import { printResult, printTable, trackPeakRss } from './lib/report';

const sizeMiB = Number(process.env.SYNC_BENCH_MIB ?? 256);
const size = sizeMiB * MiB;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-sync-bench-'));
const server = await startServer({ dataDir: path.join(tmp, 'server'), port: 0, seed: 'demo', seedOptions: { largeFileBytes: 4 * MiB }, faults: {}, signInRateLimit: { max: 1000, timeWindowMs: 60_000 } });
const rows: Array<Record<string, string | number>> = [];

function* pattern(total: number): Generator<Buffer> {
  const block = Buffer.alloc(MiB);
  for (let i = 0; i < MiB; i += 4) block.writeUInt32LE((i * 2654435761) >>> 0, i);
  for (let sent = 0; sent < total; sent += MiB) { block.writeUInt32LE(sent / MiB, 0); yield block.subarray(0, Math.min(MiB, total - sent)); }
}

async function api(pathName: string, init: RequestInit & { token?: string } = {}) {
  const res = await fetch(`${server.url}${pathName}`, { ...init, headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), 'idempotency-key': randomUUID(), ...(init.headers as Record<string, string>) } });
  return res.json() as Promise<Record<string, unknown> & { id: string }>;
}

// Taxpayer of case 0 (assigned to employee 1004821) sends the large file.
const signInRes = await api('/v1/auth/sign-in', { method: 'POST', body: JSON.stringify({ username: 'jordan.ellis', password: 'demo-taxpayer-pass' }) });
const token = signInRes.accessToken as string;
const { cases } = await (await fetch(`${server.url}/v1/cases`, { headers: { authorization: `Bearer ${token}` } })).json() as { cases: Array<{ id: string; offerNumber: string }> };
const c = cases.find((x) => x.offerNumber === 'DEMO-0000010001')!;
const { threads } = await (await fetch(`${server.url}/v1/cases/${c.id}/threads`, { headers: { authorization: `Bearer ${token}` } })).json() as { threads: Array<{ id: string }> };
const upload = await api('/v1/uploads', { method: 'POST', token, body: JSON.stringify({ caseId: c.id, fileName: 'bank-export.csv', size, contentType: 'text/csv' }) });
await new Promise<void>((resolve, reject) => {
  const req = http.request(`${server.url}/v1/uploads/${upload.id}`, { method: 'PATCH', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0', 'content-length': String(size) } }, (res) => { res.resume(); res.on('end', resolve); });
  req.on('error', reject);
  Readable.from(pattern(size)).pipe(req);
});
await api(`/v1/cases/${c.id}/threads/${threads[0]!.id}/messages`, { method: 'POST', token, body: JSON.stringify({ body: 'Export attached.', uploadIds: [upload.id] }) });

async function run(label: string, faults: { dropAfterBytes?: number; pathPrefix?: string }) {
  const vaultDir = path.join(tmp, `vault-${rows.length}`);
  const vault = await createVault(vaultDir, 'correct horse battery staple');
  const sync = await createSyncService({ vault, baseUrl: server.url, download: { backoff: { baseMs: 50, maxMs: 200 } } });
  await sync.signIn('1004821', 'demo-employee-pass');
  server.faults!.set(faults);
  const rss = trackPeakRss();
  const t0 = performance.now();
  const report = await sync.syncNow();
  const seconds = (performance.now() - t0) / 1000;
  const peak = rss.stop();
  server.faults!.set({});
  const downloaded = vault.listCases().flatMap((k) => vault.listCaseMessages(k.id)).flatMap((m) => vault.listAttachments(m.id)).reduce((s, a) => s + a.size, 0);
  rows.push({ run: label, files: report.downloads.stored, 'MiB stored': (downloaded / MiB).toFixed(1), seconds: seconds.toFixed(2), 'MB/s': (downloaded / 1e6 / seconds).toFixed(0), 'peak RSS MB': peak.toFixed(0) });
  vault.lock();
  fs.rmSync(vaultDir, { recursive: true, force: true });
  return { seconds, downloaded, peak };
}

const clean = await run(`initial sync (demo + ${sizeMiB} MiB file)`, {});
const cut = await run(`same, cut at ${sizeMiB / 2} MiB`, { pathPrefix: '/v1/attachments/', dropAfterBytes: size / 2 });
printTable('Sync: initial sync into an encrypted vault over 127.0.0.1', rows);
await server.close();
fs.rmSync(tmp, { recursive: true, force: true });
printResult({ bench: 'sync', largeFileMiB: sizeMiB, cleanMBps: Math.round(clean.downloaded / 1e6 / clean.seconds), resumedMBps: Math.round(cut.downloaded / 1e6 / cut.seconds), peakRssMb: Math.round(Math.max(clean.peak, cut.peak)) });
