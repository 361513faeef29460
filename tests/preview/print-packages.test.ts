/**
 * "Open" and "Show in folder" after a print: only packages this session built, by plain file name,
 * canonicalised inside the SBU folder, forgotten at lock — and package names that tell cases apart
 * without a TIN or an offer number.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppServices, type AppServices } from '../../electron/app-services';
import type { Handlers } from '../../electron/ipc/router';
import { developmentDefaults } from '../../electron/policy/load-policy';
import { createPreferences } from '../../electron/preferences/preferences';
import { createBuiltPackages } from '../../electron/print/built-packages';
import { packageFileName } from '../../electron/print/package-files';
import { tempDir } from '../print/helpers/fixtures';
import { memoryStore, offlineParts } from '../unit/helpers/offline-services';
import { phonePhotoOrientation6 } from '../fixtures/preview/image-fixtures';

const PASSPHRASE = 'correct horse battery staple';
const TIN_DIGITS = /987[\s-]?65[\s-]?432\d/;

describe('package file names', () => {
  const naming = { packageId: 'kqmvtzrabe', generatedAt: '2026-12-01T14:32:10Z', scope: 'case' as const, volume: 1, volumes: 1 };

  it('name the taxpayer, the scope and the local date and time, and nothing else of the case', () => {
    const at = new Date(naming.generatedAt);
    const two = (n: number) => String(n).padStart(2, '0');
    const when = `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}_${two(at.getHours())}${two(at.getMinutes())}`;
    expect(packageFileName({ ...naming, taxpayerName: 'Rosa Delgado' })).toBe(`OIC-package-Rosa-Delgado-case-${when}-kqmvtzrabe.pdf`);
    expect(packageFileName({ ...naming, taxpayerName: 'Rosa Delgado', scope: 'message', volume: 2, volumes: 3 }))
      .toBe(`OIC-package-Rosa-Delgado-message-${when}-kqmvtzrabe-vol2of3.pdf`);
  });

  it('tell two cases apart', () => {
    const a = packageFileName({ ...naming, taxpayerName: 'Rosa Delgado' });
    const b = packageFileName({ ...naming, taxpayerName: 'Nguyễn Văn An' });
    expect(a).not.toBe(b);
    expect(b).toContain('-Nguyễn-Văn-An-case-');
  });

  it('carry no TIN or offer number even when the taxpayer name holds one, and nothing unsafe', () => {
    for (const taxpayerName of ['Jordan Ellis 987-65-4321', 'DEMO-0000012345 Jordan/Ellis', '..\\..\\CON', '   ', 'Ellis & Sons, LLC. <EIN 98-7654321>']) {
      const name = packageFileName({ ...naming, taxpayerName });
      expect(name).not.toMatch(TIN_DIGITS);
      expect(name).not.toContain('0000012345');
      expect(name).not.toMatch(/\d{7}/);
      expect(name).toMatch(/^OIC-package-[\p{L}\p{N}-]+-case-\d{4}-\d{2}-\d{2}_\d{4}-kqmvtzrabe\.pdf$/u);
      expect(name.slice(0, -4)).not.toContain('.');
    }
  });
});

describe('packages built this session', () => {
  const dir = tempDir('built-packages');
  const sbu = path.join(dir, 'sbu');
  const outside = path.join(dir, 'outside');
  let packages: ReturnType<typeof createBuiltPackages>;
  const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 251));

  beforeAll(() => {
    fs.mkdirSync(sbu, { recursive: true });
    fs.mkdirSync(outside, { recursive: true });
    fs.writeFileSync(path.join(sbu, 'OIC-package-a.pdf'), bytes);
    fs.writeFileSync(path.join(sbu, 'not-built-here.pdf'), 'x');
    fs.writeFileSync(path.join(outside, 'secret.pdf'), 'outside the SBU folder');
    fs.symlinkSync(path.join(outside, 'secret.pdf'), path.join(sbu, 'OIC-package-link.pdf'));
    packages = createBuiltPackages(() => sbu);
    packages.remember([path.join(sbu, 'OIC-package-a.pdf'), path.join(sbu, 'OIC-package-link.pdf')]);
  });

  it('reads a package back byte-exact in slices shaped like attachments.read', async () => {
    const parts: Buffer[] = [];
    for (let offset = 0; offset < bytes.length; offset += 65_536) {
      const slice = await packages.readSlice('OIC-package-a.pdf', offset, 65_536);
      expect(slice.bytes).toBeInstanceOf(Uint8Array);
      expect(slice).toMatchObject({ offset, size: bytes.length });
      parts.push(Buffer.from(slice.bytes));
    }
    expect(Buffer.concat(parts).equals(bytes)).toBe(true);
    expect((await packages.readSlice('OIC-package-a.pdf', bytes.length, 10)).bytes.length).toBe(0);
    await expect(packages.readSlice('OIC-package-a.pdf', bytes.length + 1, 10)).rejects.toMatchObject({ code: 'E_RANGE' });
  });

  it('refuses names it did not build, paths, and `..`', async () => {
    for (const name of ['not-built-here.pdf', '../x.pdf', '..', '.', 'sub/OIC-package-a.pdf', '..\\OIC-package-a.pdf', path.join(sbu, 'OIC-package-a.pdf')]) {
      await expect(packages.readSlice(name, 0, 10), name).rejects.toMatchObject({ code: 'E_PACKAGE_UNKNOWN' });
    }
  });

  it('refuses a recorded package that now resolves outside the SBU folder (a symbolic link)', async () => {
    await expect(packages.readSlice('OIC-package-link.pdf', 0, 10)).rejects.toMatchObject({ code: 'E_OUTSIDE_SBU_FOLDER' });
  });

  it('never reads through a link swapped in between the check and the read', async () => {
    const swapped = path.join(sbu, 'OIC-package-swap.pdf');
    fs.writeFileSync(swapped, bytes);
    packages.remember([swapped]);
    const realpath = fsp.realpath.bind(fsp);
    let swaps = 0;
    // Right after the package's path is canonicalised (found inside the SBU folder), it becomes a link out.
    const spy = vi.spyOn(fsp, 'realpath').mockImplementation((async (p: string) => {
      const result = await realpath(p);
      if (p === swapped && swaps++ === 0) {
        fs.renameSync(swapped, `${swapped}.moved`);
        fs.symlinkSync(path.join(outside, 'secret.pdf'), swapped);
      }
      return result;
    }) as typeof fsp.realpath);
    try {
      const result = await packages.readSlice('OIC-package-swap.pdf', 0, 100).catch((e: unknown) => e);
      expect(swaps, 'the swap happened').toBe(1);
      expect(result).toMatchObject({ code: 'E_PACKAGE_UNKNOWN' });
      expect(Buffer.from((result as { bytes?: Uint8Array }).bytes ?? []).toString()).not.toContain('outside the SBU folder');
    } finally {
      spy.mockRestore();
    }
  });

  it('forgets everything', async () => {
    packages.forget();
    await expect(packages.readSlice('OIC-package-a.pdf', 0, 10)).rejects.toMatchObject({ code: 'E_PACKAGE_UNKNOWN' });
  });
});

describe('print.readPackage and print.showInFolder through the app services', () => {
  const dir = tempDir('print-open');
  const home = path.join(dir, 'home');
  const shown: string[] = [];
  let services: AppServices;
  let handlers: Handlers;
  let messageId: number;
  const call = <C extends keyof Handlers>(channel: C, input: unknown) => (handlers[channel] as (i: unknown) => unknown)(input) as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  beforeAll(async () => {
    services = createAppServices({
      runtime: { name: 'SCOIC', version: '9.9.9', build: 'b', platform: 'linux', arch: 'x64', versions: process.versions, demo: true },
      policy: { policy: developmentDefaults(home), source: 'development-defaults', file: null },
      preferences: createPreferences(memoryStore()),
      ...offlineParts(dir),
      showItemInFolder: (p) => shown.push(p),
    });
    handlers = services.handlers;
    await call('vault.create', { passphrase: PASSPHRASE });
    const vault = services.vault.require();
    const caseId = vault.createCase({ offerNumber: 'DEMO-0000012345', taxpayerName: 'Rosa Delgado', tinMasked: '***-**-4321', assignedRole: 'PE', createdAt: '2025-04-01T12:00:00Z' });
    const threadId = vault.upsertThread({ caseId, serverThreadId: 'thread-a', subject: 'Photo', createdAt: '2025-04-20T12:00:00Z' });
    messageId = vault.insertMessage({ threadId, serverId: '7f3a0001-0000-4000-8000-000000000001', direction: 'inbound', serverReceivedAt: '2025-04-21T14:03:00Z', from: 'Rosa Delgado', subject: 'Photo', body: 'The receipt.' }).id;
    await vault.addAttachment({ messageId, fileName: 'receipt.jpg', declaredType: 'image/jpeg' }, Readable.from([Buffer.from(await phonePhotoOrientation6())]));
  }, 60_000);

  afterAll(async () => { await services?.vault.lock('user'); });

  it('serves attachments.renderPage: one audited view for the pages of an opening, a new one after a lock', async () => {
    const vault = () => services.vault.require();
    const [photo] = vault().listAttachments(messageId);
    const views = () => vault().listAudit(10_000).filter((e) => e.event === 'view').length;
    const before = views();
    const page = await call('attachments.renderPage', { attachmentId: photo!.id, page: 0, maxEdge: 256 });
    expect(page).toMatchObject({ mimeType: 'image/jpeg', width: 192, height: 256, sourceWidth: 600, sourceHeight: 800 });
    await call('attachments.renderPage', { attachmentId: photo!.id, page: 0, maxEdge: 512 });
    expect(views()).toBe(before + 1);
    await call('vault.lock', {});
    await expect(call('attachments.renderPage', { attachmentId: photo!.id, page: 0, maxEdge: 256 })).rejects.toMatchObject({ code: 'E_LOCKED' });
    await call('vault.unlock', { passphrase: PASSPHRASE });
    const afterUnlock = views(); // the unlock itself is audited too
    await call('attachments.renderPage', { attachmentId: photo!.id, page: 0, maxEdge: 256 });
    expect(views()).toBe(afterUnlock + 1);
  }, 60_000);

  it('opens and reveals the package just printed, refuses other names, and forgets it at lock', async () => {
    const outcome = await call('print.package', { scope: { kind: 'message', messageId }, destination: 'save' });
    const [fileName] = outcome.files as string[];
    expect(fileName).toMatch(/^OIC-package-Rosa-Delgado-message-\d{4}-\d{2}-\d{2}_\d{4}-[a-z]{10}\.pdf$/);
    const sbu = developmentDefaults(home).sbuFolder;
    const onDisk = fs.readFileSync(path.join(sbu, fileName!));

    const first = await call('print.readPackage', { fileName, offset: 0, length: 4096 });
    expect(first.size).toBe(onDisk.length);
    const rest = await call('print.readPackage', { fileName, offset: 4096, length: 8 * 1024 * 1024 });
    expect(Buffer.concat([Buffer.from(first.bytes), Buffer.from(rest.bytes)]).equals(onDisk)).toBe(true);

    expect(await call('print.showInFolder', { fileName })).toEqual({ shown: true });
    expect(shown).toEqual([path.join(fs.realpathSync(sbu), fileName!)]);
    expect(path.isAbsolute(shown[0]!)).toBe(true);

    await expect(call('print.readPackage', { fileName: '../x.pdf', offset: 0, length: 10 })).rejects.toMatchObject({ code: 'E_PACKAGE_UNKNOWN' });
    await expect(call('print.showInFolder', { fileName: 'OIC-package-someone-else.pdf' })).rejects.toMatchObject({ code: 'E_PACKAGE_UNKNOWN' });

    await call('vault.lock', {});
    await call('vault.unlock', { passphrase: PASSPHRASE });
    await expect(call('print.readPackage', { fileName, offset: 0, length: 10 })).rejects.toMatchObject({ code: 'E_PACKAGE_UNKNOWN' });
    await expect(call('print.showInFolder', { fileName })).rejects.toMatchObject({ code: 'E_PACKAGE_UNKNOWN' });
    expect(shown).toHaveLength(1);
    expect(fs.existsSync(path.join(sbu, fileName!))).toBe(true); // forgotten by the app, not deleted
  }, 120_000);
});
