/**
 * An upload's content type becomes a response header when the file is downloaded, so only a strict
 * RFC 9110 media type is accepted: CR/LF, U+2028 and every other control or non-ASCII character are
 * refused with a 400 problem and nothing is stored. A row stored before this check is still served
 * (as application/octet-stream), never answered with a 500.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type ApiClient } from './helpers/api-client';
import { startTestServer, type TestServer } from './helpers/test-server';

let server: TestServer;
let taxpayer: ApiClient;
let caseId: string;
let threadId: string;
beforeAll(async () => {
  server = await startTestServer();
  taxpayer = await signIn(server.url, server.demoCredentials!.taxpayers[0]!);
  caseId = (await taxpayer.expect(200, 'listCases')).cases[0]!.id;
  threadId = (await taxpayer.expect(200, 'listThreads', { params: { caseId } })).threads[0]!.id;
});
afterAll(async () => { await server?.stop(); });

const REFUSED = [
  'application/pdf\r\nX-Injected: 1', 'application/pdf\n', 'application/pdf\r', 'text/plain\u2028', 'text/plain\u2029',
  'application/pdf\u0000', 'application/pdf\t', '\tapplication/pdf', 'application/pdf\u007f', 'application/pdf\u0085',
  'application/pdf\u001b[31m', 'text/plain; charset="utf-8\r\n"', 'text/plain; charset="a\u0000"', 'applicatión/pdf',
  'application/\uFF50df', 'pdf', 'application/', '/pdf', 'application//pdf', 'application/pdf/x', 'application /pdf',
  'application/pdf; charset', 'application/pdf; =x', 'application/pdf;', 'application/pdf ', ' application/pdf',
  'text/plain; charset="unterminated', 'application/pdf, text/html', 'application/(pdf)', 'text/plain; a=b c',
];

const ACCEPTED = [
  'application/pdf', 'image/tiff', 'image/svg+xml', 'Application/PDF', 'application/octet-stream', 'text/csv',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'text/plain; charset=utf-8',
  'text/plain;charset=UTF-8', 'text/csv; charset="utf-8"; header=present', 'multipart/x-mixed; boundary="a b\\"c"',
];

describe('upload content types', () => {
  it(`refuses ${REFUSED.length} malformed or control-character types with a 400 problem, storing nothing`, async () => {
    const uploads = path.join(server.dataDir, 'uploads');
    const before = fs.readdirSync(uploads).length;
    for (const contentType of REFUSED) {
      const problem = await taxpayer.problem('E_VALIDATION', 'createUpload', { body: { caseId, fileName: 'statement.pdf', size: 10, contentType } });
      expect(problem.status, JSON.stringify(contentType)).toBe(400);
      expect(problem.detail).toContain('contentType');
    }
    expect(fs.readdirSync(uploads).length).toBe(before);
  });

  it(`accepts ${ACCEPTED.length} well-formed media types`, async () => {
    for (const contentType of ACCEPTED) {
      const upload = await taxpayer.expect(201, 'createUpload', { body: { caseId, fileName: 'statement.pdf', size: 10, contentType } });
      expect(upload.contentType).toBe(contentType);
    }
  });

  it('serves a file whose stored type predates the check as application/octet-stream instead of failing with 500', async () => {
    const bytes = Buffer.from('%PDF-1.4 synthetic\n');
    const upload = await taxpayer.expect(201, 'createUpload', { body: { caseId, fileName: 'statement.pdf', size: bytes.length, contentType: 'application/pdf' } });
    const patched = await fetch(taxpayer.url('appendUpload', { uploadId: upload.id }), {
      method: 'PATCH', body: new Uint8Array(bytes),
      headers: { authorization: `Bearer ${taxpayer.token}`, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
    });
    expect(patched.status).toBe(200);
    const message = await taxpayer.expect(201, 'createMessage', { params: { caseId, threadId }, body: { body: 'Statement attached.', uploadIds: [upload.id] }, idempotencyKey: randomUUID() });
    const attachmentId = message.attachments[0]!.id;
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path.join(server.dataDir, 'server.sqlite'));
    try {
      db.prepare('UPDATE attachments SET content_type = ? WHERE id = ?').run('application/pdf\r\nX-Injected: 1\u2028', attachmentId);
    } finally { db.close(); }
    const response = await fetch(taxpayer.url('downloadAttachment', { attachmentId }), { headers: { authorization: `Bearer ${taxpayer.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('x-injected')).toBeNull();
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });
});
