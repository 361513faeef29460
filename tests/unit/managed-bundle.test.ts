/**
 * Managed builds do not carry the demo: the main bundle is built with the project's own
 * electron-vite config (main process only, nothing written), and its static import graph — what
 * loads at a managed start — holds no module from server/. The reference server is reached only
 * through the dynamic import in DEMO mode.
 */
import path from 'node:path';
import { resolveConfig } from 'electron-vite';
import { build, type Rolldown } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const serverDir = path.join(root, 'server') + path.sep;
const inServer = (id: string) => id.startsWith(serverDir);

type Chunk = Rolldown.OutputChunk;
let chunks: Map<string, Chunk>;
let entry: Chunk;

/** The chunks a start loads before any dynamic import runs: the entry and its static imports, transitively. */
function staticGraph(from: Chunk): Chunk[] {
  const seen = new Map<string, Chunk>();
  const visit = (chunk: Chunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.set(chunk.fileName, chunk);
    for (const name of chunk.imports) {
      const next = chunks.get(name);
      if (next) visit(next); // absent: an external package (resolved from node_modules at run time)
    }
  };
  visit(from);
  return [...seen.values()];
}

beforeAll(async () => {
  const resolved = await resolveConfig({ root, logLevel: 'silent', build: { outDir: path.join(root, 'out') } }, 'build', 'production');
  const main = resolved.config?.main;
  if (!main) throw new Error('electron.vite.config.ts has no main config');
  const output = await build({ ...main, logLevel: 'silent', build: { ...main.build, write: false } });
  const outputs = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
  chunks = new Map(outputs.flatMap((o) => o.output).filter((o): o is Chunk => o.type === 'chunk').map((c) => [c.fileName, c]));
  const entries = [...chunks.values()].filter((c) => c.isEntry && c.name === 'main');
  expect(entries).toHaveLength(1);
  entry = entries[0]!;
}, 120_000);

describe('the main-process bundle', () => {
  it('loads no server/ module at a managed start', () => {
    const graph = staticGraph(entry);
    const serverModules = graph.flatMap((c) => c.moduleIds.filter(inServer).map((id) => `${c.fileName}: ${path.relative(root, id)}`));
    expect(serverModules).toEqual([]);
    // Nor the server's own packages (Fastify, the plain SQLite build).
    const externals = graph.flatMap((c) => c.imports.filter((name) => !chunks.has(name)));
    expect(externals).not.toContain('fastify');
    expect(externals).not.toContain('@fastify/rate-limit');
    expect(externals).not.toContain('better-sqlite3');
  });

  it('keeps the reference server in a chunk reached only by a dynamic import', () => {
    const demoChunks = [...chunks.values()].filter((c) => c.moduleIds.some((id) => id.endsWith(path.join('server', 'start-server.ts'))));
    expect(demoChunks).toHaveLength(1);
    const demo = demoChunks[0]!;
    expect(demo.fileName).not.toBe(entry.fileName);
    expect(demo.moduleIds.some((id) => id.endsWith(path.join('electron', 'demo', 'demo-server.ts')))).toBe(true);
    expect(entry.dynamicImports).toContain(demo.fileName);
    const staticImporters = [...chunks.values()].filter((c) => c.imports.includes(demo.fileName)).map((c) => c.fileName);
    expect(staticImporters).toEqual([]);
  });
});
