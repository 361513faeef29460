/**
 * A search result never shows a full TIN: file names of stored and announced attachments and
 * subjects are indexed as taxpayers wrote them, and every spelling comes back masked from
 * searchResults (real encrypted vault, real FTS5 snippets with their hit markers).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault, HIT_END, HIT_START, type Vault } from '../../electron/vault';
import { searchResults } from '../../electron/vault/queries/search-results';
import { PASSPHRASE, seedCase } from './helpers/fixtures';

const NAMES = [
  'Statement 987-65-4320.pdf', 'SSN 987.65.4321 return.pdf', 'ssn_987_65_4322.pdf', 'id 987 - 65 - 4323.pdf',
  'copy 987--65--4324.pdf', 'card \uFF19\uFF18\uFF17\uFF0D\uFF16\uFF15\uFF0D\uFF14\uFF13\uFF12\uFF15.pdf', 'tin 987654326.pdf',
];

let tmp: string;
let vault: Vault;
async function* one(b: Buffer) { yield b; }

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-search-mask-'));
  vault = await createVault(path.join(tmp, 'vault'), PASSPHRASE, { actor: '1004821' });
  const { messageId } = seedCase(vault, 1, { subject: 'Documents for 987-65-4327', body: 'Attached.' });
  for (const fileName of NAMES) await vault.addAttachment({ messageId, fileName, declaredType: 'application/pdf' }, one(Buffer.from('%PDF-1.4 synthetic')));
  const announced = seedCase(vault, 2, { subject: 'More files', body: 'See the scan.' });
  // Bodies where the 12-token snippet around a rare word cuts the SSN: its window starts inside it
  // ("…65-4329 …", the last 6 of 9 digits) or ends inside it ("… 987-65…"); a whole date stays.
  const filler = Array.from({ length: 20 }, (_, i) => `w${i + 1}`).join(' ');
  seedCase(vault, 3, { subject: 'Question', body: `${filler} the file 987-65-4329 a b c zebrafish d e f g h i j k l m n o p` });
  seedCase(vault, 4, { subject: 'Question', body: `${filler} a b c d quokka e f g h 987-65-4329 q r s t u v w x` });
  seedCase(vault, 5, { subject: 'Question', body: `${filler} sent 03/12/2025 platypus e f g h i q r s t u v w x` });
  vault.sync.recordRemoteAttachment({
    serverAttachmentId: 'remote-1', messageId: announced.messageId, fileName: 'scan 987.65.4328 fax-20250312-0915.tif',
    contentType: 'image/tiff', size: 10, sha256: 'a'.repeat(64), state: 'pending',
  });
});
afterAll(() => { vault.lock(); fs.rmSync(tmp, { recursive: true, force: true }); });

const noFullTin = (text: string) => !/9\D{0,6}8\D{0,6}7\D{0,6}6\D{0,6}5\D{0,6}4\D{0,6}3\D{0,6}2/u.test(text.normalize('NFKC'));

describe('search results mask TINs from file names and subjects', () => {
  it.each(['4320', '4321', '4322', '4323', '4324', 'card', 'tin', '987654326', '987', 'statement', 'ssn', 'pdf'])('query %s', (query) => {
    const { messages } = searchResults(vault, query);
    expect(messages.length).toBeGreaterThan(0);
    for (const hit of messages) {
      expect(noFullTin(hit.snippet), hit.snippet).toBe(true);
      expect(noFullTin(hit.subject), hit.subject).toBe(true);
    }
  });

  it('masks every digit of a number the snippet may have cut, at either end, and keeps a whole date', () => {
    const plain = (t: string) => t.replaceAll(HIT_START, '').replaceAll(HIT_END, '');
    // The raw snippets do cut the SSN (else this test would prove nothing).
    expect(plain(vault.search({ query: 'zebrafish', limit: 5 })[0]!.snippet)).toMatch(/^…65-4329 /u);
    expect(plain(vault.search({ query: 'quokka', limit: 5 })[0]!.snippet)).toMatch(/ 987-65…$/u);
    const [start] = searchResults(vault, 'zebrafish').messages;
    expect(plain(start!.snippet)).toMatch(/^…XX-XXXX a b c zebrafish/u);
    const [end] = searchResults(vault, 'quokka').messages;
    expect(plain(end!.snippet)).toMatch(/quokka e f g h XXX-XX…$/u);
    expect(plain(searchResults(vault, 'platypus').messages[0]!.snippet)).toContain('sent 03/12/2025 platypus');
  });

  it('masks the subject, and an announced file name, while its date stays readable', () => {
    const [hit] = searchResults(vault, '4327').messages;
    expect(hit!.subject).toBe('Documents for XXX-XX-XXXX');
    const [announced] = searchResults(vault, '4328').messages;
    expect(announced!.snippet.replaceAll(HIT_START, '').replaceAll(HIT_END, '')).toContain('XXX.XX.XXXX fax-20250312-0915.tif');
  });
});
