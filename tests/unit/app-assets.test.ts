/** The app:// asset rules: only the built renderer, only the app host, always with the CSP. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAppAsset } from '../../electron/protocol/app-assets';

let root: string;
let outsideFile: string;
beforeAll(() => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-assets-'));
  root = path.join(base, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), '1');
  outsideFile = path.join(base, 'secret.txt');
  fs.writeFileSync(outsideFile, 'not for the renderer');
  fs.symlinkSync(outsideFile, path.join(root, 'assets', 'link.txt'));
});
afterAll(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));

describe('resolveAppAsset', () => {
  it('serves the index and assets with content type and CSP', () => {
    const index = resolveAppAsset(root, '/');
    expect(index).toMatchObject({ status: 200, file: path.join(root, 'index.html') });
    expect(index.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(index.headers['Content-Security-Policy']).toContain("script-src 'self'");
    expect(index.headers['Content-Security-Policy']).toContain("default-src 'none'");
    expect(resolveAppAsset(root, '/assets/app.js').headers['Content-Type']).toBe('text/javascript; charset=utf-8');
  });

  it('refuses other hosts', () => {
    expect(resolveAppAsset(root, '/index.html', 'evil').status).toBe(403);
  });

  it('refuses to leave the renderer folder', () => {
    for (const p of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt']) {
      const r = resolveAppAsset(root, p);
      expect(r.status, p).not.toBe(200);
    }
    expect(resolveAppAsset(root, '/index.html%00.js').status).toBe(404);
    expect(resolveAppAsset(root, '/%E0%A4%A').status).toBe(404);
    expect(resolveAppAsset(root, '/assets').status).toBe(404);
    expect(resolveAppAsset(root, '/missing.js').status).toBe(404);
  });
});
