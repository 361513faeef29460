/**
 * Per-message limits at the byte, with the bytes generated as a stream: employee -> taxpayer 150 MiB
 * exactly passes and one byte more is refused; taxpayer -> employee the same at 1 GiB. A refusal
 * leaves nothing behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INBOUND_MESSAGE_MAX_BYTES, OUTBOUND_MESSAGE_MAX_BYTES } from '../../shared/limits';
import type { Upload } from '../../shared/protocol/uploads';
import { routes } from '../../shared/protocol/routes';
import { signIn, type ApiClient } from './helpers/api-client';
import { patchUpload, patternSha256 } from './helpers/byte-streams';
import { startTestServer, type TestServer } from './helpers/test-server';

let server: TestServer;
let employee: ApiClient;
let taxpayer: ApiClient;
let caseId: string;
let threadId: string;

beforeAll(async () => {
  server = await startTestServer();
  const creds = server.demoCredentials!;
  employee = await signIn(server.url, creds.employees[0]!);
  const kase = (await employee.expect(200, 'listCases')).cases[0]!;
  caseId = kase.id;
  threadId = (await employee.expect(200, 'listThreads', { params: { caseId } })).threads[0]!.id;
  const taxpayerName = kase.participants.find((p) => p.role === 'taxpayer')!.displayName;
  taxpayer = await signIn(server.url, creds.taxpayers.find((t) => t.displayName === taxpayerName)!);
});
afterAll(async () => { await server?.stop(); });

const partFiles = () => fs.readdirSync(path.join(server.dataDir, 'uploads'));
const blobCount = () => fs.readdirSync(path.join(server.dataDir, 'blobs')).length;

async function uploadStreamed(client: ApiClient, size: number, seed: number, fileName: string): Promise<Upload> {
  const upload = await client.expect(201, 'createUpload', { body: { caseId, fileName, size } });
  const r = await patchUpload(client.url('appendUpload', { uploadId: upload.id }), client.token!, seed, size, 0);
  if (r === 'dropped') throw new Error('upload dropped');
  expect(r.status, r.body).toBe(200);
  return routes.appendUpload.responses[200].schema.parse(JSON.parse(r.body));
}

async function expectAtTheByte(client: ApiClient, limit: number, direction: 'outbound' | 'inbound') {
  // One byte more is refused when announced, and nothing is created.
  const before = partFiles().length;
  const over = await client.problem('E_MESSAGE_TOO_LARGE', 'createUpload', { body: { caseId, fileName: 'too-big.pdf', size: limit + 1 } });
  expect(over.status).toBe(413);
  expect(over.details).toMatchObject({ limitBytes: limit });
  expect(partFiles().length).toBe(before);

  // Exactly the limit passes, streamed.
  const exact = await uploadStreamed(client, limit, 9, 'exactly-at-the-limit.pdf');
  expect(exact.sha256).toBe(patternSha256(9, limit));
  // ...but not together with one more byte in the same message.
  const oneByte = await uploadStreamed(client, 1, 10, 'one-more-byte.txt');
  const blobs = blobCount();
  const refused = await client.problem('E_MESSAGE_TOO_LARGE', 'createMessage', { params: { caseId, threadId }, body: { body: 'x', uploadIds: [exact.id, oneByte.id] } });
  expect(refused.details).toMatchObject({ limitBytes: limit, totalBytes: limit + 1 });
  expect(blobCount()).toBe(blobs);

  const sent = await client.expect(201, 'createMessage', { params: { caseId, threadId }, body: { body: 'At the limit', uploadIds: [exact.id] } });
  expect(sent.direction).toBe(direction);
  expect(sent.totalBytes).toBe(limit);
  expect(sent.attachments[0]!.sha256).toBe(exact.sha256);
  expect(fs.statSync(path.join(server.dataDir, 'blobs', sent.attachments[0]!.id)).size).toBe(limit);
  // Free the disk for the next case.
  fs.rmSync(path.join(server.dataDir, 'blobs', sent.attachments[0]!.id));
}

describe('per-message size limits', () => {
  it('employee -> taxpayer: 150 MiB exactly passes, one byte more is refused', async () => {
    expect(OUTBOUND_MESSAGE_MAX_BYTES).toBe(150 * 1024 * 1024);
    await expectAtTheByte(employee, OUTBOUND_MESSAGE_MAX_BYTES, 'outbound');
    // The employee limit applies to employees even though taxpayers may send more.
    await employee.problem('E_MESSAGE_TOO_LARGE', 'createUpload', { body: { caseId, fileName: 'a.pdf', size: INBOUND_MESSAGE_MAX_BYTES } });
  });

  it('taxpayer -> employee: 1 GiB exactly passes, one byte more is refused', async () => {
    expect(INBOUND_MESSAGE_MAX_BYTES).toBe(1024 * 1024 * 1024);
    await expectAtTheByte(taxpayer, INBOUND_MESSAGE_MAX_BYTES, 'inbound');
  });
});
