// Runs Electronegativity over the main process (electron/) and the renderer (renderer/) and fails on
// any HIGH or MEDIUM finding. Electronegativity itself exits 0 whatever it finds, and drops a file it
// cannot parse with only a log line, so this script reads its CSV and its log and decides.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const bin = path.join(path.dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));

/** Minimal CSV reader for Electronegativity's output (quoted fields, commas inside quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/**
 * Findings that ask for a manual review rather than report a defect, and where that review lives.
 * PRELOAD_JS_CHECK fires for any window with a preload; ours is reviewed on every run by
 * tests/unit/preload-surface.test.ts (it exposes only window.scoic, built from the contract).
 */
const REVIEWED = { PRELOAD_JS_CHECK: 'tests/unit/preload-surface.test.ts' };

// The global checks (CSP, navigation limits, permission handler) need the main process and the
// renderer in one scan, so both are staged into one folder.
const staged = path.join(tmp, 'app');
// Arguments name other folders to scan (the tests use that to prove a bad window fails the check).
const folders = process.argv.length > 2 ? process.argv.slice(2) : ['electron', 'renderer', 'shared'];
for (const dir of folders) fs.cpSync(dir, path.join(staged, path.basename(dir)), { recursive: true });

let failed = false;
const findings = [];
for (const target of ['app']) {
  const out = path.join(tmp, `${target}.csv`);
  const run = spawnSync(process.execPath, [bin, '-i', staged, '-r', '-e', electronVersion, '-o', out], { encoding: 'utf8' });
  const log = `${run.stdout}\n${run.stderr}`;
  const parseProblems = log.split('\n').filter((l) => /error|unable to parse|cannot parse|syntaxerror/i.test(l) && !/fetching Electron's releases|translations/i.test(l));
  if (run.status !== 0 || !fs.existsSync(out)) {
    console.error(`electronegativity: the scan did not complete (exit ${run.status}).\n${log}`);
    failed = true;
    continue;
  }
  if (parseProblems.length > 0) {
    console.error(`electronegativity: some files could not be parsed and were not checked:\n  ${parseProblems.join('\n  ')}`);
    failed = true;
  }
  const [header, ...rows] = parseCsv(fs.readFileSync(out, 'utf8')).filter((r) => r.length > 1);
  const col = (name) => header.findIndex((h) => h.trim() === name);
  for (const r of rows) {
    findings.push({ target, issue: r[col('issue')], severity: r[col('severity')]?.trim(), confidence: r[col('confidence')]?.trim(), file: r[col('filename')], location: r[col('location')] });
  }
}
fs.rmSync(tmp, { recursive: true, force: true });

for (const f of findings) {
  const note = REVIEWED[f.issue] ? `  (manual review: automated in ${REVIEWED[f.issue]})` : '';
  console.log(`${f.severity.padEnd(7)} ${f.confidence.padEnd(10)} ${f.issue.padEnd(40)} ${f.file}:${f.location}${note}`);
}
const serious = findings.filter((f) => (f.severity === 'HIGH' || f.severity === 'MEDIUM') && !REVIEWED[f.issue]);
if (serious.length > 0) {
  console.error(`electronegativity: ${serious.length} HIGH/MEDIUM finding(s): fix them (see the wiki link for each issue).`);
  failed = true;
}
console.log(`\nelectronegativity (Electron ${electronVersion}): ${findings.length} finding(s), ${serious.length} HIGH/MEDIUM.`);
process.exit(failed ? 1 : 0);
