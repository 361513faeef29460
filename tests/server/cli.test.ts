/** `npm run server` (server/cli.ts): prints its URL and the demo credentials, stops cleanly on SIGTERM. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('server CLI', () => {
  it('starts on loopback, prints URL and credentials, serves, and exits 0 on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-cli-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--data', dataDir, '--port', '0', '--seed', 'demo', '--large-file-mb', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 60_000);
        child.stdout.on('data', () => {
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m && out.includes('representative')) { clearTimeout(timer); resolve(m[1]!); }
        });
        child.on('exit', () => reject(new Error(`exited early: ${out}`)));
      });
      expect(out).toMatch(/e-Gain ID \d+ +password \S+/);
      const health = await fetch(`${url}/v1/health`);
      expect(await health.json()).toMatchObject({ status: 'ok', demo: true });
      const code = await new Promise<number | null>((resolve) => { child.on('exit', resolve); child.kill('SIGTERM'); });
      expect(code).toBe(0);
      await expect(fetch(`${url}/v1/health`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
