/**
 * `npm run bench -- print`: one labelled package of ~40 PDFs (5-20 pages, text and a JPEG on each page)
 * and ~20 images, against `qpdf --empty --pages ... --` merging the same PDFs (no labels), in the
 * same run. Then where the time goes (read + verify, parse, copy, stamp, font subsetting, write, images),
 * and memory: the same case x1 and x5 (~265 MB), as one volume and split into 20 MiB volumes.
 *
 * Options: --pdfs N (40), --images N (20), --runs N (5, best of; builds and qpdf merges alternate),
 * --keep (leave the files).
 * Needs qpdf for the comparison (Debian: `sudo apt-get install qpdf`); without it qpdf figures are null.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import sharp from 'sharp';
import { attachOpeners } from '../../electron/print/attachment-openers';
import { buildPrintPackage } from '../../electron/print/build-print-package';
import { loadFontFiles } from '../../electron/print/doc-fonts';
import type { PrintSetData } from '../../electron/print/print-set';
import { writePdfToFile } from '../../electron/print/pdf-file-writer';
import { loadSourcePdf } from '../../electron/print/render-pdf';
import { renderImage } from '../../electron/print/render-image';
import { VolumeDoc } from '../../electron/print/volume-doc';
import { printResult, printTable, trackPeakRss } from './lib/report';

const arg = (name: string, def: number) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : def; };
const PDFS = arg('pdfs', 40);
const IMAGES = arg('images', 20);
const RUNS = arg('runs', 5);
const scenario = process.argv.includes('--volumes-child') ? 'volumes' : process.argv.includes('--build-child') ? 'build' : 'main';
const work = process.argv.includes('--dir') ? process.argv[process.argv.indexOf('--dir') + 1]! : fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-bench-print-'));
const now = () => performance.now();

async function generate(): Promise<{ pdfs: string[]; images: string[]; pdfPages: number }> {
  const src = path.join(work, 'src');
  fs.mkdirSync(src, { recursive: true });
  const pdfs: string[] = [];
  let pdfPages = 0;
  for (let i = 0; i < PDFS; i++) {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const pages = 5 + ((i * 7) % 16);
    for (let p = 0; p < pages; p++) {
      const page = doc.addPage([612, 792]);
      for (let l = 0; l < 40; l++) page.drawText(`Statement ${i} page ${p + 1} line ${l}: deposit 1,234.56 withdrawal 789.01 balance 10,000.00`, { x: 50, y: 740 - l * 12, size: 8, font });
      const jpg = await sharp({ create: { width: 500, height: 350, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 110 + p, sigma: 40 } } }).jpeg({ quality: 80 }).toBuffer();
      page.drawImage(await doc.embedJpg(jpg), { x: 150, y: 60, width: 300, height: 210 });
    }
    const file = path.join(src, `statement-${i}.pdf`);
    fs.writeFileSync(file, await doc.save());
    pdfs.push(file);
    pdfPages += pages;
  }
  const images: string[] = [];
  for (let i = 0; i < IMAGES; i++) {
    const base = sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 30 } } });
    const kind = ['jpg', 'jpg', 'jpg', 'png', 'tif'][i % 5]!;
    const file = path.join(src, `photo-${i}.${kind}`);
    if (kind === 'jpg') await base.jpeg({ quality: 85 }).withMetadata({ orientation: i % 2 ? 6 : 1 }).toFile(file);
    else if (kind === 'png') await sharp({ create: { width: 1400, height: 1000, channels: 3, background: '#f4f4f4' } }).png().toFile(file);
    else await sharp(Buffer.alloc(1728 * 2200, 255), { raw: { width: 1728, height: 2200, channels: 1 } }).toColourspace('b-w').tiff({ compression: 'ccittfax4', bitdepth: 1 }).toFile(file);
    images.push(file);
  }
  return { pdfs, images, pdfPages };
}

function setOf(files: string[]): PrintSetData {
  const att = (file: string) => {
    const bytes = fs.readFileSync(file);
    return { name: path.basename(file), size: bytes.length, declaredType: 'application/octet-stream', sha256: createHash('sha256').update(bytes).digest('hex'), source: { kind: 'file' as const, path: file } };
  };
  // Ten messages, the attachments spread over them.
  const per = Math.ceil(files.length / 10);
  return {
    caseHeader: { offerNumber: 'DEMO-0000012345', taxpayerDisplayName: 'Bench Taxpayer', maskedTin: '***-**-4321', employeeName: 'Pat Examiner', egainId: 'EG-1' },
    messages: Array.from({ length: 10 }, (_, m) => ({
      serverId: `bench-${m}`, direction: 'received' as const, serverReceivedAt: new Date(Date.UTC(2025, 3, 21, 14, m)).toISOString(),
      from: 'taxpayer@example.com', to: 'Pat Examiner', subject: `Documents ${m}`, body: 'Attached are the requested documents.',
      attachments: files.slice(m * per, (m + 1) * per).map(att),
    })),
  };
}

function qpdfAvailable(): boolean {
  return spawnSync('qpdf', ['--version']).status === 0;
}

async function phases(pdfs: string[], images: string[]): Promise<Record<string, number>> {
  const fonts = loadFontFiles();
  const t: Record<string, number> = {};
  let a = now();
  const bytes = pdfs.map((f) => fs.readFileSync(f));
  for (const b of bytes) createHash('sha256').update(b).digest('hex');
  t.read_and_verify_sha256_ms = now() - a;
  a = now();
  const docs = [];
  for (const b of bytes) docs.push(await loadSourcePdf(b));
  t.parse_ms = now() - a;
  const vol = await VolumeDoc.create(fonts);
  a = now();
  for (const d of docs) await vol.copyPdfPages(d, 'RECEIVED 04/21/2025 10:03 AM ET · SECURE MESSAGING · MSG BENC…');
  t.copy_ms = now() - a;
  a = now();
  for (let p = 0; p < vol.pageCount; p++) vol.stamp(p, { pageNumber: p + 1, totalPages: vol.pageCount, setNumber: `SM-${String(p + 1).padStart(6, '0')}`, volume: { index: 1, count: 1 }, sbuMarking: 'SENSITIVE BUT UNCLASSIFIED (SBU)' });
  t.stamp_ms = now() - a;
  a = now();
  await vol.doc.flush();
  t.font_subset_ms = now() - a;
  const out = path.join(work, 'phases.pdf');
  fs.rmSync(out, { force: true });
  const fd = fs.openSync(out, 'wx');
  a = now();
  await writePdfToFile(vol.doc, fd);
  t.write_and_sha256_ms = now() - a;
  a = now();
  fs.fsyncSync(fd);
  t.fsync_ms = now() - a;
  fs.closeSync(fd);
  const imgVol = await VolumeDoc.create(fonts);
  a = now();
  for (const f of images) await renderImage(imgVol, 'label', fs.readFileSync(f), f.endsWith('.jpg') ? 'jpeg' : f.endsWith('.png') ? 'png' : 'tiff', { maxImagePixels: 1e8 });
  t.images_ms = now() - a;
  return t;
}

/** Runs a scenario of this file in a fresh Node process (its memory peak and heap are its own). */
function child(args: string[]): Record<string, unknown> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', fileURLToPath(import.meta.url), ...args, '--dir', work], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  try { return JSON.parse(last) as Record<string, unknown>; } catch { console.log(r.stdout, r.stderr); throw new Error(`bench child ${args.join(' ')} failed`); }
}

