/**
 * A marker written in a subject, a body, an attachment (content and name), a draft and a search term
 * appears in none of the vault's files on disk: database, WAL, shared memory, blobs, and the temp file
 * of a blob write in progress.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault, unlockVault, type Vault } from '../../electron/vault';
import { PASSPHRASE, seedCase } from './helpers/fixtures';
import { once } from './helpers/generated-bytes';
import { listFilesRecursive, makeTempDir } from './helpers/temp-dir';

// One lower-case token: it would appear verbatim both in row content and in the FTS index.
const MARKER = 'zqxjmarkerplaintext';
const needles = [MARKER, MARKER.toUpperCase(), 'Zqxjmarker'].map((s) => Buffer.from(s, 'utf8'))
  .concat([Buffer.from(MARKER, 'utf16le')]);

let tmp: ReturnType<typeof makeTempDir>;
let dir: string;
let vault: Vault;
beforeAll(async () => { tmp = makeTempDir(); dir = path.join(tmp.dir, 'vault'); vault = await createVault(dir, PASSPHRASE); });
afterAll(() => { vault.lock(); tmp.cleanup(); });

function filesContainingMarker(): string[] {
  const hits: string[] = [];
  for (const f of listFilesRecursive(dir)) {
    const bytes = fs.readFileSync(f);
    if (needles.some((n) => bytes.includes(n))) hits.push(path.relative(dir, f));
  }
  return hits;
}

describe('no plaintext on disk', () => {
  it('finds the marker nowhere, while open, during a blob write and after lock', async () => {
    const { caseId, threadId, messageId } = seedCase(vault, 1, { subject: `Subject ${MARKER}`, body: `Body text ${MARKER} ${MARKER}` });
    const content = Buffer.from(`${MARKER} `.repeat(200_000)); // ~4 MiB: several chunks
    const att = await vault.addAttachment({ messageId, fileName: `${MARKER}.pdf`, declaredType: 'application/pdf' }, once(content));
    vault.saveDraft({ caseId, threadId, subject: MARKER, body: MARKER });
    expect(vault.search({ query: MARKER })).toHaveLength(1);
    expect((await vault.readAttachmentRange(att.id, 0, MARKER.length)).toString()).toBe(MARKER);

    // A blob write that is still streaming: its temp file must be ciphertext too.
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    async function* slow() { yield content.subarray(0, 3 * 1024 * 1024); await gate; yield content.subarray(0, 10); }
    const pending = vault.addAttachment({ messageId, fileName: 'second.pdf', declaredType: 'application/pdf' }, slow());
    for (let i = 0; i < 50 && !fs.readdirSync(path.join(dir, 'blobs')).some((n) => n.includes('.scoic-tmp-')); i++) await new Promise((r) => setTimeout(r, 20));
    const names = listFilesRecursive(dir).map((f) => path.basename(f));
    expect(names.some((n) => n.includes('.scoic-tmp-'))).toBe(true);
    expect(names).toEqual(expect.arrayContaining(['vault.db', 'vault.db-wal', 'vault.db-shm', 'vault.keys.json']));
    expect(filesContainingMarker()).toEqual([]);
    release();
    await pending;

    expect(filesContainingMarker()).toEqual([]);
    vault.lock();
    expect(filesContainingMarker()).toEqual([]);
    // And it was really stored: unlock and find it again.
    const { vault: again } = await unlockVault(dir, PASSPHRASE);
    expect(again.search({ query: MARKER })[0]?.snippet).toContain(MARKER);
    again.lock();
    expect(filesContainingMarker()).toEqual([]);
  });
});
