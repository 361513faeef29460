/**
 * Resolves a request for the renderer's built files (`app://scoic/...`) to a file on disk, refusing
 * any other host and any path that escapes the renderer folder. Plain Node: Electron's protocol
 * handler and the end-to-end test server both call it, so the tests exercise the real rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SECURITY_HEADERS } from './csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'scoic';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

export type AssetResolution =
  | { status: 200; file: string; headers: Record<string, string> }
  | { status: 403 | 404; headers: Record<string, string> };

/**
 * @param rootDir the built renderer folder (out/renderer)
 * @param pathname the URL path, still percent-encoded
 * @param host the URL host; anything but the app host is refused (pass null to skip, for test servers)
 */
export function resolveAppAsset(rootDir: string, pathname: string, host: string | null = APP_HOST): AssetResolution {
  const headers = { ...SECURITY_HEADERS };
  if (host !== null && host !== APP_HOST) return { status: 403, headers };
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { status: 404, headers };
  }
  if (decoded.includes('\0')) return { status: 404, headers };
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return { status: 403, headers };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return { status: 404, headers };
  }
  if (!stat.isFile()) return { status: 404, headers };
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  return { status: 200, file, headers: { ...headers, 'Content-Type': type } };
}
