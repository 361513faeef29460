/** The Electronegativity gate fails on real findings (the tool itself always exits 0). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('electronegativity gate', () => {
  it('fails on an insecure window and names the findings', () => {
    const run = spawnSync(process.execPath, ['scripts/electronegativity-check.mjs', 'tests/unit/fixtures/insecure-window'], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/SANDBOX_JS_CHECK/);
    expect(run.stdout).toMatch(/CONTEXT_ISOLATION_JS_CHECK/);
    expect(run.stderr).toMatch(/HIGH\/MEDIUM finding/);
  });

  it('fails when a file cannot be parsed, instead of skipping it', () => {
    const run = spawnSync(process.execPath, ['scripts/electronegativity-check.mjs', 'tests/unit/fixtures/unparsable'], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/parse error in .*broken\.js/);
  });
});
