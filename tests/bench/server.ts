/**
 * `npm run bench -- server`: the reference server under load.
 *  1. A 1 GiB attachment downloaded through the server vs the same file from a plain Node static server
 *     (http + fs.createReadStream), curl as the client, both servers in their own process.
 *  2. 50 concurrent clients, each looping: list cases, then download a 1 MiB attachment.
 * Prints a table, then one JSON line: download_mb_s, static_mb_s, download_ratio, list_p50_ms,
 * list_p99_ms, ... (MB = 10^6 bytes). Options: --size-mb N (default 1024), --seconds N (default 10).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MiB } from '../../shared/limits';
import { UPLOAD_CONTENT_TYPE } from '../../shared/protocol/uploads';
import { CaseListResponseSchema, MessageSchema } from '../../shared/protocol/cases';
import { ChangesResponseSchema } from '../../shared/protocol/changes';
import { TokenResponseSchema } from '../../shared/protocol/auth';
import { UploadSchema } from '../../shared/protocol/uploads';
import { percentile, printResult, printTable } from './lib/report';

const { values } = parseArgs({ options: { 'size-mb': { type: 'string', default: '1024' }, seconds: { type: 'string', default: '10' }, clients: { type: 'string', default: '50' } } });
const largeMiB = Number(values['size-mb']);
const loadSeconds = Number(values.seconds);
const clients = Number(values.clients);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

function startChild(args: string[], ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) resolve({ child, match: m });
    });
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before ready: ${out}`)));
  });
}

const stop = (child: ChildProcess) => new Promise<void>((resolve) => { child.once('exit', () => resolve()); child.kill('SIGTERM'); });

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

/** curl to /dev/null; returns bytes per second as curl measured them. */
function curl(url: string, headers: string[] = []): { bytes: number; seconds: number } {
  const out = execFileSync('curl', ['-s', '-f', '-o', '/dev/null', '-w', '%{size_download} %{time_total}', ...headers.flatMap((h) => ['-H', h]), url]).toString();
  const [bytes, seconds] = out.trim().split(' ').map(Number);
  return { bytes: bytes!, seconds: seconds! };
}