async function main(): Promise<void> {
  console.log(`generating ${PDFS} PDFs and ${IMAGES} images in ${work} ...`);
  const { pdfPages } = await generate();
  const srcBytes = fs.readdirSync(path.join(work, 'src')).reduce((s, f) => s + fs.statSync(path.join(work, 'src', f)).size, 0);

  // The package build, in a fresh process like the app's worker thread (the generator's heap would
  // otherwise slow its garbage collection).
  const built = child(['--build-child', '--runs', String(RUNS)]) as { runs: number[]; qpdf_runs: number[]; pages: number; output_bytes: number; peak_rss_mb: number; baseline_rss_mb: number; phases: Record<string, number> };
  const pages = built.pages;
  const rows: Array<Record<string, string | number>> = built.runs.map((ms, r) => ({ run: r + 1, what: 'labelled package', pages, ms: Math.round(ms), pages_per_s: Math.round(pages / ms * 1000) }));
  const best = Math.min(...built.runs);

  const qpdfBest = built.qpdf_runs.length > 0 ? Math.min(...built.qpdf_runs) : null;
  built.qpdf_runs.forEach((ms, r) => rows.push({ run: r + 1, what: 'qpdf merge (PDFs only, no labels)', pages: pdfPages, ms: Math.round(ms), pages_per_s: Math.round(pdfPages / ms * 1000) }));
  if (qpdfBest === null) console.log('qpdf not found: install it for the comparison (Debian/Ubuntu: sudo apt-get install qpdf)');
  printTable(`print package: ${pages} pages (${pdfPages} from ${PDFS} PDFs, ${IMAGES} images, cover, index, 10 messages), sources ${(srcBytes / 1e6).toFixed(1)} MB, output ${(built.output_bytes / 1e6).toFixed(1)} MB`, rows);
  printTable('where the time goes (same PDFs and images, one warm pass each, ms)', Object.entries(built.phases).map(([k, v]) => ({ phase: k, ms: Math.round(v) })));

  // A split build (volumes of ~20 MB of sources) in its own process: its peak is the bound that matters.
  // Memory: the same case five times over (~265 MB of sources), as one volume and split into
  // 20 MiB volumes, each in its own process so each peak is its own.
  type MemoryRun = { volumes: number; pages: number; ms: number; peak_rss_mb: number; baseline_rss_mb: number; total_mb: number; largest_volume_mb: number };
  const memoryRuns: Array<[string, MemoryRun]> = [
    ['x1, one volume', child(['--volumes-child', '--repeat', '1', '--max-volume-mb', '100000']) as MemoryRun],
    ['x1, 20 MiB volumes', child(['--volumes-child', '--repeat', '1', '--max-volume-mb', '20']) as MemoryRun],
    ['x5, one volume', child(['--volumes-child', '--repeat', '5', '--max-volume-mb', '100000']) as MemoryRun],
    ['x5, 20 MiB volumes', child(['--volumes-child', '--repeat', '5', '--max-volume-mb', '20']) as MemoryRun],
  ];
  printTable('memory (each build in its own process; RSS includes Node, sharp and the fonts: the baseline)', memoryRuns.map(([build, m]) => ({
    build, pages: m.pages, volumes: m.volumes, output_mb: Math.round(m.total_mb), largest_volume_mb: Math.round(m.largest_volume_mb),
    baseline_rss_mb: Math.round(m.baseline_rss_mb), peak_rss_mb: Math.round(m.peak_rss_mb), ms: Math.round(m.ms),
  })));
  const volumes = memoryRuns[3]![1];

  const pagesPerS = pages / best * 1000;
  const qpdfPagesPerS = qpdfBest === null ? null : pdfPages / qpdfBest * 1000;
  if (!process.argv.includes('--keep')) fs.rmSync(work, { recursive: true, force: true });
  printResult({
    pages, pdf_pages: pdfPages, images: IMAGES, ms: Math.round(best),
    pages_per_s: Math.round(pagesPerS), qpdf_pages_per_s: qpdfPagesPerS === null ? null : Math.round(qpdfPagesPerS),
    ratio: qpdfPagesPerS === null ? null : Number((pagesPerS / qpdfPagesPerS).toFixed(2)),
    peak_rss_mb: Math.round(built.peak_rss_mb), baseline_rss_mb: Math.round(built.baseline_rss_mb), output_mb: Number((built.output_bytes / 1e6).toFixed(1)),
    peak_rss_mb_x5_one_volume: Math.round(memoryRuns[2]![1].peak_rss_mb),
    peak_rss_mb_x5_20mib_volumes: Math.round(volumes.peak_rss_mb),
    phases_ms: Object.fromEntries(Object.entries(built.phases).map(([k, v]) => [k, Math.round(v)])),
  });
}

