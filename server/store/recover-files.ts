/**
 * Start-up sweep of the data directory, so a crash never leaves bytes without a record or a record
 * without its bytes. Attachments keep their upload's id, which makes every case decidable:
 *  - a sent upload ('used') whose bytes are still at uploads/<id>.part: finish the move to blobs/;
 *  - an unsent upload whose .part is gone but blobs/<id> exists (crash before commit): move it back;
 *  - files in uploads/ or blobs/ that no record names: delete them (e.g. a refused or abandoned write).
 */
import fs from 'node:fs';
import type { Db } from '../db/open-database';
import type { DataDir } from './data-dir';
import { stmt } from '../db/statement-cache';

export interface RecoveryReport { finishedMoves: number; revertedMoves: number; removedOrphans: number }

export function recoverFiles(db: Db, dir: DataDir): RecoveryReport {
  const report: RecoveryReport = { finishedMoves: 0, revertedMoves: 0, removedOrphans: 0 };
  const uploads = new Map((stmt(db, 'SELECT id, state FROM uploads').all() as { id: string; state: string }[]).map((u) => [u.id, u.state]));
  const attachmentIds = new Set((stmt(db, 'SELECT id FROM attachments').all() as { id: string }[]).map((a) => a.id));
  const exists = (file: string) => fs.existsSync(file);

  for (const [id, state] of uploads) {
    const part = dir.upload(id), blob = dir.blob(id);
    if (state === 'used' && exists(part) && !exists(blob)) { fs.renameSync(part, blob); report.finishedMoves++; }
    if (state !== 'used' && !exists(part) && exists(blob) && !attachmentIds.has(id)) { fs.renameSync(blob, part); report.revertedMoves++; }
  }
  for (const name of fs.readdirSync(`${dir.root}/uploads`)) {
    const id = name.replace(/\.part$/, '');
    if (!name.endsWith('.part') || uploads.get(id) === undefined || uploads.get(id) === 'used') {
      fs.rmSync(`${dir.root}/uploads/${name}`, { force: true });
      report.removedOrphans++;
    }
  }
  for (const name of fs.readdirSync(`${dir.root}/blobs`)) {
    if (!attachmentIds.has(name)) { fs.rmSync(dir.blob(name), { force: true }); report.removedOrphans++; }
  }
  return report;
}
