/**
 * Child process for the crash test: unlocks the vault through a test key protector (no scrypt, so 50
 * restarts stay fast) and writes messages and attachments until it is killed. After each commit it
 * prints what committed: `M <serverId>` or `A <attachmentId> <sha256>`.
 * Run: node --import tsx crash-writer-child.ts <dir> <protector secret hex> <first index>
 */
import crypto from 'node:crypto';
import { unlockVault } from '../../../electron/vault';
import { generateBytes } from './generated-bytes';
import { TestKeyProtector } from './test-key-protector';

const [dir, secretHex, firstArg] = process.argv.slice(2);
const protector = new TestKeyProtector(Buffer.from(secretHex!, 'hex'));
const { vault } = await unlockVault(dir!, { protector });
const threadId = vault.listThreads(vault.listCases()[0]!.id)[0]!.id;
process.stdout.write('READY\n');
for (let i = Number(firstArg); ; i++) {
  const serverId = `crash-${i}`;
  const { id } = vault.insertMessage({ threadId, serverId, direction: 'inbound', serverReceivedAt: new Date().toISOString(),
    from: 'Pat Example', subject: `Message ${i}`, body: `Body of message ${i} `.repeat(50) });
  process.stdout.write(`M ${serverId}\n`);
  if (i % 2 === 0) {
    const size = crypto.randomInt(0, 3 * 1024 * 1024);
    const a = await vault.addAttachment({ messageId: id, fileName: `doc-${i}.pdf`, declaredType: 'application/pdf' }, generateBytes(size, serverId));
    process.stdout.write(`A ${a.id} ${a.sha256}\n`);
  }
}
