/** The import boundaries are enforced by ESLint; these tests prove the rules bite. */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '../..') });

async function restrictedImportErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('import boundaries', () => {
  it('renderer code may not import electron/ (main-process code)', async () => {
    const errors = await restrictedImportErrors('renderer/src/Bad.tsx', "import { loadPolicy } from '../../electron/policy/load-policy';\nexport const x = loadPolicy;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('bridge');
  });

  it('renderer code may not import Electron, Node or the server', async () => {
    expect(await restrictedImportErrors('renderer/src/Bad.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n")).toHaveLength(1);
    expect(await restrictedImportErrors('renderer/src/Bad.ts', "import fs from 'node:fs';\nexport const x = fs;\n")).toHaveLength(1);
    expect(await restrictedImportErrors('renderer/src/Bad.ts', "import fs from 'fs';\nexport const x = fs;\n")).toHaveLength(1);
    expect(await restrictedImportErrors('renderer/src/Bad.ts', "import * as s from '../../server/app';\nexport const x = s;\n")).toHaveLength(1);
  });

  it('renderer code may import shared/', async () => {
    expect(await restrictedImportErrors('renderer/src/Good.ts', "import { faxLabel } from '../../shared/fax-label';\nexport const x = faxLabel;\n")).toEqual([]);
  });

  it('shared/ may import neither Node nor React nor either side', async () => {
    expect(await restrictedImportErrors('shared/bad.ts', "import path from 'node:path';\nexport const x = path;\n")).toHaveLength(1);
    expect(await restrictedImportErrors('shared/bad.ts', "import { useState } from 'react';\nexport const x = useState;\n")).toHaveLength(1);
    expect(await restrictedImportErrors('shared/bad.ts', "import { createIpcRouter } from '../electron/ipc/router';\nexport const x = createIpcRouter;\n")).toHaveLength(1);
  });

  it('main-process services may not import Electron at run time, glue files may', async () => {
    expect(await restrictedImportErrors('electron/vault/bad.ts', "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(1);
    expect(await restrictedImportErrors('electron/vault/ok.ts', "import type { App } from 'electron';\nexport type X = App;\n")).toEqual([]);
    expect(await restrictedImportErrors('electron/print/print-glue.ts', "import { BrowserWindow } from 'electron';\nexport const x = BrowserWindow;\n")).toEqual([]);
  });

  it('only DEMO mode may embed the reference server', async () => {
    const code = "import { startServer } from '../../server/start-server';\nexport const x = startServer;\n";
    expect(await restrictedImportErrors('electron/vault/bad.ts', code)).toHaveLength(1);
    expect(await restrictedImportErrors('electron/demo/demo-server.ts', code)).toEqual([]);
  });
});
