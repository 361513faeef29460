/** The installer configuration validates against electron-builder's own schema, offline, and says what IT needs. */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import yaml from 'js-yaml';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const configText = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
const config = yaml.load(configText) as Record<string, unknown>;
type Target = { target: string; arch?: string[] };
const section = (name: string) => (config[name] ?? {}) as Record<string, unknown>;

describe('electron-builder.yml', () => {
  it('is valid against app-builder-lib/scheme.json', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('flips the hardening fuses and packs the built bundles only', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true, grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
    expect(config.files).toContain('out/**');
  });

  it('builds per-machine NSIS and MSI installers for Windows, nothing starting after a silent install', () => {
    const targets = (section('win').target as Target[]).map((t) => t.target);
    expect(targets).toEqual(expect.arrayContaining(['nsis', 'msi']));
    expect(section('nsis')).toMatchObject({ oneClick: false, perMachine: true, runAfterFinish: false });
    expect(section('msi')).toMatchObject({ perMachine: true, runAfterFinish: false });
  });

  it('keeps the MSI upgrade code it shipped with', () => {
    // Changing this makes Windows Installer treat the next version as a different product: it would
    // install beside the old one instead of upgrading it. This literal is the guard; never update it.
    expect(section('msi').upgradeCode).toBe('BA7CD8CA-C4A0-47ED-ABCF-6453F820E0EB');
    expect(configText).toMatch(/NEVER CHANGE IT/);
  });

  it('relies on an MSI template that disables advertised shortcuts (GPO computer deployment)', () => {
    const template = fs.readFileSync(path.join(root, 'node_modules/app-builder-lib/templates/msi/template.xml'), 'utf8');
    expect(template).toMatch(/<Property Id="DISABLEADVTSHORTCUTS" Value="1"\s*\/>/);
  });

  it('builds deb and rpm for Linux', () => {
    expect(section('linux').target).toEqual(expect.arrayContaining(['deb', 'rpm']));
  });

  it('publishes nothing and ships no updater: updates come from IT', () => {
    expect(config.publish).toBeNull();
    for (const name of ['win', 'nsis', 'msi', 'linux', 'deb', 'rpm', 'mac']) expect(section(name).publish, name).toBeUndefined();
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).not.toContain('electron-updater');
  });

  it('has an icon for every target, at the sizes each needs', async () => {
    const buildDir = path.join(root, 'resources/build');
    expect(section('win').icon).toBe('resources/build/icon.ico');
    expect(section('mac').icon).toBe('resources/build/icon.icns');
    expect(section('linux').icon).toBe('resources/build/icons');
    expect(await sharp(path.join(buildDir, 'icon.png')).metadata()).toMatchObject({ width: 1024, height: 1024, format: 'png' });
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(await sharp(path.join(buildDir, `icons/${size}x${size}.png`)).metadata(), `${size}`).toMatchObject({ width: size, height: size });
    }

    // ICO: header, directory, and every entry a PNG of the size the directory says, up to 256.
    const ico = fs.readFileSync(path.join(buildDir, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const icoSizes: number[] = [];
    for (let i = 0; i < ico.readUInt16LE(4); i++) {
      const entry = 6 + 16 * i;
      const size = ico.readUInt8(entry) || 256;
      const png = ico.subarray(ico.readUInt32LE(entry + 12), ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8));
      expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: size, height: size });
      icoSizes.push(size);
    }
    expect(icoSizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));

    // ICNS: the magic and total length, then typed PNG chunks up to 1024.
    const icns = fs.readFileSync(path.join(buildDir, 'icon.icns'));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      types.push(icns.toString('latin1', at, at + 4));
      expect((await sharp(icns.subarray(at + 8, at + icns.readUInt32BE(at + 4))).metadata()).format).toBe('png');
    }
    expect(types).toEqual(expect.arrayContaining(['ic09', 'ic10']));
  });
});
