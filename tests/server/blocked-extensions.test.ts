/**
 * Every one of the 49 blocked extensions, in every spelling attackers use, is refused when the upload
 * is announced, and the refusal leaves nothing behind; look-alike names that are not blocked pass,
 * including names whose inner dot-segments look like blocked extensions (`chase.com.pdf`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCKED_EXTENSIONS } from '../../shared/blocked-extensions';
import { signIn, type ApiClient } from './helpers/api-client';
import { startTestServer, type TestServer } from './helpers/test-server';

let server: TestServer;
let taxpayer: ApiClient;
let caseId: string;
beforeAll(async () => {
  server = await startTestServer();
  taxpayer = await signIn(server.url, server.demoCredentials!.taxpayers[0]!);
  caseId = (await taxpayer.expect(200, 'listCases')).cases[0]!.id;
});
afterAll(async () => { await server?.stop(); });

const spellings = (ext: string): string[] => [
  `report.${ext}`,
  `REPORT.${ext.toUpperCase()}`,
  `Report.${ext[0]!.toUpperCase()}${ext.slice(1)}`,
  `report.${ext}.`,
  `report.${ext} `,
  `report.${ext}. . `,
  `report.pdf.${ext}`,
  `chase.com.pdf.${ext}`,
  `report\u202Efdp.${ext}`,
  `report.pdf:evil.${ext}`,
  `report.\uFF25\uFF38\uFF25`.replace('\uFF25\uFF38\uFF25', ext.toUpperCase().replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xFEE0))),
];

const LOOK_ALIKES = [
  'executive-summary.pdf', 'exe.pdf', 'report.pdfexe', 'invoice.exe_', 'notes.jsx', 'data.json', 'script.jsonl',
  'comments.txt', 'registry-export.pdf', 'bat-mitzvah-photo.jpg', 'report.docx', 'budget.xlsx', 'deck.pptx',
  'archive.zip', 'scan.tiff', 'photo.JPEG', 'letter.ps', 'readme.md', 'installer.msix', 'my.jar.of.cookies.png'.replace('.jar', '-jar'),
  // Only the final extension is what Windows runs: inner segments are part of the name.
  'chase.com.pdf', 'Lee.inf.2024.pdf', 'report.exe.pdf', 'statement.scr.2024.pdf', 'x\u202Eexe.pdf',
];

describe('blocked file types', () => {
  it('refuses all 49 extensions in every spelling with E_BLOCKED_FILE_TYPE and stores nothing', async () => {
    expect(BLOCKED_EXTENSIONS).toHaveLength(49);
    const before = fs.readdirSync(path.join(server.dataDir, 'uploads')).length;
    const names = BLOCKED_EXTENSIONS.flatMap(spellings);
    for (let i = 0; i < names.length; i += 25) {
      await Promise.all(names.slice(i, i + 25).map(async (fileName) => {
        const problem = await taxpayer.problem('E_BLOCKED_FILE_TYPE', 'createUpload', { body: { caseId, fileName, size: 1000 } });
        expect(problem.status).toBe(422);
        // The message names the type, never the (taxpayer's) file name.
        expect(problem.detail).not.toContain('report');
        expect(BLOCKED_EXTENSIONS).toContain(String(problem.details?.extension));
      }));
    }
    expect(fs.readdirSync(path.join(server.dataDir, 'uploads')).length).toBe(before);
  });

  it('accepts look-alike names that carry no blocked extension', async () => {
    for (const fileName of LOOK_ALIKES) {
      const upload = await taxpayer.expect(201, 'createUpload', { body: { caseId, fileName, size: 10 } });
      expect(upload.fileName).toBe(fileName);
    }
  });
});
