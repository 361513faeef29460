// Runs Electronegativity over the main process (electron/), the renderer (renderer/) and shared/ and
// fails on any HIGH or MEDIUM finding, and on any file it could not parse. The CLI exits 0 whatever it
// finds and writes unescaped CSV (a quote in a code sample shifts every later column), so this script
// calls the tool's own runner and reads its findings as objects.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const run = require('@doyensec/electronegativity/dist/runner.js');

/**
 * Findings that ask for a manual review rather than report a defect, and where that review lives.
 * PRELOAD_JS_CHECK fires for any window with a preload; ours is reviewed on every run by
 * tests/unit/preload-surface.test.ts (it exposes only window.scoic, built from the contract).
 */
const REVIEWED = { PRELOAD_JS_CHECK: 'tests/unit/preload-surface.test.ts' };

// The global checks (CSP, navigation limits, permission handler) need the main process and the
// renderer in one scan, so the folders are staged into one. Arguments name other folders to scan (the
// tests use that to prove a bad window fails the check).
const folders = process.argv.length > 2 ? process.argv.slice(2) : ['electron', 'renderer', 'shared'];
const staged = fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
for (const dir of folders) fs.cpSync(dir, path.join(staged, path.basename(dir)), { recursive: true });

// The tool prints progress and offline-lookup noise through console.log; keep only our report.
const log = console.log;
console.log = () => undefined;
let result;
try {
  result = await run({
    input: staged, isSarif: false, isRelative: true, isVerbose: false,
    electronVersionOverride: electronVersion, parserPlugins: [],
  }, false);
} finally {
  console.log = log;
  fs.rmSync(staged, { recursive: true, force: true });
}

let failed = false;
for (const e of result.errors) {
  console.error(`electronegativity: ${e.tolerable ? 'tolerable ' : ''}parse error in ${e.file}: ${e.message}`);
  if (!e.tolerable) failed = true;
}
const findings = result.issues.map((i) => ({
  id: i.id, severity: i.severity.name, confidence: i.confidence.name, where: `${i.file}:${i.location.line}:${i.location.column}`,
}));
for (const f of findings) {
  const note = REVIEWED[f.id] ? `  (manual review: automated in ${REVIEWED[f.id]})` : '';
  console.log(`${f.severity.padEnd(7)} ${f.confidence.padEnd(10)} ${f.id.padEnd(40)} ${f.where}${note}`);
}
const serious = findings.filter((f) => (f.severity === 'HIGH' || f.severity === 'MEDIUM') && !REVIEWED[f.id]);
if (serious.length > 0) {
  console.error(`electronegativity: ${serious.length} HIGH/MEDIUM finding(s): fix them (see https://github.com/doyensec/electronegativity/wiki).`);
  failed = true;
}
console.log(`\nelectronegativity (Electron ${electronVersion}): ${findings.length} finding(s), ${serious.length} HIGH/MEDIUM, ${result.errors.length} parse error(s).`);
process.exit(failed ? 1 : 0);
