/** Layout of the data directory. Files on disk are named by server ids only, never by file names. */
import fs from 'node:fs';
import path from 'node:path';

export interface DataDir {
  root: string;
  blob(attachmentId: string): string;
  upload(uploadId: string): string;
  outbox: string;
}

export function prepareDataDir(root: string): DataDir {
  const abs = path.resolve(root);
  for (const sub of ['blobs', 'uploads', 'outbox']) fs.mkdirSync(path.join(abs, sub), { recursive: true });
  return {
    root: abs,
    blob: (id) => path.join(abs, 'blobs', id),
    upload: (id) => path.join(abs, 'uploads', `${id}.part`),
    outbox: path.join(abs, 'outbox'),
  };
}
