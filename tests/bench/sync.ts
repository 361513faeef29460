/**
 * Sync benchmark: a taxpayer uploads one large file (streamed, never in memory), then the sync client
 * downloads it into an encrypted vault (HTTP -> SHA-256 -> AES-GCM blob -> fsync).
 *  - "large file only": a vault already synced with the demo seed pulls the one new message with the
 *    file; this is `sync_ratio`'s numerator;
 *  - baseline, same run, same server, same bytes: Node's own HTTP client writing them to a file with
 *    fsync (tests/bench/lib/baseline-download.ts), once before and once after ours (mean);
 * The reference server runs in a child process (tests/bench/lib/server-child.ts).
 *  - initial sync of the demo seed plus the file into a fresh vault, once cleanly and once with the
 *    connection cut halfway (resume by Range).
 * Run: npm run bench -- sync   (SYNC_BENCH_MIB sets the large file; default 1024, 256 while developing)
 * The vault's blob writer (electron/vault/blob-writer.ts) is measured as it is.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MiB } from '../../shared/limits';
import { createVault } from '../../electron/vault';
import { createSyncService } from '../../electron/sync';
import { baselineDownload } from './lib/baseline-download';
import { sendLargeAttachment, signInToken } from './lib/large-attachment';
import { startServerChild } from './lib/server-child';
import { printResult, printTable, trackPeakRss } from './lib/report';
import { setHeapGrowth } from '../../electron/threads/heap-growth';

setHeapGrowth(); // this process stands for the app's main process, which sets it at start-up

const sizeMiB = Number(process.env.SYNC_BENCH_MIB ?? 1024);
const size = sizeMiB * MiB;
const TARGETS = { ratio: 0.7, rssMb: 300 };
const load = os.loadavg();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-sync-bench-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
// In a child process: its work and memory are the server's, not ours (peak RSS is this process's).
const server = await startServerChild({ dataDir: path.join(tmp, 'server'), seedOptions: { largeFileBytes: 4 * MiB }, signInRateLimit: { max: 1000, timeWindowMs: 60_000 } });
const rows: Array<Record<string, string | number>> = [];
const PASSPHRASE = 'correct horse battery staple';
const EMPLOYEE = ['1004821', 'demo-employee-pass'] as const;

async function syncedVault(label: string) {
  const vaultDir = path.join(tmp, `vault-${label}`);
  const vault = await createVault(vaultDir, PASSPHRASE);
  const sync = await createSyncService({ vault, baseUrl: server.url, download: { backoff: { baseMs: 50, maxMs: 200 } } });
  await sync.signIn(...EMPLOYEE);
  return { vault, sync, vaultDir };
}

function storedBytes(vault: Awaited<ReturnType<typeof createVault>>): number {
  return vault.listCases().flatMap((k) => vault.listCaseMessages(k.id)).flatMap((m) => vault.listAttachments(m.id)).reduce((s, a) => s + a.size, 0);
}

// A vault with the demo seed already in it, before the large file exists: its next sync is the file alone.
const incremental = await syncedVault('incremental');
await incremental.sync.syncNow();
const before = storedBytes(incremental.vault);

const { attachmentId } = await sendLargeAttachment(server.url, size);
const employeeToken = await signInToken(server.url, { accessCode: EMPLOYEE[0], password: EMPLOYEE[1] });
const contentUrl = `${server.url}/v1/attachments/${attachmentId}/content`;

async function baseline(label: string) {
  const rss = trackPeakRss();
  const b = await baselineDownload(contentUrl, employeeToken, path.join(tmp, 'baseline.bin'));
  if (b.bytes !== size) throw new Error(`baseline got ${b.bytes} bytes, expected ${size}`);
  const peak = rss.stop();
  rows.push({ run: label, files: 1, 'MiB stored': (b.bytes / MiB).toFixed(1), seconds: b.seconds.toFixed(2), 'MB/s': (b.bytes / 1e6 / b.seconds).toFixed(0), 'peak RSS MB': peak.toFixed(0) });
  return b.bytes / 1e6 / b.seconds;
}

async function timed(label: string, sync: Awaited<ReturnType<typeof syncedVault>>, bytes: () => number) {
  const rss = trackPeakRss();
  const t0 = performance.now();
  const report = await sync.sync.syncNow();
  const seconds = (performance.now() - t0) / 1000;
  const peak = rss.stop();
  const downloaded = bytes();
  rows.push({ run: label, files: report.downloads.stored, 'MiB stored': (downloaded / MiB).toFixed(1), seconds: seconds.toFixed(2), 'MB/s': (downloaded / 1e6 / seconds).toFixed(0), 'peak RSS MB': peak.toFixed(0) });
  return { seconds, downloaded, peak, mbps: downloaded / 1e6 / seconds };
}

const baseline1 = await baseline(`baseline: node:http -> file + fsync (${sizeMiB} MiB)`);
const ours = await timed(`ours: large file only (${sizeMiB} MiB, vault already synced)`, incremental, () => storedBytes(incremental.vault) - before);
const baseline2 = await baseline('baseline again');
incremental.vault.lock();
fs.rmSync(incremental.vaultDir, { recursive: true, force: true });

async function fresh(label: string, faults: { dropAfterBytes?: number; pathPrefix?: string }) {
  const s = await syncedVault(`fresh-${rows.length}`);
  await server.setFaults(faults);
  const r = await timed(label, s, () => storedBytes(s.vault));
  await server.setFaults({});
  s.vault.lock();
  fs.rmSync(s.vaultDir, { recursive: true, force: true });
  return r;
}
const clean = await fresh(`initial sync (demo + ${sizeMiB} MiB file)`, {});
const cut = await fresh(`same, cut at ${sizeMiB / 2} MiB`, { pathPrefix: '/v1/attachments/', dropAfterBytes: size / 2 });

const baselineMBps = (baseline1 + baseline2) / 2;
const ratio = ours.mbps / baselineMBps;
const peak = Math.max(ours.peak, clean.peak, cut.peak);
printTable('Sync: downloads into an encrypted vault over 127.0.0.1, against node:http writing the same bytes with fsync', rows);
console.log(`\nsync_ratio ${ratio.toFixed(2)} (target >= ${TARGETS.ratio})  peak RSS ${peak.toFixed(0)} MB (target < ${TARGETS.rssMb})  load before ${load.map((l) => l.toFixed(2)).join(' ')}, after ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
await server.close();
printResult({
  bench: 'sync', largeFileMiB: sizeMiB, cleanMBps: Math.round(clean.downloaded / 1e6 / clean.seconds), resumedMBps: Math.round(cut.downloaded / 1e6 / cut.seconds), peakRssMb: Math.round(peak),
  ours_MBps: Math.round(ours.mbps), baseline_MBps: Math.round(baselineMBps), sync_ratio: +ratio.toFixed(2), peak_rss_mb: Math.round(peak),
  load_1m: +load[0]!.toFixed(2),
});
