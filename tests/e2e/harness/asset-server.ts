/**
 * Serves the built renderer over loopback HTTP with the same rules and headers (CSP included) as the
 * app:// protocol handler, because both call resolveAppAsset.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveAppAsset } from '../../../electron/protocol/app-assets';

export async function startAssetServer(rendererDir: string): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const resolved = resolveAppAsset(rendererDir, url.pathname, null);
    res.writeHead(resolved.status, resolved.headers);
    if (resolved.status === 200) fs.createReadStream(resolved.file).pipe(res);
    else res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections(); // Chromium keeps connections alive; don't wait for them to time out
    }),
  };
}
