/** The `app.info` service: what is running, for the About box and support calls. No paths, no secrets. */
import type { AppInfo } from '../shared/ipc/contract';

export interface RuntimeFacts {
  name: string;
  version: string;
  build: string;
  platform: NodeJS.Platform;
  arch: string;
  versions: NodeJS.ProcessVersions;
  demo: boolean;
}

export function describeApp(facts: RuntimeFacts): AppInfo {
  const platform = facts.platform === 'win32' || facts.platform === 'darwin' || facts.platform === 'linux' ? facts.platform : 'other';
  return {
    name: facts.name,
    version: facts.version,
    build: facts.build,
    platform,
    arch: facts.arch,
    electron: facts.versions.electron ?? null,
    chrome: facts.versions.chrome ?? null,
    node: facts.versions.node,
    mode: facts.demo ? 'DEMO' : 'MANAGED',
  };
}
