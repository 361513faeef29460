/**
 * Start-up probe, run as its own process by tests/bench/responsiveness.ts: from this process's start
 * (performance.timeOrigin) to an unlocked case list, as the app does it: the app's services composed
 * (app-services.ts), `vault.unlock` with the passphrase (scrypt key derivation, the unlock's purge,
 * audit-chain check and sweeps, sync started against a server that is not there), then every page of
 * `cases.list` as the IPC handler answers it (router + the structured clone of each answer), read as
 * the window reads them (renderer/src/data/case-list-fetch.ts). Prints one JSON line.
 * Under tsx the imports include compiling TypeScript, which the packaged app does not do: `importMs`
 * is reported apart.
 */
import { performance } from 'node:perf_hooks';

const [userDataDir, vaultDir, passphrase] = process.argv.slice(2) as [string, string, string];
const { createAppHarness } = await import('./app-services-harness');
const { fetchCaseList } = await import('../../../renderer/src/data/case-list-fetch');
const { ok } = await import('../../../shared/errors');
const imported = performance.now();
const app = createAppHarness({ userDataDir, vaultDir });
const t0 = performance.now();
await app.invoke('vault.unlock', { passphrase });
const unlocked = performance.now();
const listPage = (input?: { pageToken: string }) => app.invoke('cases.list', input).then(ok);
const cases = await fetchCaseList(listPage);
const listed = performance.now();
const second = performance.now();
await fetchCaseList(listPage);
const listAgainMs = performance.now() - second;
console.log(JSON.stringify({
  startup_ms: Math.round(listed), importMs: Math.round(imported), unlockMs: Math.round(unlocked - t0), caseListMs: Math.round(listed - unlocked),
  caseListAgainMs: Math.round(listAgainMs), cases: cases.length,
}));
await app.services.lock('user');
process.exit(0);
