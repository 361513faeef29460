/** The parts of the app's services that touch disk or network, pointed at nowhere (for IPC-level tests). */
export function offlineParts(dir: string) {
  return {
    vaultDir: `${dir}/vault`,
    server: { kind: 'policy' as const, url: async () => 'http://127.0.0.1:9/' },
    fileDialog: async () => [],
    emit: () => undefined,
  };
}

export function memoryStore() {
  const data = new Map<string, unknown>();
  return { get: (k: string) => data.get(k), set: (k: string, v: unknown) => void data.set(k, v) };
}
