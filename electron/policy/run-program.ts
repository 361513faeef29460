/** Runs a system program with fixed arguments and no shell, for the policy readers; injected so tests never spawn. */
import { spawnSync } from 'node:child_process';

export type RunProgram = (file: string, args: readonly string[]) => { status: number | null; stdout: string; stderr: string; error?: Error };

export const runProgramSync: RunProgram = (file, args) => {
  const result = spawnSync(file, args, { encoding: 'utf8', windowsHide: true, timeout: 15_000, shell: false });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', ...(result.error ? { error: result.error } : {}) };
};
