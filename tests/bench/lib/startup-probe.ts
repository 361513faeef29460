/**
 * Start-up probe, run as its own process by tests/bench/responsiveness.ts: from this process's start
 * (performance.timeOrigin) to an unlocked case list, as the app does it: the app's services composed
 * (app-services.ts), `vault.unlock` with the passphrase (scrypt key derivation, the unlock's purge,
 * audit-chain check and sweeps, sync started against a server that is not there), then `cases.list` as
 * the IPC handler answers it (router + the structured clone of the answer). Prints one JSON line.
 * Under tsx the imports include compiling TypeScript, which the packaged app does not do: `importMs`
 * is reported apart.
 */
import { performance } from 'node:perf_hooks';

const [userDataDir, vaultDir, passphrase] = process.argv.slice(2) as [string, string, string];
const { createAppHarness } = await import('./app-services-harness');
const imported = performance.now();
const app = createAppHarness({ userDataDir, vaultDir });
const t0 = performance.now();
await app.invoke('vault.unlock', { passphrase });
const unlocked = performance.now();
const cases = await app.invoke('cases.list', undefined);
const listed = performance.now();
const second = performance.now();
await app.invoke('cases.list', undefined);
const listAgainMs = performance.now() - second;
console.log(JSON.stringify({
  startup_ms: Math.round(listed), importMs: Math.round(imported), unlockMs: Math.round(unlocked - t0), caseListMs: Math.round(listed - unlocked),
  caseListAgainMs: Math.round(listAgainMs), cases: cases.length,
}));
await app.services.lock('user');
process.exit(0);
