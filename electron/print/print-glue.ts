/**
 * Electron glue: sends finished package volumes to a printer. Each PDF is loaded in a hidden,
 * sandboxed window with no preload (Chromium's PDF viewer renders it) and printed through the system
 * dialog. What is printed is exactly the file that was saved and hashed; nothing is re-rendered here.
 * Only a workstation with Electron and a printer can exercise this; the package itself is tested in Node.
 * Also reveals a finished package in the file manager ("Show in folder").
 */
import { pathToFileURL } from 'node:url';
import { BrowserWindow, shell } from 'electron';

export interface PrintOutcome {
  file: string;
  printed: boolean;
  /** Electron's reason when not printed ("cancelled" when the employee closed the dialog). */
  reason?: string;
}

async function printOne(file: string): Promise<PrintOutcome> {
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      // Chromium's PDF viewer is a plugin; the window loads nothing but this local file.
      plugins: true,
      devTools: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  try {
    await window.loadURL(pathToFileURL(file).href);
    return await new Promise<PrintOutcome>((resolve) => {
      window.webContents.print({ silent: false, printBackground: true }, (success, failureReason) => {
        resolve(success ? { file, printed: true } : { file, printed: false, reason: failureReason || 'failed' });
      });
    });
  } finally {
    window.destroy();
  }
}

/** Prints each volume in order; stops at the first the employee cancels. */
export async function printVolumes(files: readonly string[]): Promise<PrintOutcome[]> {
  const outcomes: PrintOutcome[] = [];
  for (const file of files) {
    const outcome = await printOne(file);
    outcomes.push(outcome);
    if (!outcome.printed) break;
  }
  return outcomes;
}

/**
 * "Show in folder": opens the file manager with the package selected. The print service passes only
 * canonical paths of packages this session built inside the SBU folder (electron/print/built-packages.ts).
 */
export function showPackageInFolder(absolutePath: string): void {
  shell.showItemInFolder(absolutePath);
}
