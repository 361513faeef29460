/** Temporary package files left by a killed print build are removed when the vault opens. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reserveOutput, sweepPartialPackages } from '../../electron/print/package-files';

describe('sweepPartialPackages', () => {
  it('removes only the builder\'s temporary files', async () => {
    const sbu = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-partials-'));
    const one = await reserveOutput(sbu, undefined, 'OIC-package-abcdef0123-2026-11-26.pdf');
    const two = await reserveOutput(sbu, undefined, 'OIC-package-abcdef0123-2026-11-26-vol2of3.pdf');
    for (const f of [one.tempPath, two.tempPath]) fs.writeFileSync(f, '%PDF-1.7 decrypted content');
    fs.writeFileSync(path.join(sbu, 'OIC-package-abcdef0123-2026-11-26.pdf'), '%PDF finished');
    fs.writeFileSync(path.join(sbu, '.my-notes.partial'), 'not ours');
    expect(await sweepPartialPackages(sbu)).toBe(2);
    expect(fs.readdirSync(sbu).sort()).toEqual(['.my-notes.partial', 'OIC-package-abcdef0123-2026-11-26.pdf']);
    expect(await sweepPartialPackages(path.join(sbu, 'missing'))).toBe(0);
    fs.rmSync(sbu, { recursive: true, force: true });
  });
});
