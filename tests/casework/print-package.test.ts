/**
 * The print service records what it built (vault.recordPrint with the package's volumes): Appeals
 * readiness then sees a case package built after the last message, with the SHA-256 of each volume
 * file as it is on disk, and the transfer records exactly those. A message-scope package does not count.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createPrintService } from '../../electron/print/print-service';
import { ITEMS, inboundFile, openFixture, syncedCase, type CaseworkFixture } from './helpers/casework-fixture';

let f: CaseworkFixture;
beforeEach(async () => { f = await openFixture(); });
afterEach(() => f.cleanup());

it('a built case package is what readiness and the transfer record', async () => {
  const c = syncedCase(f.vault);
  await inboundFile(f.vault, c.messageId, 'Bank statements Jan-Mar 2026.txt', 'Checking account statement, January to March 2026.\n');
  f.service.create({ caseId: c.caseId, threadId: c.threadId, items: ITEMS, dueDate: '2026-04-27' });
  const sbu = path.join(path.dirname(f.dir), 'sbu');
  const print = createPrintService({ session: () => f.vault, sbuFolder: sbu, setPrefix: 'OIC', sbuMarking: 'SBU - TEST', employee: () => ({ employeeName: 'Alex Examiner', egainId: '1004821' }) });

  await print.build({ kind: 'message', messageId: c.messageId });
  expect(f.service.readiness(c.caseId).latestPackage).toBeNull();

  const built = await print.build({ kind: 'case', caseId: c.caseId });
  const onDisk = print.lastFiles().map((p) => crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex'));
  const view = f.service.readiness(c.caseId);
  expect(view.checks.find((x) => x.id === 'package-built')!.ok).toBe(true);
  expect(view.latestPackage).toEqual({ builtAt: f.now().toISOString(), files: built.files, sha256s: onDisk });

  const transferred = f.service.markTransferred({ caseId: c.caseId, acknowledgeOpenChecks: true });
  expect(transferred.transfer!.packageSha256s).toEqual(onDisk);
  expect(f.vault.listAudit(3).find((e) => e.event === 'transfer')!.detail).toBe(`package sha256 ${onDisk.join(',')}`);
}, 120_000);
