/**
 * The baseline a sync download is measured against: Node's own HTTP client fetching the same bytes
 * from the same server over loopback and writing them to a file, fsynced: no hashing, no encryption,
 * no vault. What the network and the disk allow, in this process, in the same run.
 */
import fs from 'node:fs';
import http from 'node:http';
import { pipeline } from 'node:stream/promises';

export async function baselineDownload(url: string, token: string, target: string): Promise<{ bytes: number; seconds: number }> {
  const t0 = performance.now();
  let bytes = 0;
  await new Promise<void>((resolve, reject) => {
    const req = http.get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) { res.resume(); reject(new Error(`baseline download: HTTP ${res.statusCode}`)); return; }
      res.on('data', (chunk: Buffer) => { bytes += chunk.byteLength; });
      // flush: fsync before the file closes, as the vault does before its rename.
      pipeline(res, fs.createWriteStream(target, { flush: true })).then(resolve, reject);
    });
    req.on('error', reject);
  });
  const seconds = (performance.now() - t0) / 1000;
  fs.rmSync(target, { force: true });
  return { bytes, seconds };
}
