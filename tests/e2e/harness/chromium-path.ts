/**
 * Finds the Chromium the end-to-end tests drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else a
 * Chromium that Playwright installed. With none, the run stops with one line saying how to get one.
 */
import fs from 'node:fs';
import { chromium } from '@playwright/test';

const isExecutable = (file: string) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH=${fromEnv} is not an executable file: point it at a Chromium or Chrome binary.`);
  }
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (isExecutable(candidate)) return candidate;
  }
  let bundled = '';
  try { bundled = chromium.executablePath(); } catch { /* Playwright has no browser of its own here */ }
  if (bundled && isExecutable(bundled)) return bundled;
  throw new Error('No Chromium found for the end-to-end tests: run `sudo apt-get install -y chromium` (Debian/Ubuntu) or set CHROMIUM_PATH=/path/to/chromium.');
}
