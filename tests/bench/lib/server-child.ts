/**
 * The reference server in a child process, so that its work (Fastify, its SQLite, reading the file it
 * serves) and its memory are not counted as ours. `startServerChild` forks this file under tsx; the
 * child starts the server as the app's DEMO mode does (server/start-server.ts, demo seed), tells the
 * parent its URL over the IPC channel, and takes fault settings from it (`setFaults`).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FaultOptions, StartServerOptions } from '../../../server/start-server';

type ToChild = { type: 'faults'; faults: FaultOptions; id: number } | { type: 'close' };
type FromChild = { type: 'ready'; url: string } | { type: 'faults-set'; id: number } | { type: 'error'; message: string };

export interface ServerChild {
  url: string;
  pid: number;
  setFaults(faults: FaultOptions): Promise<void>;
  close(): Promise<void>;
}

export type ServerChildOptions = Pick<StartServerOptions, 'dataDir' | 'seedOptions' | 'signInRateLimit'> & {
  /**
   * Runs the server at background CPU priority (nice 10 on each of the child's threads, set before the
   * server starts; threads started later inherit it). In the app the server is another machine; on a 2-core bench machine
   * it would otherwise take cores from the process being measured. Off by default (throughput benches).
   */
  background?: boolean;
};

export async function startServerChild(options: ServerChildOptions): Promise<ServerChild> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`reference server child exited (${code}) before it was ready`)));
    child.on('message', (m: FromChild) => {
      if (m.type === 'ready') resolve(m.url);
      else if (m.type === 'error') reject(new Error(`reference server child: ${m.message}`));
    });
  });
  let nextId = 0;
  return {
    url,
    pid: child.pid!,
    setFaults(faults) {
      const id = ++nextId;
      return new Promise((resolve) => {
        const onMessage = (m: FromChild) => { if (m.type === 'faults-set' && m.id === id) { child.off('message', onMessage); resolve(); } };
        child.on('message', onMessage);
        child.send({ type: 'faults', faults, id } satisfies ToChild);
      });
    },
    async close() {
      if (child.exitCode === null) child.send({ type: 'close' } satisfies ToChild);
      await exited;
    },
  };
}

// ---- the child ---------------------------------------------------------------------------------
if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  const { startServer } = await import('../../../server/start-server');
  const { background, ...options } = JSON.parse(process.argv[2]!) as ServerChildOptions;
  if (background) {
    // Linux sets the priority per thread: every thread already running (V8's, libuv's), and the ones
    // started later inherit it from this one.
    const os = await import('node:os');
    const fs = await import('node:fs');
    const tids = process.platform === 'linux' ? fs.readdirSync('/proc/self/task').map(Number) : [0];
    for (const tid of tids) { try { os.setPriority(tid, 10); } catch { /* a thread that just ended */ } }
  }
  try {
    const server = await startServer({ ...options, port: 0, seed: 'demo', faults: {} });
    process.on('message', (m: ToChild) => {
      if (m.type === 'faults') { server.faults!.set(m.faults); process.send!({ type: 'faults-set', id: m.id } satisfies FromChild); }
      if (m.type === 'close') void server.close().then(() => process.exit(0));
    });
    process.on('disconnect', () => void server.close().then(() => process.exit(0)));
    process.send({ type: 'ready', url: server.url } satisfies FromChild);
  } catch (err) {
    process.send({ type: 'error', message: (err as Error).message } satisfies FromChild);
    process.exit(1);
  }
}
