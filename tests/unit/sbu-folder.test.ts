/** Writes of decrypted data land only inside the SBU folder, whatever path is asked for. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveSbuTarget } from '../../electron/fs/sbu-folder';
import type { AppError } from '../../shared/errors';

let base: string;
let sbu: string;
beforeEach(() => {
  base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-sbu-')));
  sbu = path.join(base, 'SBU');
  fs.mkdirSync(sbu);
  fs.mkdirSync(path.join(base, 'outside'));
});
afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

const refused = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: 'E_OUTSIDE_SBU_FOLDER' });

describe('resolveSbuTarget', () => {
  it('accepts relative and absolute paths inside, creating sub-folders', async () => {
    await expect(resolveSbuTarget(sbu, 'package.pdf')).resolves.toBe(path.join(sbu, 'package.pdf'));
    await expect(resolveSbuTarget(sbu, path.join(sbu, 'case-1', 'a.pdf'))).resolves.toBe(path.join(sbu, 'case-1', 'a.pdf'));
    expect(fs.statSync(path.join(sbu, 'case-1')).isDirectory()).toBe(true);
  });

  it('refuses .. escapes, absolute paths elsewhere and the folder itself', async () => {
    await refused(resolveSbuTarget(sbu, '../outside/x.pdf'));
    await refused(resolveSbuTarget(sbu, 'a/../../outside/x.pdf'));
    await refused(resolveSbuTarget(sbu, path.join(base, 'outside', 'x.pdf')));
    await refused(resolveSbuTarget(sbu, '/etc/passwd'));
    await refused(resolveSbuTarget(sbu, '.'));
    await refused(resolveSbuTarget(sbu, path.join(base, 'SBU-evil', 'x.pdf')));
  });

  it('refuses a sub-folder that is a symbolic link leading outside, and creates nothing there', async () => {
    fs.symlinkSync(path.join(base, 'outside'), path.join(sbu, 'link'));
    await refused(resolveSbuTarget(sbu, 'link/new/x.pdf'));
    expect(fs.existsSync(path.join(base, 'outside', 'new'))).toBe(false);
  });

  it('refuses a target that is a symbolic link', async () => {
    fs.symlinkSync(path.join(base, 'outside', 'x.pdf'), path.join(sbu, 'x.pdf'));
    await refused(resolveSbuTarget(sbu, 'x.pdf'));
  });

  it('names no path in the error: its details reach the renderer', async () => {
    const err = await resolveSbuTarget(sbu, path.join(base, 'outside', 'x.pdf')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_OUTSIDE_SBU_FOLDER' });
    expect(JSON.stringify((err as AppError).toData())).not.toContain(base);
  });

  it('works when the SBU folder itself is reached through a symbolic link', async () => {
    const alias = path.join(base, 'alias');
    fs.symlinkSync(sbu, alias);
    await expect(resolveSbuTarget(alias, path.join(alias, 'y.pdf'))).resolves.toBe(path.join(sbu, 'y.pdf'));
  });
});
