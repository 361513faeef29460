/** Export writes verified plaintext only inside the SBU folder, atomically, and audits it. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault, type Vault } from '../../electron/vault';
import { PASSPHRASE, seedCase } from './helpers/fixtures';
import { generateBuffer, once } from './helpers/generated-bytes';
import { listFilesRecursive, makeTempDir } from './helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let vault: Vault;
let sbu: string;
let messageId: number;
const content = generateBuffer(2 * 1024 * 1024 + 99, 'export');
beforeAll(async () => {
  tmp = makeTempDir();
  sbu = path.join(tmp.dir, 'SBU');
  fs.mkdirSync(sbu);
  vault = await createVault(path.join(tmp.dir, 'vault'), PASSPHRASE);
  messageId = seedCase(vault).messageId;
});
afterAll(() => { vault.lock(); tmp.cleanup(); });

const add = (name: string, bytes = content) => vault.addAttachment({ messageId, fileName: name, declaredType: 'application/pdf' }, once(bytes));

describe('export', () => {
  it('writes the exact plaintext inside the SBU folder and audits it', async () => {
    const a = await add('statement.pdf');
    const result = await vault.exportAttachment(a.id, sbu, 'case-1/statement.pdf');
    expect(result.path).toBe(path.join(fs.realpathSync(sbu), 'case-1', 'statement.pdf'));
    expect(fs.readFileSync(result.path).equals(content)).toBe(true);
    expect(result.sha256).toBe(crypto.createHash('sha256').update(content).digest('hex'));
    expect(vault.listAudit(1)[0]).toMatchObject({ event: 'export', caseId: a.caseId });
    await expect(vault.exportAttachment(a.id, sbu, 'case-1/statement.pdf')).rejects.toMatchObject({ code: 'E_FILE_EXISTS' });
    await vault.exportAttachment(a.id, sbu, 'case-1/statement.pdf', { overwrite: true });
  });

  it('refuses paths outside the SBU folder: absolute, .., and through a symbolic link', async () => {
    const a = await add('x.pdf');
    const outside = path.join(tmp.dir, 'outside');
    fs.mkdirSync(outside);
    fs.symlinkSync(outside, path.join(sbu, 'link'));
    for (const p of [path.join(outside, 'x.pdf'), '../outside/x.pdf', 'link/x.pdf', '.scoic-export-tmp/x.pdf']) {
      await expect(vault.exportAttachment(a.id, sbu, p)).rejects.toMatchObject({ code: 'E_OUTSIDE_SBU_FOLDER' });
    }
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  it('refuses blocked file types', async () => {
    const a = await add('invoice.pdf.exe', Buffer.from('MZ'));
    await expect(vault.exportAttachment(a.id, sbu, 'invoice.exe')).rejects.toMatchObject({ code: 'E_BLOCKED_FILE_TYPE' });
  });

  it('leaves no file at all when the blob is tampered (temp then rename only after full verification)', async () => {
    const a = await add('tampered.pdf');
    const blob = path.join(tmp.dir, 'vault', 'blobs', a.blobRef);
    const bytes = fs.readFileSync(blob);
    bytes[bytes.length - 5]! ^= 0x01; // the last chunk: earlier chunks verify and are written to the temp file first
    fs.writeFileSync(blob, bytes);
    const before = listFilesRecursive(sbu).length;
    await expect(vault.exportAttachment(a.id, sbu, 'tampered.pdf')).rejects.toMatchObject({ code: 'E_BLOB_TAMPERED' });
    expect(listFilesRecursive(sbu).length).toBe(before);
    expect(fs.existsSync(path.join(sbu, 'tampered.pdf'))).toBe(false);
  });
});
