/**
 * The start-up sweep: after a crash between moving an upload's bytes and committing the message (in
 * either order), or with stray files left behind, a restart puts every file where its record says.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/start-server';
import { ApiClient, firstThread, signIn } from './helpers/api-client';
import { patchUpload, patternSha256 } from './helpers/byte-streams';
import { startTestServer, type TestServer } from './helpers/test-server';

let first: TestServer;
let second: RunningServer | undefined;
beforeAll(async () => { first = await startTestServer(); });
afterAll(async () => { await second?.close(); await first?.stop(); });

describe('start-up file recovery', () => {
  it('restores interrupted moves and removes orphans', async () => {
    const employee = await signIn(first.url, first.demoCredentials!.employees[0]!);
    const { caseId, threadId } = await firstThread(employee);
    const size = 300_000;
    const make = async (seed: number) => {
      const u = await employee.expect(201, 'createUpload', { body: { caseId, fileName: `doc-${seed}.pdf`, size } });
      await patchUpload(employee.url('appendUpload', { uploadId: u.id }), employee.token!, seed, size, 0);
      return u.id;
    };
    const unsent = await make(1);
    const sentUpload = await make(2);
    const message = await employee.expect(201, 'createMessage', { params: { caseId, threadId }, body: { body: 'x', uploadIds: [sentUpload] } });
    await first.close();

    const dir = first.dataDir;
    const part = (id: string) => path.join(dir, 'uploads', `${id}.part`);
    const blob = (id: string) => path.join(dir, 'blobs', id);
    fs.renameSync(part(unsent), blob(unsent)); // moved, then crashed before the commit
    fs.renameSync(blob(sentUpload), part(sentUpload)); // committed, then crashed before the move
    fs.writeFileSync(path.join(dir, 'uploads', 'stray.part'), 'x');
    fs.writeFileSync(path.join(dir, 'blobs', '11111111-1111-4111-8111-111111111111'), 'x');

    second = await startServer({ dataDir: dir, port: 0 });
    const again = new ApiClient(second.url, employee.token);
    const restored = await again.expect(200, 'getUpload', { params: { uploadId: unsent } });
    expect(restored).toMatchObject({ state: 'complete', offset: size, sha256: patternSha256(1, size) });
    expect(fs.existsSync(part(unsent))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'uploads', 'stray.part'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'blobs', '11111111-1111-4111-8111-111111111111'))).toBe(false);

    const download = await fetch(again.url('downloadAttachment', { attachmentId: message.attachments[0]!.id }), { headers: { authorization: `Bearer ${employee.token}` } });
    expect(download.status).toBe(200);
    expect(createHash('sha256').update(Buffer.from(await download.arrayBuffer())).digest('hex')).toBe(patternSha256(2, size));

    const sent = await again.expect(201, 'createMessage', { params: { caseId, threadId }, body: { body: 'y', uploadIds: [unsent] } });
    expect(sent.attachments[0]!.sha256).toBe(patternSha256(1, size));
  });
});
