/**
 * The case-work tables are encrypted like the rest of the vault: a marker written in a request's
 * wording, label, subject, waiver reason, due-date reason and a linked file's name appears in no file
 * of the vault folder (database, WAL, shared memory, blobs, key file), open or locked; and it really
 * was stored (read back after an unlock).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listCaseRequests } from '../../electron/casework/case-requests';
import { unlockVault } from '../../electron/vault';
import { listFilesRecursive } from '../vault/helpers/temp-dir';
import { PASSPHRASE, inboundFile, openFixture, syncedCase, type CaseworkFixture } from './helpers/casework-fixture';

const MARKER = 'zqxjrequestmarker';
const needles = [MARKER, MARKER.toUpperCase(), 'Zqxjrequestmarker'].map((s) => Buffer.from(s, 'utf8')).concat([Buffer.from(MARKER, 'utf16le')]);

let f: CaseworkFixture;
beforeAll(async () => { f = await openFixture(); });
afterAll(() => f.cleanup());

const filesWithMarker = () => listFilesRecursive(f.dir).filter((file) => {
  const bytes = fs.readFileSync(file);
  return needles.some((n) => bytes.includes(n));
}).map((file) => path.relative(f.dir, file));

it('finds the marker in no file of the vault, open or locked', async () => {
  const { caseId, messageId } = syncedCase(f.vault);
  const view = f.service.create({
    caseId, threadId: null, subject: `Documents ${MARKER}`, dueDate: '2026-04-27',
    items: [
      { kind: 'other', label: `Lease ${MARKER}`, wording: `A copy of your lease ${MARKER} ${MARKER}.` },
      { kind: 'bank-statements', label: 'Bank statements', wording: `Statements ${MARKER}.` },
    ],
  });
  const [lease, bank] = view.requests[0]!.items;
  const file = await inboundFile(f.vault, messageId, `${MARKER}.pdf`);
  f.service.updateItem({ action: 'link', itemId: lease!.id, attachmentId: file });
  f.service.updateItem({ action: 'change-due-date', itemId: lease!.id, dueDate: '2026-05-04', reason: `Asked for time ${MARKER}` });
  f.service.updateItem({ action: 'waive', itemId: bank!.id, reason: `Closed account ${MARKER}` });
  expect(listCaseRequests(f.vault, caseId, f.now()).requests[0]!.items[1]!.waivedReason).toContain(MARKER);
  expect(filesWithMarker()).toEqual([]);
  f.vault.lock();
  expect(filesWithMarker()).toEqual([]);

  const { vault } = await unlockVault(f.dir, PASSPHRASE);
  try {
    const [request] = listCaseRequests(vault, caseId, f.now(), 'America/New_York').requests;
    expect(request!.subject).toContain(MARKER);
    expect(request!.items[0]!.history.at(-1)!.reason).toContain(MARKER);
    expect(request!.items[0]!.linkedAttachments[0]!.fileName).toContain(MARKER);
  } finally {
    vault.lock();
  }
  expect(filesWithMarker()).toEqual([]);
});
