/**
 * Builds the Linux unpacked app (`electron-builder --linux dir`) offline, to inspect what an installer
 * would carry. Electron's binary cannot be downloaded here, so `electronDist` points at a stand-in (a
 * folder with a script named `electron` and a `version` file); the fuses are left out for this build
 * only (they patch the real binary) and native modules are not rebuilt (that downloads headers).
 * Everything else is electron-builder.yml as it ships. Run: `npm run package:inspect`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, Platform, type Configuration } from 'electron-builder';
import yaml from 'js-yaml';

const root = path.resolve(import.meta.dirname, '..');

function standInElectron(dir: string): string {
  const version = (JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'electron'), '#!/bin/sh\necho "stand-in Electron: this build is for inspection only" >&2\nexit 1\n', { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'version'), version);
  return dir;
}

/** Builds into `outDir` and returns the path of `resources/` (app.asar, app.asar.unpacked, fonts). */
export async function packageLinuxDir(outDir: string): Promise<string> {
  const shipped = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Configuration;
  const { electronFuses: _fuses, ...rest } = shipped;
  const config: Configuration = {
    ...rest,
    electronDist: standInElectron(path.join(outDir, 'stand-in-electron')),
    npmRebuild: false,
    directories: { ...shipped.directories, output: path.join(outDir, 'dist') },
  };
  // A config file of its own: passed as an object, electron-builder would merge it over electron-builder.yml (fuses and all).
  const configFile = path.join(outDir, 'electron-builder.inspect.yml');
  fs.writeFileSync(configFile, yaml.dump(config));
  await build({ projectDir: root, targets: Platform.LINUX.createTarget('dir'), config: configFile, publish: 'never' });
  const resources = path.join(outDir, 'dist', 'linux-unpacked', 'resources');
  if (!fs.existsSync(path.join(resources, 'app.asar'))) throw new Error(`no app.asar under ${resources}`);
  return resources;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const outDir = process.argv[2] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-package-'));
  const started = Date.now();
  const resources = await packageLinuxDir(outDir);
  console.log(`built ${resources} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
