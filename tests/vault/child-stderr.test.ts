/** Test children may print Node warnings; real errors on stderr must still fail the test. */
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { childEnv, stderrWithoutWarnings } from './helpers/child-stderr';

// The outer NODE_OPTIONS (if any) is left out, so each test controls exactly what the child warns about.
const { NODE_OPTIONS: _outer, ...baseEnv } = process.env;
const run = (script: string, env: NodeJS.ProcessEnv = baseEnv) =>
  spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env, timeout: 30_000 });

it('drops Node warnings and keeps everything else', () => {
  const child = run(`process.emitWarning('careful', 'DeprecationWarning'); console.error('Error: the real failure'); console.error('  at somewhere')`);
  expect(child.stderr).toContain('DeprecationWarning');
  expect(stderrWithoutWarnings(child.stderr)).toEqual(['Error: the real failure', '  at somewhere']);
});

it('keeps a multi-line warning from NODE_OPTIONS out of the child entirely', () => {
  const env = { ...childEnv(), NODE_OPTIONS: '--experimental-loader=data:text/javascript,export{}' };
  const child = run('1', env);
  expect(child.status).toBe(0);
  expect(stderrWithoutWarnings(child.stderr)).toEqual([]);
  // Without the helper's environment the same child warns, over several lines.
  const noisy = run('1', { ...baseEnv, NODE_OPTIONS: env.NODE_OPTIONS });
  expect(noisy.stderr).toContain('ExperimentalWarning');
});

it('still reports an uncaught error', () => {
  const child = run(`throw new Error('boom')`, { ...childEnv(), NODE_OPTIONS: '' });
  expect(child.status).not.toBe(0);
  expect(stderrWithoutWarnings(child.stderr).join('\n')).toContain('Error: boom');
});
