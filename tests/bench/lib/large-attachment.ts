/**
 * Puts one large file on the reference server as a taxpayer would send it (case DEMO-0000010001, which
 * demo employee 1004821 works): an upload streamed from a generated pattern (never in memory), then a
 * message with it. Answers the server's attachment id, for a baseline download of the same bytes.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { MiB } from '../../../shared/limits';

/** A deterministic, non-repeating-enough pattern in 1 MiB blocks (compression would not help). */
export function* patternBytes(total: number): Generator<Buffer> {
  const block = Buffer.alloc(MiB);
  for (let i = 0; i < MiB; i += 4) block.writeUInt32LE((i * 2654435761) >>> 0, i);
  for (let sent = 0; sent < total; sent += MiB) { block.writeUInt32LE(sent / MiB, 0); yield block.subarray(0, Math.min(MiB, total - sent)); }
}

async function api(baseUrl: string, pathName: string, init: RequestInit & { token?: string } = {}) {
  const res = await fetch(`${baseUrl}${pathName}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), 'idempotency-key': randomUUID(), ...(init.headers as Record<string, string>) },
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${pathName}: HTTP ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
}

/** Signs in and answers an access token (employees: e-Gain ID; taxpayers: user name). */
export async function signInToken(baseUrl: string, body: Record<string, string>): Promise<string> {
  const res = await api(baseUrl, '/v1/auth/sign-in', { method: 'POST', body: JSON.stringify(body) });
  return res.accessToken as string;
}

export async function sendLargeAttachment(baseUrl: string, size: number, fileName = 'bank-export.csv'): Promise<{ attachmentId: string }> {
  const token = await signInToken(baseUrl, { username: 'jordan.ellis', password: 'demo-taxpayer-pass' });
  const { cases } = await api(baseUrl, '/v1/cases', { token }) as { cases: Array<{ id: string; offerNumber: string }> };
  const c = cases.find((x) => x.offerNumber === 'DEMO-0000010001');
  if (!c) throw new Error('demo seed: case DEMO-0000010001 not found');
  const { threads } = await api(baseUrl, `/v1/cases/${c.id}/threads`, { token }) as { threads: Array<{ id: string }> };
  const upload = await api(baseUrl, '/v1/uploads', { method: 'POST', token, body: JSON.stringify({ caseId: c.id, fileName, size, contentType: 'text/csv' }) });
  await new Promise<void>((resolve, reject) => {
    const req = http.request(`${baseUrl}/v1/uploads/${String(upload.id)}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0', 'content-length': String(size) },
    }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode && res.statusCode < 300 ? resolve() : reject(new Error(`upload PATCH: HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    Readable.from(patternBytes(size)).pipe(req);
  });
  const message = await api(baseUrl, `/v1/cases/${c.id}/threads/${threads[0]!.id}/messages`, {
    method: 'POST', token, body: JSON.stringify({ body: 'Export attached.', uploadIds: [upload.id] }),
  }) as { attachments: Array<{ id: string }> };
  return { attachmentId: message.attachments[0]!.id };
}
