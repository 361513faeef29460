/**
 * Print-from-vault benchmark: the demo seed is synced into a fresh encrypted vault (employee 1004821),
 * then the largest of that employee's cases (by attachment bytes) is printed whole through the print
 * service: per-blob key grants on the main thread, decryption and layout in the print worker. Reports
 * wall time, pages/s, peak RSS of the process (main + worker; the in-process demo server and sync are
 * in the "before" figure), and the main thread's event-loop delay
 * during the build (what a window would feel), plus the same case as a single message for scale.
 * Run: npm run bench -- print-vault   (PRINT_VAULT_LARGE_MIB=25 sets the seed's large CSV; default 25)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { MiB } from '../../shared/limits';
import { startServer } from '../../server/start-server';
import { createVault } from '../../electron/vault';
import { createSyncService } from '../../electron/sync';
import { createPrintService } from '../../electron/print/print-service';
import { printResult, printTable, trackPeakRss } from './lib/report';

const largeMiB = Number(process.env.PRINT_VAULT_LARGE_MIB ?? 25);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-print-vault-bench-'));
const server = await startServer({ dataDir: path.join(tmp, 'server'), port: 0, seed: 'demo', seedOptions: { largeFileBytes: largeMiB * MiB }, faults: {}, signInRateLimit: { max: 1000, timeWindowMs: 60_000 } });
const vault = await createVault(path.join(tmp, 'vault'), 'correct horse battery staple', { actor: 'bench' });
const sync = await createSyncService({ vault, baseUrl: server.url });
await sync.signIn('1004821', 'demo-employee-pass');
await sync.syncNow();

const cases = vault.listCases().map((c) => {
  const messages = vault.listCaseMessages(c.id);
  const atts = messages.flatMap((m) => vault.listAttachments(m.id));
  return { id: c.id, messages: messages.length, attachments: atts.length, bytes: atts.reduce((s, a) => s + a.size, 0) };
}).sort((a, b) => b.bytes - a.bytes);
const largest = cases[0]!;
const account = sync.account;
const service = createPrintService({
  session: () => vault, sbuFolder: path.join(tmp, 'sbu'), setPrefix: 'OIC', sbuMarking: 'SENSITIVE BUT UNCLASSIFIED (SBU)',
  employee: () => (account?.accessCode ? { employeeName: account.displayName, egainId: account.accessCode } : null),
});

const rows: Array<Record<string, string | number>> = [];
async function run(label: string, scope: Parameters<typeof service.build>[0]) {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  global.gc?.();
  const before = process.memoryUsage.rss() / 1e6;
  const rss = trackPeakRss();
  loop.enable();
  const t0 = performance.now();
  const result = await service.build(scope);
  const seconds = (performance.now() - t0) / 1000;
  loop.disable();
  const peak = rss.stop();
  const bytes = result.volumes.reduce((s, v) => s + v.bytes, 0);
  const row = {
    run: label, pages: result.totalPages, volumes: result.volumes.length,
    placeholders: result.attachments.filter((a) => a.status === 'placeholder').length,
    'package MB': (bytes / 1e6).toFixed(1), seconds: seconds.toFixed(2), 'pages/s': (result.totalPages / seconds).toFixed(0),
    'RSS before MB': before.toFixed(0), 'peak RSS MB': peak.toFixed(0), 'main loop p99 ms': (loop.percentile(99) / 1e6).toFixed(1), 'main loop max ms': (loop.max / 1e6).toFixed(1),
  };
  rows.push(row);
  return { result, seconds, peak, loopMaxMs: loop.max / 1e6, loopP99Ms: loop.percentile(99) / 1e6 };
}

const firstMessage = vault.listCaseMessages(largest.id).find((m) => vault.listAttachments(m.id).length > 0)!;
await run('one message', { kind: 'message', messageId: firstMessage.id });
const whole = await run(`whole case (${largest.messages} msgs, ${largest.attachments} files, ${(largest.bytes / MiB).toFixed(1)} MiB)`, { kind: 'case', caseId: largest.id });

printTable('Print from the vault: largest demo case of employee 1004821, worker decrypts with per-blob keys', rows);
vault.lock();
await server.close();
fs.rmSync(tmp, { recursive: true, force: true });
printResult({
  bench: 'print-vault', caseAttachmentMiB: +(largest.bytes / MiB).toFixed(1), pages: whole.result.totalPages, seconds: +whole.seconds.toFixed(2),
  pages_per_s: Math.round(whole.result.totalPages / whole.seconds), peak_rss_mb: Math.round(whole.peak),
  main_loop_p99_ms: +whole.loopP99Ms.toFixed(1), main_loop_max_ms: +whole.loopMaxMs.toFixed(1),
});
