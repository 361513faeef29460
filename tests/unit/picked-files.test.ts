/** Files reach a reply only by tokens: from the main-process dialog, or for dropped paths the main side checked. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPickedFiles } from '../../electron/session/picked-files';

describe('picked files', () => {
  it('hands out tokens for dialog results, flags blocked types, and refuses unknown or expired tokens', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-picked-'));
    const pdf = path.join(dir, 'plan.pdf');
    const exe = path.join(dir, 'tool.exe');
    fs.writeFileSync(pdf, '%PDF-1.7');
    fs.writeFileSync(exe, 'MZ');
    let clock = 0;
    const picked = createPickedFiles(async () => [pdf, exe, path.join(dir, 'missing.txt')], { now: () => clock });
    const files = await picked.pick();
    expect(files.map((f) => [f.name, f.size, f.blockedExtension])).toEqual([['plan.pdf', 8, null], ['tool.exe', 2, 'exe']]);
    expect(picked.resolve([files[0]!.token])).toEqual([{ name: 'plan.pdf', path: pdf }]);
    // A refused reply keeps its tokens; a queued one forgets them.
    expect(picked.resolve([files[0]!.token])).toHaveLength(1);
    picked.forget([files[0]!.token]);
    expect(() => picked.resolve([files[0]!.token])).toThrow(expect.objectContaining({ code: 'E_FILE_NOT_PICKED' }));
    expect(() => picked.resolve(['6f1c1d34-6a36-4d2e-9a4c-2a8d5f2f2e11'])).toThrow(expect.objectContaining({ code: 'E_FILE_NOT_PICKED' }));
    clock += 61 * 60 * 1000;
    expect(() => picked.resolve([files[1]!.token])).toThrow(expect.objectContaining({ code: 'E_FILE_NOT_PICKED' }));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('forgets everything when the vault locks', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-picked-')), 'a.txt');
    fs.writeFileSync(file, 'x');
    const picked = createPickedFiles(async () => [file]);
    const [f] = await picked.pick();
    picked.clear();
    expect(() => picked.resolve([f!.token])).toThrow(expect.objectContaining({ code: 'E_FILE_NOT_PICKED' }));
  });
});

describe('dropped files', () => {
  const setup = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-drop-'));
    const userData = path.join(dir, 'user-data');
    const vaultDir = path.join(userData, 'vault');
    fs.mkdirSync(vaultDir, { recursive: true });
    const docs = path.join(dir, 'Taxpayer Jordan Ellis');
    fs.mkdirSync(docs);
    const picked = createPickedFiles(async () => [], { forbiddenRoots: [vaultDir, userData] });
    return { dir, userData, vaultDir, docs, picked, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
  };
  /** The AppError a drop of `paths` is refused with; its message must not give away the folder. */
  const refusal = (picked: ReturnType<typeof setup>['picked'], paths: string[], folder: string) => {
    let error: unknown;
    try {
      picked.fromPaths(paths);
    } catch (e) {
      error = e;
    }
    expect(error, 'refused').toBeDefined();
    expect((error as Error).message).not.toContain(folder);
    return error as { code: string; message: string };
  };

  it('hands out tokens for regular files, like pick (same record, blocked extension flagged), resolvable to the file', () => {
    const t = setup();
    const pdf = path.join(t.docs, 'Form 656.pdf');
    const exe = path.join(t.docs, 'setup.EXE');
    fs.writeFileSync(pdf, '%PDF-1.7 signed');
    fs.writeFileSync(exe, 'MZ');
    const files = t.picked.fromPaths([pdf, exe]);
    expect(files).toEqual([
      { token: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Form 656.pdf', size: 15, blockedExtension: null },
      { token: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'setup.EXE', size: 2, blockedExtension: 'exe' },
    ]);
    expect(t.picked.resolve([files[0]!.token])).toEqual([{ name: 'Form 656.pdf', path: fs.realpathSync(pdf) }]);
    t.cleanup();
  });

  it('follows a symlink to a regular file, under the name that was dropped', () => {
    const t = setup();
    const target = path.join(t.docs, 'original.pdf');
    fs.writeFileSync(target, '%PDF');
    const link = path.join(t.dir, 'shortcut.pdf');
    fs.symlinkSync(target, link);
    const [file] = t.picked.fromPaths([link]);
    expect(file).toMatchObject({ name: 'shortcut.pdf', size: 4 });
    expect(t.picked.resolve([file!.token])[0]!.path).toBe(fs.realpathSync(target));
    t.cleanup();
  });

  it('refuses folders, symlinks to folders, devices and pipes, naming only the base name', () => {
    const t = setup();
    expect(refusal(t.picked, [t.docs], t.dir)).toMatchObject({ code: 'E_DROP_NOT_A_FILE', message: expect.stringMatching(/^"Taxpayer Jordan Ellis" is a folder/) });
    const link = path.join(t.dir, 'link-to-folder');
    fs.symlinkSync(t.docs, link);
    expect(refusal(t.picked, [link], t.dir)).toMatchObject({ code: 'E_DROP_NOT_A_FILE', message: expect.stringContaining('"link-to-folder" is a folder') });
    if (process.platform !== 'win32') {
      expect(refusal(t.picked, ['/dev/null'], '/dev/')).toMatchObject({ code: 'E_DROP_NOT_A_FILE', message: expect.stringContaining('"null" is a device') });
      const fifo = path.join(t.docs, 'statements.pdf');
      execFileSync('mkfifo', [fifo]);
      expect(refusal(t.picked, [fifo], t.dir)).toMatchObject({ code: 'E_DROP_NOT_A_FILE', message: expect.stringContaining('"statements.pdf" is a pipe') });
    }
    t.cleanup();
  });

  it('refuses relative and missing paths', () => {
    const t = setup();
    expect(refusal(t.picked, ['Taxpayer Jordan Ellis/plan.pdf'], 'Taxpayer')).toMatchObject({ code: 'E_DROP_NOT_A_FILE', message: expect.stringContaining('"plan.pdf"') });
    expect(refusal(t.picked, [path.join(t.docs, 'gone.pdf')], t.dir)).toMatchObject({ code: 'E_DROP_FILE_MISSING', message: expect.stringContaining('"gone.pdf"') });
    t.cleanup();
  });

  it('refuses a drop with any file inside the vault or user-data folder, also reached through a symlink', () => {
    const t = setup();
    const db = path.join(t.vaultDir, 'vault.db');
    const prefs = path.join(t.userData, 'preferences.json');
    const fine = path.join(t.docs, 'fine.pdf');
    fs.writeFileSync(db, 'SQLite');
    fs.writeFileSync(prefs, '{}');
    fs.writeFileSync(fine, '%PDF');
    for (const p of [db, prefs, path.join(t.vaultDir, '..', 'vault', 'vault.db')]) {
      expect(refusal(t.picked, [fine, p], t.dir)).toMatchObject({ code: 'E_DROP_FORBIDDEN_LOCATION', message: expect.stringContaining(`"${path.basename(p)}"`) });
    }
    const innocent = path.join(t.docs, 'bank statement.pdf');
    fs.symlinkSync(db, innocent);
    expect(refusal(t.picked, [innocent], t.dir)).toMatchObject({ code: 'E_DROP_FORBIDDEN_LOCATION' });
    t.cleanup();
  });
});
