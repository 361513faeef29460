/** The sync status's counts, taken in SQL: the same numbers as counting the listed rows. */
import crypto from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createVault, type Vault } from '../../electron/vault';
import { PASSPHRASE, seedCase } from './helpers/fixtures';
import { makeTempDir } from './helpers/temp-dir';

const HELD_BACK = 'E_PREPARING';
let tmp: ReturnType<typeof makeTempDir>;
let vault: Vault;
beforeAll(async () => { tmp = makeTempDir(); vault = await createVault(path.join(tmp.dir, 'vault'), PASSPHRASE); });
afterAll(() => { vault.lock(); tmp.cleanup(); });

it('counts announced files per state and the outbox backlog without listing them', () => {
  expect(vault.sync.countRemoteAttachments()).toEqual({ pending: 0, stored: 0, blocked: 0, failed: 0 });
  expect(vault.sync.countOutbox(HELD_BACK)).toEqual({ queued: 0, failed: 0 });
  const { caseId, messageId } = seedCase(vault);
  const sha = 'c'.repeat(64);
  const states = ['pending', 'pending', 'pending', 'blocked', 'failed', 'failed'] as const;
  states.forEach((state, i) => {
    vault.sync.recordRemoteAttachment({ serverAttachmentId: `att-${i}`, messageId, fileName: `f${i}.pdf`, contentType: 'application/pdf', size: 1, sha256: sha, state: state === 'failed' ? 'pending' : state });
    if (state === 'failed') vault.sync.setRemoteAttachmentState({ serverAttachmentId: `att-${i}`, state: 'failed', lastErrorCode: 'E_HASH_MISMATCH' });
  });
  const outbox = (state: 'queued' | 'sending' | 'sent' | 'failed', lastErrorCode: string | null = null) => {
    const id = vault.enqueueOutbox({ caseId, clientMessageId: crypto.randomUUID(), subject: 's', body: 'b' });
    if (state !== 'queued') vault.updateOutbox({ id, state, lastErrorCode });
  };
  outbox('queued'); outbox('queued'); outbox('sending'); outbox('sent');
  outbox('failed', 'E_SERVER'); outbox('failed', HELD_BACK); outbox('failed');

  const listed = (s: 'pending' | 'stored' | 'blocked' | 'failed') => vault.sync.listRemoteAttachments({ state: s }).length;
  expect(vault.sync.countRemoteAttachments()).toEqual({ pending: listed('pending'), stored: listed('stored'), blocked: listed('blocked'), failed: listed('failed') });
  expect(vault.sync.countRemoteAttachments()).toEqual({ pending: 3, stored: 0, blocked: 1, failed: 2 });
  const rows = vault.listOutbox();
  expect(vault.sync.countOutbox(HELD_BACK)).toEqual({
    queued: rows.filter((o) => o.state === 'queued' || o.state === 'sending').length,
    failed: rows.filter((o) => o.state === 'failed' && o.lastErrorCode !== HELD_BACK).length,
  });
  expect(vault.sync.countOutbox(HELD_BACK)).toEqual({ queued: 3, failed: 2 });
});
