/**
 * The package holds only what it should: builds the Linux unpacked app with a stand-in Electron
 * (scripts/package-linux-dir.ts, ~75 s here) and reads app.asar with @electron/asar. It must hold out/
 * and the production dependencies; no tests, fixtures, TypeScript sources, source maps, .env, dev
 * dependencies or benchmark files; native modules unpacked beside it; the fonts in resources/.
 * And nothing a dependency needs at run time was stripped (a `doc/` pattern once took exceljs's
 * lib/doc/): the archive is extracted and a child Node loads every production dependency from it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { execFileSync } from 'node:child_process';
import * as asar from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageLinuxDir } from '../../scripts/package-linux-dir';

const root = path.resolve(import.meta.dirname, '../..');
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean; version?: string }> };
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

let workDir: string;
let resources: string;
let archive: string;
let entries: string[];
let files: string[];

beforeAll(async () => {
  // The package carries the built bundles: build them when nobody has yet.
  if (!fs.existsSync(path.join(root, 'out/main/main.js')) || !fs.existsSync(path.join(root, 'out/renderer/index.html'))) {
    execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'ignore' });
  }
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-package-'));
  resources = await packageLinuxDir(workDir);
  archive = path.join(resources, 'app.asar');
  entries = asar.listPackage(archive, { isPack: false }).map((e) => e.replace(/\\/g, '/'));
  files = entries.filter((e) => {
    const stat = asar.statFile(archive, e.slice(1), false) as { files?: unknown };
    return stat.files === undefined;
  });
  const unpackedFiles = files.filter((f) => (asar.statFile(archive, f.slice(1), false) as { unpacked?: boolean }).unpacked).length;
  const size = fs.statSync(archive).size;
  console.log(`app.asar: ${(size / 1024 / 1024).toFixed(1)} MiB, ${files.length} files (${entries.length} entries), ${unpackedFiles} files unpacked`);
}, 600_000);

afterAll(() => { if (workDir) fs.rmSync(workDir, { recursive: true, force: true }); });

describe('app.asar', () => {
  it('holds the built bundles, package.json and every production dependency', () => {
    for (const f of ['/out/main/main.js', '/out/preload/preload.cjs', '/out/renderer/index.html', '/package.json']) expect(files, f).toContain(f);
    expect(files.some((f) => /^\/out\/main\/chunks\/demo-server-.*\.js$/.test(f))).toBe(true);
    for (const dep of Object.keys(pkg.dependencies)) expect(files, dep).toContain(`/node_modules/${dep}/package.json`);
    const top = new Set(entries.map((e) => e.split('/')[1]));
    expect([...top].sort()).toEqual(['node_modules', 'out', 'package.json']);
  });

  it('holds no dev dependency (every packaged name@version is a production package in the lockfile)', () => {
    // electron-builder lays the production tree out afresh (it hoists differently from npm), so a
    // package is identified by its name and version, not by its path.
    const production = new Set<string>();
    for (const [key, entry] of Object.entries(lock.packages)) {
      if (!key || entry.dev || entry.devOptional) continue;
      const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
      production.add(`${name}@${entry.version}`);
    }
    const packaged = files.filter((f) => /^\/(?:.*\/)?node_modules\/(?:@[^/]+\/)?[^/]+\/package\.json$/.test(f))
      .map((f) => JSON.parse(asar.extractFile(archive, f.slice(1)).toString('utf8')) as { name?: string; version?: string })
      .filter((p) => p.name && p.version)
      .map((p) => `${p.name}@${p.version}`);
    expect(packaged.length).toBeGreaterThan(100);
    expect([...new Set(packaged.filter((p) => !production.has(p)))]).toEqual([]);
  });

  it('holds no tests, fixtures, benchmarks, sources, maps or secrets', () => {
    const offenders = files.filter((f) =>
      /\/(test|tests|__tests__|spec|specs|fixtures|bench|benchmark|benchmarks)\//i.test(f) ||
      /\.(ts|mts|cts|tsx)$/.test(f) || // TypeScript sources and declarations
      /\.map$/.test(f) ||
      /\/\.env(\.|$)/.test(f) || /\/\.npmrc$/.test(f) ||
      /\.(cc|cpp|c|h|hpp|gyp|gypi|o|obj|pdb|py)$/.test(f) ||
      /test_extension\.node$/.test(f));
    expect(offenders.slice(0, 20)).toEqual([]);
    expect(offenders).toHaveLength(0);
  });

  it('unpacks every native module beside the archive', () => {
    const native = files.filter((f) => f.endsWith('.node'));
    expect(native.length).toBeGreaterThanOrEqual(2); // SQLCipher build and sharp
    for (const f of native) {
      expect((asar.statFile(archive, f.slice(1), false) as { unpacked?: boolean }).unpacked, f).toBe(true);
      expect(fs.existsSync(path.join(`${archive}.unpacked`, f)), f).toBe(true);
    }
    expect(native.some((f) => f.includes('better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node'))).toBe(true);
    expect(native.some((f) => /sharp-[\w.-]+\.node$/.test(f))).toBe(true);
  });

  it('loads every production dependency, and every package the bundles import, from the extracted archive in a child Node', () => {
    // Extracted under the temp dir, away from the repository's node_modules, so that Node's lookup
    // (which climbs parent folders) can find nothing that the package does not carry.
    const base = path.join(workDir, 'extracted');
    const app = path.join(base, 'app');
    asar.extractAll(archive, app); // unpacked files (native modules) are copied from app.asar.unpacked
    // electron-store imports `electron`, which only exists inside Electron: a stand-in beside the app
    // (not in it) gives it the few objects it reads at load. Nothing else is left out.
    const stub = path.join(base, 'node_modules', 'electron');
    fs.mkdirSync(stub, { recursive: true });
    fs.writeFileSync(path.join(stub, 'package.json'), JSON.stringify({ name: 'electron', version: '0.0.0-stand-in', main: 'index.js' }));
    fs.writeFileSync(path.join(stub, 'index.js'), "module.exports = { app: { getPath: () => '/tmp', getVersion: () => '0.0.0' }, ipcMain: { on() {} }, shell: {} };\n");
    // Bare imports of the built bundles: a package used by main but missing from the package fails too.
    const builtins = new Set(builtinModules);
    const bundleImports = new Set<string>();
    for (const f of files.filter((e) => /^\/out\/main\/.*\.js$/.test(e))) {
      const code = fs.readFileSync(path.join(app, f), 'utf8');
      for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']((?:@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*)(?:\/[^"']*)?["']/g)) {
        const name = m[1]!;
        if (name !== 'electron' && !builtins.has(name) && !name.startsWith('node:')) bundleImports.add(name);
      }
    }
    const names = [...new Set([...Object.keys(pkg.dependencies), ...bundleImports])].sort();
    expect(bundleImports.size).toBeGreaterThan(5);
    // Loading runs each entry point and everything it requires; the natives and exceljs also do work,
    // which pulls in what they load lazily (sharp's libvips, SQLite, exceljs's lib/doc and lib/xlsx).
    const script = `
const names = ${JSON.stringify(names)};
const failures = [];
for (const name of names) {
  try { await import(name); } catch (err) { failures.push(name + ': ' + String(err && err.message).split('\\n')[0]); }
}
try {
  for (const name of ['better-sqlite3', 'better-sqlite3-multiple-ciphers']) {
    const Database = (await import(name)).default;
    const db = new Database(':memory:');
    if (db.prepare('SELECT 41 + 1 AS n').get().n !== 42) throw new Error(name + ' gave a wrong answer');
    db.close();
  }
  const sharp = (await import('sharp')).default;
  await sharp({ create: { width: 2, height: 2, channels: 3, background: '#336699' } }).png().toBuffer();
  const ExcelJS = (await import('exceljs')).default;
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Sheet').addRow(['synthetic', 42]);
  const again = new ExcelJS.Workbook();
  await again.xlsx.load(await book.xlsx.writeBuffer());
  if (again.getWorksheet('Sheet').getCell('B1').value !== 42) throw new Error('exceljs round trip lost a value');
} catch (err) { failures.push('use: ' + String(err && err.stack).split('\\n').slice(0, 3).join(' | ')); }
process.stdout.write(JSON.stringify(failures));
`;
    const checker = path.join(app, 'package-check.mjs');
    fs.writeFileSync(checker, script);
    const out = execFileSync(process.execPath, [checker], { cwd: app, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8', timeout: 120_000 });
    expect(JSON.parse(out) as string[]).toEqual([]);
    console.log(`loaded ${names.length} packages from the extracted archive: ${names.join(', ')}`);
  }, 180_000);

  it('ships the print fonts in resources/', () => {
    for (const font of ['DejaVuSans.ttf', 'DroidSansFallback.ttf']) {
      expect(fs.statSync(path.join(resources, 'fonts', font)).size, font).toBeGreaterThan(100_000);
    }
  });
});
