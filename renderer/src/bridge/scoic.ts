/** The bridge the preload exposes as window.scoic: read once, in main.tsx, and handed to <BridgeProvider>. */
import type { ScoicApi } from '../../../shared/ipc/bridge';

declare global {
  interface Window {
    readonly scoic?: ScoicApi;
  }
}

export function getBridge(): ScoicApi {
  const api = window.scoic;
  if (!api) throw new Error('The application bridge is missing: this page must run inside SCOIC Secure Messaging.');
  return api;
}