async function json<T>(schema: { parse(v: unknown): T }, url: string, init: RequestInit = {}): Promise<T> {
  const r = await fetch(url, init);
  if (!r.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${r.status} ${await r.text()}`);
  return schema.parse(await r.json());
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-bench-server-'));
const rows: Array<Record<string, string | number>> = [];
let serverChild: ChildProcess | undefined;
let staticChild: ChildProcess | undefined;
try {
  // --- start the server with a seeded 1 GiB attachment -------------------------------------------
  const seedStart = Date.now();
  const started = await startChild(['--import', 'tsx', 'server/cli.ts', '--data', dataDir, '--port', '0', '--seed', 'demo', '--large-file-mb', String(largeMiB)],
    /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*representative/);
  serverChild = started.child;
  const seedSeconds = (Date.now() - seedStart) / 1000;
  const base = started.match[1]!;
  const tokens = await json(TokenResponseSchema, `${base}/v1/auth/sign-in`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accessCode: '1004821', password: 'demo-employee-pass' }),
  });
  const auth = { authorization: `Bearer ${tokens.accessToken}` };
  const feed = await json(ChangesResponseSchema, `${base}/v1/changes?after=0&limit=1000`, { headers: auth });
  const attachments = feed.events.flatMap((e) => (e.type === 'message.created' ? e.message.attachments : []));
  const large = attachments.sort((a, b) => b.size - a.size)[0]!;
  const largeFile = path.join(dataDir, 'blobs', large.id);

  // --- the same file from a plain static server in its own process ---------------------------------
  const staticScript = `const http=require('node:http'),fs=require('node:fs');const f=process.argv[1];const size=fs.statSync(f).size;
http.createServer((q,s)=>{s.writeHead(200,{'content-type':'application/octet-stream','content-length':size});fs.createReadStream(f,{highWaterMark:1<<20}).pipe(s);})
.listen(0,'127.0.0.1',function(){console.log('static on http://127.0.0.1:'+this.address().port)});`;
  const st = await startChild(['-e', staticScript, largeFile], /static on (http:\/\/127\.0\.0\.1:\d+)/);
  staticChild = st.child;
  const staticUrl = st.match[1]!;
  const serverUrl = `${base}/v1/attachments/${large.id}/content`;
  const authHeader = `authorization: Bearer ${tokens.accessToken}`;

  // The seed has just written the file: flush it to disk so writeback does not compete with the
  // measurement, warm the page cache once, then alternate three runs each and keep the median.
  execFileSync('sync');
  curl(staticUrl);
  curl(serverUrl, [authHeader]);
  const serverRuns: number[] = [];
  const staticRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    const s = curl(serverUrl, [authHeader]);
    if (s.bytes !== large.size) throw new Error(`server sent ${s.bytes} of ${large.size} bytes`);
    serverRuns.push(s.bytes / s.seconds / 1e6);
    const p = curl(staticUrl);
    if (p.bytes !== large.size) throw new Error(`static server sent ${p.bytes} of ${large.size} bytes`);
    staticRuns.push(p.bytes / p.seconds / 1e6);
  }
  const downloadMbS = percentile(serverRuns, 50);
  const staticMbS = percentile(staticRuns, 50);
  rows.push({ measure: 'runs: server / static (MB/s)', value: `${serverRuns.map((r) => r.toFixed(0)).join(', ')} / ${staticRuns.map((r) => r.toFixed(0)).join(', ')}` });
  rows.push({ measure: `${largeMiB} MiB download, through server (MB/s)`, value: downloadMbS });
  rows.push({ measure: `${largeMiB} MiB download, static server (MB/s)`, value: staticMbS });
  await stop(staticChild);
  staticChild = undefined;

  // --- 50 concurrent clients: list cases, download a 1 MiB attachment ------------------------------
  const caseId = CaseListResponseSchema.parse(await (await fetch(`${base}/v1/cases`, { headers: auth })).json()).cases[0]!.id;
  const threads = (await (await fetch(`${base}/v1/cases/${caseId}/threads`, { headers: auth })).json()) as { threads: Array<{ id: string }> };
  const upload = await json(UploadSchema, `${base}/v1/uploads`, {
    method: 'POST', headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': `bench-${Date.now()}` },
    body: JSON.stringify({ caseId, fileName: 'Pay stub scan.pdf', size: MiB }),
  });
  await json(UploadSchema, `${base}/v1/uploads/${upload.id}`, {
    method: 'PATCH', headers: { ...auth, 'content-type': UPLOAD_CONTENT_TYPE, 'upload-offset': '0' }, body: new Uint8Array(MiB).fill(7),
  });
  const message = await json(MessageSchema, `${base}/v1/cases/${caseId}/threads/${threads.threads[0]!.id}/messages`, {
    method: 'POST', headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': `bench-msg-${Date.now()}` },
    body: JSON.stringify({ body: 'Benchmark attachment', uploadIds: [upload.id] }),
  });
  const oneMbUrl = `${base}/v1/attachments/${message.attachments[0]!.id}/content`;

  const listMs: number[] = [];
  const fileMs: number[] = [];
  let bytes = 0;
  let errors = 0;
  const deadline = Date.now() + loadSeconds * 1000;
  const loadStart = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (Date.now() < deadline) {
      let t = performance.now();
      const list = await fetch(`${base}/v1/cases`, { headers: auth });
      await list.arrayBuffer();
      if (!list.ok) errors++;
      listMs.push(performance.now() - t);
      t = performance.now();
      const file = await fetch(oneMbUrl, { headers: auth });
      bytes += (await file.arrayBuffer()).byteLength;
      if (!file.ok) errors++;
      fileMs.push(performance.now() - t);
    }
  }));
  const loadSecondsActual = (performance.now() - loadStart) / 1000;
  const serverPeakRss = peakRssMb(serverChild.pid!);

  const result = {
    download_mb_s: Number(downloadMbS.toFixed(1)),
    static_mb_s: Number(staticMbS.toFixed(1)),
    download_ratio: Number((downloadMbS / staticMbS).toFixed(3)),
    list_p50_ms: Number(percentile(listMs, 50).toFixed(2)),
    list_p99_ms: Number(percentile(listMs, 99).toFixed(2)),
    list_rps: Number((listMs.length / loadSecondsActual).toFixed(1)),
    file_1mb_p50_ms: Number(percentile(fileMs, 50).toFixed(2)),
    file_1mb_p99_ms: Number(percentile(fileMs, 99).toFixed(2)),
    file_1mb_mb_s: Number((bytes / loadSecondsActual / 1e6).toFixed(1)),
    clients,
    errors,
    large_file_mib: largeMiB,
    seed_seconds: Number(seedSeconds.toFixed(1)),
    server_peak_rss_mb: Number(serverPeakRss.toFixed(0)),
  };
  rows.push(
    { measure: 'download ratio (server / static)', value: result.download_ratio },
    { measure: `list cases p50 / p99 (ms), ${clients} clients`, value: `${result.list_p50_ms} / ${result.list_p99_ms}` },
    { measure: 'list cases requests/s', value: result.list_rps },
    { measure: '1 MiB download p50 / p99 (ms)', value: `${result.file_1mb_p50_ms} / ${result.file_1mb_p99_ms}` },
    { measure: '1 MiB downloads, aggregate MB/s', value: result.file_1mb_mb_s },
    { measure: 'errors', value: errors },
    { measure: 'server start incl. seed (s)', value: result.seed_seconds },
    { measure: 'server peak RSS (MB)', value: result.server_peak_rss_mb },
  );
  printTable('Reference server', rows);
  printResult(result);
} finally {
  if (staticChild) await stop(staticChild);
  if (serverChild) await stop(serverChild);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
