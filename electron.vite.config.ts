/**
 * Three bundles: the main process (ESM), the preload (CommonJS: sandboxed preloads cannot be ES
 * modules) and the renderer (React). Sources stay in electron/, renderer/ and shared/.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

function buildId(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short=10', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export default defineConfig({
  main: {
    define: { __SCOIC_BUILD__: JSON.stringify(buildId()) },
    // main.ts imports the DEMO server with import(): it becomes a chunk of its own, which a managed
    // start never loads (tests/unit/managed-bundle.test.ts). Keep code splitting on for that.
    build: {
      rolldownOptions: { input: { main: path.resolve('electron/main.ts') } },
    },
  },
  preload: {
    build: {
      // Bundle zod and shared/ into the preload: a sandboxed preload can require only 'electron'.
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: path.resolve('electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: path.resolve('renderer'),
    plugins: [react()],
    build: {
      outDir: path.resolve('out/renderer'),
      rolldownOptions: { input: path.resolve('renderer/index.html') },
    },
  },
});