function sourceFiles(): { all: string[]; pdfs: string[]; images: string[] } {
  const src = path.join(work, 'src');
  const all = fs.readdirSync(src).sort().map((f) => path.join(src, f));
  return { all, pdfs: all.filter((f) => f.endsWith('.pdf')), images: all.filter((f) => !f.endsWith('.pdf')) };
}

async function buildChild(): Promise<void> {
  const { all, pdfs, images } = sourceFiles();
  const set = attachOpeners(setOf(all));
  const sbu = path.join(work, 'sbu');
  const runs: number[] = [];
  let pages = 0;
  let outputBytes = 0;
  loadFontFiles();
  const baseline = process.memoryUsage.rss() / 1e6;
  const rss = trackPeakRss(10);
  // Builds and qpdf merges alternate, so load from other processes on the machine hits both alike.
  const qpdfRuns: number[] = [];
  const withQpdf = qpdfAvailable();
  for (let r = 0; r < RUNS; r++) {
    fs.rmSync(sbu, { recursive: true, force: true });
    const t = now();
    const result = await buildPrintPackage(set, { scope: { kind: 'case' }, sbuFolder: sbu, generatedBy: 'Bench', maxVolumeBytes: 1e12 });
    runs.push(now() - t);
    pages = result.totalPages;
    outputBytes = result.volumes[0]!.bytes;
    if (withQpdf) {
      const q = now();
      execFileSync('qpdf', ['--empty', '--pages', ...pdfs, '--', path.join(work, 'qpdf-merged.pdf')]);
      qpdfRuns.push(now() - q);
    }
  }
  const peak = rss.stop();
  const phase = await phases(pdfs, images);
  console.log(JSON.stringify({ runs, qpdf_runs: qpdfRuns, pages, output_bytes: outputBytes, peak_rss_mb: peak, baseline_rss_mb: baseline, phases: phase }));
}

