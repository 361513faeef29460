/**
 * The fake preload (fake-preload.ts) bundled once per process into an IIFE for page.addInitScript:
 * the e2e fixture and the workspace benchmark install the same bridge.
 */
import path from 'node:path';
import { build } from 'esbuild';

let bridgeScript: Promise<string> | undefined;

export function bundleFakePreload(): Promise<string> {
  bridgeScript ??= build({
    entryPoints: [path.join(import.meta.dirname, 'fake-preload.ts')],
    bundle: true, format: 'iife', platform: 'browser', target: 'chrome120', write: false,
  }).then((r) => r.outputFiles[0]!.text);
  return bridgeScript;
}
