/** Electron glue: serves the built renderer at app://scoic/ through the rules in app-assets.ts. */
import fs from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, resolveAppAsset } from './app-assets';

/** Must run before the app is ready: app:// behaves like https (secure, standard, fetch-able). */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRendererFrom(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const resolved = resolveAppAsset(rendererDir, url.pathname, url.host);
    if (resolved.status !== 200) return new Response(null, { status: resolved.status, headers: resolved.headers });
    return new Response(await fs.readFile(resolved.file), { status: 200, headers: resolved.headers });
  });
}
