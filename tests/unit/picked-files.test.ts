/** Files reach a reply only by tokens from the main-process dialog. */
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
    const picked = createPickedFiles(async () => [pdf, exe, path.join(dir, 'missing.txt')], () => clock);
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
