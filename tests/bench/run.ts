/**
 * `npm run bench -- <name>` runs tests/bench/<name>.ts in its own Node process (so its memory peak is
 * its own). Each benchmark prints a readable table, then one JSON object on its last line.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = fs.readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -3))
  .sort();
const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name>   (available: ${available.join(', ') || 'none'})`);
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(here, `${name}.ts`), ...process.argv.slice(3)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
