/**
 * The review Electronegativity's PRELOAD_JS_CHECK asks for, done on every run: the preload exposes one
 * object, window.scoic, built by createBridge; it hands the renderer neither ipcRenderer nor an IPC event.
 * webUtils is used for one thing: a dropped File's path, given to the bridge's transport (which sends it
 * to the main side in `replies.dropFiles`), never returned to the page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const source = fs.readFileSync(path.resolve(import.meta.dirname, '../../electron/preload.ts'), 'utf8');
const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

describe('preload surface', () => {
  it('exposes exactly one object, scoic, built by createBridge', () => {
    const exposures = [...code.matchAll(/contextBridge\.exposeInMainWorld\(\s*'([^']+)'\s*,\s*(\w+)\s*\)/g)];
    expect(exposures.map((m) => [m[1], m[2]])).toEqual([['scoic', 'api']]);
    expect(code).toMatch(/const api = createBridge\(/);
    expect(code.match(/exposeInMainWorld/g)).toHaveLength(1);
  });

  it('imports only Electron and the shared bridge/contract', () => {
    const imports = [...code.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
    expect(imports.sort()).toEqual(['../shared/ipc/bridge', '../shared/ipc/contract', 'electron']);
  });

  it('takes from Electron only contextBridge, ipcRenderer, webUtils and the IpcRendererEvent type', () => {
    const named = /import\s*\{([^}]*)\}\s*from\s*'electron'/.exec(code)?.[1]?.split(',').map((n) => n.trim()).filter(Boolean);
    expect(named?.sort()).toEqual(['contextBridge', 'ipcRenderer', 'type IpcRendererEvent', 'webUtils']);
  });

  it('uses webUtils only for getPathForFile, inside the transport handed to createBridge', () => {
    expect([...code.matchAll(/webUtils\.(\w+)/g)].map((m) => m[1])).toEqual(['getPathForFile']);
    const transport = /createBridge\(\{([\s\S]*)\}\);/.exec(code)?.[1] ?? '';
    expect(transport).toMatch(/pathForFile: \(file\) => \{[\s\S]*webUtils\.getPathForFile\(file as File\)/);
    // Nowhere else: the bridge sends the path to the main side and answers the page with tokens only.
    expect(code.replace(transport, '')).not.toMatch(/webUtils\./);
  });

  it('uses ipcRenderer only to invoke and to (un)subscribe whitelisted events, dropping the event object', () => {
    const uses = [...code.matchAll(/ipcRenderer\.(\w+)/g)].map((m) => m[1]);
    expect(new Set(uses)).toEqual(new Set(['invoke', 'on', 'removeListener']));
    expect(code).toMatch(/isEventName\(event\)/);
    expect(code).toMatch(/\(_event: IpcRendererEvent, payload: unknown\) => listener\(payload\)/);
  });
});