/** One build of the sources repeated `--repeat` times (a bigger case without generating more files). */
async function volumesChild(): Promise<void> {
  const repeat = arg('repeat', 1);
  const maxVolumeMb = arg('max-volume-mb', 20);
  const all = sourceFiles().all;
  const set = attachOpeners(setOf(Array.from({ length: repeat }, () => all).flat()));
  loadFontFiles();
  const baseline = process.memoryUsage.rss() / 1e6;
  const rss = trackPeakRss(10);
  const t = now();
  const sbu = path.join(work, `sbu-volumes-${repeat}-${maxVolumeMb}`);
  const result = await buildPrintPackage(set, { scope: { kind: 'case' }, sbuFolder: sbu, generatedBy: 'Bench', maxVolumeBytes: maxVolumeMb * 1024 * 1024 });
  const out = { volumes: result.volumes.length, pages: result.totalPages, ms: now() - t, peak_rss_mb: rss.stop(), baseline_rss_mb: baseline, total_mb: result.volumes.reduce((s, v) => s + v.bytes, 0) / 1e6, largest_volume_mb: Math.max(...result.volumes.map((v) => v.bytes)) / 1e6 };
  fs.rmSync(sbu, { recursive: true, force: true });
  console.log(JSON.stringify(out));
}

await (scenario === 'main' ? main() : scenario === 'build' ? buildChild() : volumesChild());
