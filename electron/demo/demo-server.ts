/**
 * DEMO mode: with no machine policy installed, the app runs its own copy of the reference Secure
 * Messaging server, in-process on 127.0.0.1, seeded with synthetic cases (SSNs 987-65-4320..4329
 * only), and signs in as the first demo employee. Nothing leaves the machine. main.ts imports this
 * file dynamically, so the server and its seed are a chunk of their own that a managed start never loads
 * (tests/unit/managed-bundle.test.ts).
 */
import { startServer } from '../../server/start-server';

export interface DemoServer {
  url: string;
  employee: { displayName: string; accessCode: string; password: string };
  close(): Promise<void>;
}

export async function startDemoServer(dataDir: string): Promise<DemoServer> {
  const server = await startServer({ dataDir, port: 0, seed: 'demo', logger: false });
  const employee = server.demoCredentials?.employees[0];
  if (!employee) {
    await server.close();
    throw new Error('The demo server started without demo accounts.');
  }
  return { url: server.url, employee, close: () => server.close() };
}
