/**
 * `npm run server -- --data DIR --port N [--seed demo] [--large-file-mb N]`: runs the reference server
 * on 127.0.0.1, prints its URL and the demo credentials, and shuts down cleanly on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { MiB } from '../shared/limits';
import { startServer } from './start-server';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    port: { type: 'string', default: '8787' },
    seed: { type: 'string' },
    'large-file-mb': { type: 'string' },
    log: { type: 'boolean', default: false },
  },
});

if (!values.data || (values.seed !== undefined && values.seed !== 'demo')) {
  console.error('usage: npm run server -- --data DIR [--port N] [--seed demo] [--large-file-mb N] [--log]');
  process.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('--port must be an integer from 0 to 65535');
  process.exit(2);
}

const started = Date.now();
const server = await startServer({
  dataDir: values.data, port, logger: values.log,
  ...(values.seed === 'demo' ? { seed: 'demo' as const } : {}),
  ...(values['large-file-mb'] ? { seedOptions: { largeFileBytes: Math.round(Number(values['large-file-mb']) * MiB) } } : {}),
});
console.log(`Secure Messaging reference server listening on ${server.url} (data: ${server.dataDir}, ready in ${Date.now() - started} ms)`);
console.log(`OpenAPI document: ${server.url}/v1/openapi.json`);
if (server.demoCredentials) {
  const c = server.demoCredentials;
  console.log('\nDEMO credentials (synthetic accounts):');
  for (const e of c.employees) console.log(`  employee        e-Gain ID ${e.accessCode}  password ${e.password}  (${e.displayName})`);
  for (const t of c.taxpayers) console.log(`  taxpayer        user ${t.username.padEnd(16)} password ${t.password}`);
  for (const r of c.representatives) console.log(`  representative  user ${r.username.padEnd(16)} password ${r.password}`);
}

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: shutting down`);
  server.close().then(() => process.exit(0), (err: unknown) => { console.error(err); process.exit(1); });
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
