/** Downloads: Range (first, middle, suffix, beyond the end), If-Range, If-None-Match, digest headers. */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment } from '../../shared/protocol/cases';
import { signIn, type ApiClient } from './helpers/api-client';
import { startTestServer, type TestServer } from './helpers/test-server';

let server: TestServer;
let employee: ApiClient;
let attachment: Attachment;
let whole: Buffer;

beforeAll(async () => {
  server = await startTestServer();
  employee = await signIn(server.url, server.demoCredentials!.employees[0]!);
  // Seeded case 0 (assigned to the first employee) carries the large CSV: pick the largest attachment.
  const { events } = await employee.expect(200, 'changes', { query: { after: '0', limit: 1000 } });
  attachment = events.flatMap((e) => (e.type === 'message.created' ? e.message.attachments : [])).sort((a, b) => b.size - a.size)[0]!;
  whole = Buffer.from(await (await get()).arrayBuffer());
});
afterAll(async () => { await server?.stop(); });

const get = (headers: Record<string, string> = {}) =>
  fetch(employee.url('downloadAttachment', { attachmentId: attachment.id }), { headers: { authorization: `Bearer ${employee.token}`, ...headers } });

describe('attachment download', () => {
  it('sends the whole file with ETag, Accept-Ranges and the SHA-256 in Repr-Digest and X-Content-SHA256', async () => {
    const r = await get();
    expect(r.status).toBe(200);
    expect(whole.length).toBe(attachment.size);
    const sha = createHash('sha256').update(whole).digest();
    expect(sha.toString('hex')).toBe(attachment.sha256);
    expect(r.headers.get('x-content-sha256')).toBe(attachment.sha256);
    expect(r.headers.get('repr-digest')).toBe(`sha-256=:${sha.toString('base64')}:`);
    expect(r.headers.get('accept-ranges')).toBe('bytes');
    expect(r.headers.get('content-length')).toBe(String(attachment.size));
    expect(r.headers.get('etag')).toMatch(/^"sha256-[0-9a-f]{64}"$/);
    await r.arrayBuffer();
  });

  const cases: Array<[string, string, number, number]> = [
    ['first bytes', 'bytes=0-99', 0, 99],
    ['a middle range', 'bytes=1000000-1048575', 1000000, 1048575],
    ['an open-ended range', 'bytes=2000000-', 2000000, -1],
    ['a suffix', 'bytes=-500', -500, -1],
    ['a range running past the end (clamped)', 'bytes=2097000-9999999', 2097000, -1],
  ];
  for (const [label, header, first, last] of cases) {
    it(`answers 206 with ${label}`, async () => {
      const size = attachment.size;
      const start = first < 0 ? size + first : first;
      const end = last < 0 ? size - 1 : last;
      const r = await get({ range: header });
      expect(r.status).toBe(206);
      expect(r.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
      expect(r.headers.get('x-content-sha256')).toBe(attachment.sha256);
      const body = Buffer.from(await r.arrayBuffer());
      expect(body.equals(whole.subarray(start, end + 1))).toBe(true);
    });
  }

  it('answers 416 with Content-Range */size for a range beyond the end', async () => {
    for (const header of [`bytes=${attachment.size}-`, `bytes=${attachment.size + 10}-${attachment.size + 20}`, 'bytes=-0']) {
      const r = await get({ range: header });
      expect(r.status).toBe(416);
      expect(r.headers.get('content-range')).toBe(`bytes */${attachment.size}`);
      expect(((await r.json()) as { code: string }).code).toBe('E_RANGE_NOT_SATISFIABLE');
    }
  });

  it('honours If-Range with the current ETag and sends the whole file for a stale one', async () => {
    const etag = (await get({ range: 'bytes=0-0' })).headers.get('etag')!;
    const fresh = await get({ range: 'bytes=10-19', 'if-range': etag });
    expect(fresh.status).toBe(206);
    expect(Buffer.from(await fresh.arrayBuffer()).equals(whole.subarray(10, 20))).toBe(true);
    const stale = await get({ range: 'bytes=10-19', 'if-range': `"sha256-${'0'.repeat(64)}"` });
    expect(stale.status).toBe(200);
    expect(Buffer.from(await stale.arrayBuffer()).equals(whole)).toBe(true);
  });

  it('answers 304 to If-None-Match with the current ETag and ignores multi-range requests', async () => {
    const etag = (await get({ range: 'bytes=0-0' })).headers.get('etag')!;
    const notModified = await get({ 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    const multi = await get({ range: 'bytes=0-1,5-6' });
    expect(multi.status).toBe(200);
    expect((await multi.arrayBuffer()).byteLength).toBe(attachment.size);
  });
});
