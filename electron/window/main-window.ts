/**
 * The application window. Its webPreferences are written out in full, inline, so a reviewer (and
 * Electronegativity) sees every security setting at the place the window is made.
 */
import { BrowserWindow } from 'electron';

export const WINDOW_TITLE = 'SCOIC Secure Messaging';

export interface MainWindowOptions {
  preloadPath: string;
  width: number;
  height: number;
  devTools: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: WINDOW_TITLE,
    width: options.width,
    height: options.height,
    minWidth: 800,
    minHeight: 560,
    show: false,
    backgroundColor: '#f6f7f9',
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click (auxclick) could open links in a new window; the window-open handler denies them too.
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: options.devTools,
    },
  });
  // The title is fixed: the renderer may not put a case, a name or a TIN in it.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  return window;
}
