/**
 * The demo seed: who and what it creates, within the synthetic-data rules, and that every generated
 * file is a real file of its kind (PDFs read back by pdf.js, images and the fax TIFF by sharp, the
 * OOXML packages by unzip's integrity test).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment, Case } from '../../shared/protocol/cases';
import { signIn } from './helpers/api-client';
import { startTestServer, type TestServer } from './helpers/test-server';

let server: TestServer;
const cases: Case[] = [];
const attachments: Attachment[] = [];

beforeAll(async () => {
  server = await startTestServer();
  for (const creds of server.demoCredentials!.employees) {
    const employee = await signIn(server.url, creds);
    cases.push(...(await employee.expect(200, 'listCases')).cases);
    const { events } = await employee.expect(200, 'changes', { query: { after: '0', limit: 1000 } });
    for (const e of events) if (e.type === 'message.created') attachments.push(...e.message.attachments);
  }
});
afterAll(async () => { await server?.stop(); });

const STANDARD_FONTS = `${path.resolve('node_modules/pdfjs-dist/standard_fonts')}/`;
const blob = (a: Attachment) => fs.readFileSync(path.join(server.dataDir, 'blobs', a.id));

describe('demo seed', () => {
  it('creates 20+ OIC cases over all three offer bases with synthetic identifiers only', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(new Set(cases.map((c) => c.offerBasis))).toEqual(new Set(['doubt-as-to-collectibility', 'doubt-as-to-liability', 'effective-tax-administration']));
    for (const c of cases) expect(c.offerNumber).toMatch(/^DEMO-\d{10}$/);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path.join(server.dataDir, 'server.sqlite'), { readonly: true });
    try {
      const tins = (db.prepare('SELECT tin FROM cases').all() as { tin: string }[]).map((r) => r.tin);
      for (const tin of tins) expect(tin).toMatch(/^987-65-432\d$/);
    } finally { db.close(); }
    expect(cases.some((c) => c.participants.some((p) => p.role === 'representative'))).toBe(true);
  });

  it('stores no file under a name that carries a file name, TIN or offer number', () => {
    for (const dir of ['blobs', 'uploads', 'outbox']) {
      for (const f of fs.readdirSync(path.join(server.dataDir, dir))) expect(f).toMatch(/^[0-9a-f-]{36}(\.part)?$|^\d+-[0-9a-f-]{36}\.eml$/);
    }
  });

  it('generates multi-page PDFs that pdf.js reads back', async () => {
    const pdfs = attachments.filter((a) => a.contentType === 'application/pdf');
    expect(pdfs.length).toBeGreaterThan(5);
    for (const a of pdfs.slice(0, 4)) {
      const doc = await getDocument({ data: new Uint8Array(blob(a)), isEvalSupported: false, standardFontDataUrl: STANDARD_FONTS }).promise;
      expect(doc.numPages).toBeGreaterThan(1);
      const text = (await (await doc.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
      expect(text).toMatch(/DEMO/);
      await doc.destroy();
    }
  });

  it('generates JPEG and PNG scans and a multi-page Group 4 fax TIFF', async () => {
    const jpeg = attachments.find((a) => a.contentType === 'image/jpeg')!;
    const png = attachments.find((a) => a.contentType === 'image/png')!;
    const tiff = attachments.find((a) => a.contentType === 'image/tiff')!;
    expect((await sharp(blob(jpeg)).metadata()).format).toBe('jpeg');
    expect((await sharp(blob(png)).metadata()).format).toBe('png');
    const meta = await sharp(blob(tiff), { pages: -1 }).metadata();
    expect(meta.format).toBe('tiff');
    expect(meta.pages).toBe(3);
    // Byte 0x0103 tag value 4 = CCITT T.6 (Group 4) in the first IFD.
    expect(blob(tiff).includes(Buffer.from([0x03, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x04, 0x00]))).toBe(true);
  });

  it('generates .docx and .xlsx packages that unzip verifies, a CSV and a large file', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-ooxml-'));
    try {
      for (const [ext, part] of [['wordprocessingml', 'word/document.xml'], ['spreadsheetml', 'xl/worksheets/sheet1.xml']] as const) {
        const a = attachments.find((x) => x.contentType.includes(ext))!;
        const file = path.join(tmp, a.id);
        fs.writeFileSync(file, blob(a));
        expect(execFileSync('unzip', ['-tq', file]).toString()).toContain('No errors detected');
        expect(execFileSync('unzip', ['-p', file, part]).toString()).toMatch(/<\?xml/);
      }
    } finally { fs.rmSync(tmp, { recursive: true, force: true }); }
    const csv = attachments.find((a) => a.fileName === 'March transactions.csv')!;
    expect(blob(csv).toString('utf8').split('\n')[0]).toBe('date,description,amount');
    const large = attachments.find((a) => a.fileName.startsWith('Transaction history export'))!;
    expect(large.size).toBe(2 * 1024 * 1024); // the test server asks for 2 MiB
  });

  it('generates the same large file bytes on every run (deterministic)', async () => {
    const other = await startTestServer();
    try {
      const e = await signIn(other.url, other.demoCredentials!.employees[0]!);
      const { events } = await e.expect(200, 'changes', { query: { after: '0', limit: 1000 } });
      const large = events.flatMap((ev) => (ev.type === 'message.created' ? ev.message.attachments : [])).find((a) => a.fileName.startsWith('Transaction history'))!;
      expect(large.sha256).toBe(attachments.find((a) => a.fileName.startsWith('Transaction history'))!.sha256);
    } finally { await other.stop(); }
  });

  it('does not seed twice into the same data directory', async () => {
    await server.close();
    const { startServer } = await import('../../server/start-server');
    const again = await startServer({ dataDir: server.dataDir, port: 0, seed: 'demo' });
    try {
      const e = await signIn(again.url, again.demoCredentials!.employees[0]!);
      const count = (await e.expect(200, 'listCases')).cases.length;
      expect(count).toBe(cases.filter((c) => c.assignedEmployee.displayName === again.demoCredentials!.employees[0]!.displayName).length);
    } finally { await again.close(); }
  });
});
