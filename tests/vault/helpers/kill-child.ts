/**
 * Runs a test child (a script bundled by `bundleChild`) and SIGKILLs it at a chosen moment: a delay after
 * it prints READY, or as soon as a watched folder sees the Nth file event (a temp file appearing, a
 * rename, an unlink), whichever comes first. Resolves with the lines the child printed before it died;
 * rejects if it exited on its own or wrote anything but Node warnings on stderr.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { childEnv, stderrWithoutWarnings } from './child-stderr';

const NATIVE = 'better-sqlite3-multiple-ciphers';

/**
 * Bundles a TypeScript child into one ES module in `outDir`, so each start costs plain Node (~0.5 s)
 * instead of tsx transforming the vault's imports again (~2.5 s on a busy 2-core box): dozens of kills
 * per operation then fit in a minute. The native SQLite binding stays external, by absolute path.
 */
export async function bundleChild(entry: string, outDir: string): Promise<string> {
  const outfile = path.join(outDir, `${path.basename(entry, '.ts')}.mjs`);
  const nativePath = createRequire(import.meta.url).resolve(NATIVE);
  await build({
    entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning',
    // Bundled CommonJS dependencies call require(); give the module one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    plugins: [{ name: 'native-external', setup(b) { b.onResolve({ filter: new RegExp(`^${NATIVE}$`) }, () => ({ path: nativePath, external: true })); } }],
  });
  return outfile;
}

export interface KillPlan {
  /** Kill this long after READY (always set: it bounds the run even when a watch never fires). */
  delayMs: number;
  /** Kill at the `afterEvents`th file event in this folder (counted from READY). */
  watchDir?: string;
  afterEvents?: number;
}

export interface KillResult { lines: string[]; killedBy: 'delay' | 'file-event' }

export function runAndKill(script: string, args: readonly string[], plan: KillPlan): Promise<KillResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: childEnv() });
    let out = '';
    let err = '';
    let killedBy: KillResult['killedBy'] | undefined;
    let watcher: fs.FSWatcher | undefined;
    let timer: NodeJS.Timeout | undefined;
    const kill = (why: KillResult['killedBy']) => {
      if (killedBy !== undefined) return;
      killedBy = why;
      child.kill('SIGKILL');
    };
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      const wasReady = out.includes('READY\n');
      out += d;
      if (wasReady || !out.includes('READY\n')) return;
      timer = setTimeout(() => kill('delay'), plan.delayMs);
      if (plan.watchDir !== undefined) {
        let seen = 0;
        watcher = fs.watch(plan.watchDir, () => {
          seen += 1;
          if (seen >= (plan.afterEvents ?? 1)) kill('file-event');
        });
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { err += d; });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      watcher?.close();
      const stray = stderrWithoutWarnings(err);
      if (signal !== 'SIGKILL' || killedBy === undefined) reject(new Error(`child exited on its own (${code ?? signal}): ${err}`));
      else if (stray.length > 0) reject(new Error(`child wrote to stderr: ${stray.join('\n')}`));
      else resolve({ lines: out.split('\n').filter((l) => l.length > 0 && l !== 'READY'), killedBy });
    });
  });
}
