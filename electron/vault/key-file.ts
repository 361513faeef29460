/**
 * The key file (`vault.keys.json`): the vault master key wrapped once by the passphrase and optionally
 * once more by an OS key store. It holds no SBU data. A checksum over the body separates "this file was
 * damaged" from "the passphrase is wrong" (AES-GCM alone cannot tell those apart).
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file';
import { vaultErrors } from './vault-errors';

export const KEY_FILE_NAME = 'vault.keys.json';
export const KEY_FILE_FORMAT = 'scoic-vault-keys';

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

export const ScryptParamsSchema = z.object({
  name: z.literal('scrypt'),
  N: z.number().int().min(2 ** 14).max(2 ** 22),
  r: z.number().int().min(8).max(32),
  p: z.number().int().min(1).max(16),
  maxmem: z.number().int().positive(),
  salt: b64,
});
export type ScryptParams = z.infer<typeof ScryptParamsSchema>;

export const SealedSchema = z.object({ iv: b64, ciphertext: b64, tag: b64 });
export type Sealed = z.infer<typeof SealedSchema>;

export const PassphraseWrapSchema = z.object({
  kind: z.literal('passphrase'),
  kdf: ScryptParamsSchema,
  sealed: SealedSchema,
});
export const ProtectorWrapSchema = z.object({
  kind: z.literal('protector'),
  /** Which KeyProtector made it (e.g. "electron-safe-storage"). */
  protectorId: z.string().min(1).max(64),
  blob: b64,
});
export const WrapSchema = z.discriminatedUnion('kind', [PassphraseWrapSchema, ProtectorWrapSchema]);
export type PassphraseWrap = z.infer<typeof PassphraseWrapSchema>;
export type ProtectorWrap = z.infer<typeof ProtectorWrapSchema>;

export const KeyFileBodySchema = z.object({
  format: z.literal(KEY_FILE_FORMAT),
  version: z.literal(1),
  vaultId: z.string().uuid(),
  createdAt: z.string(),
  /** HMAC of the vault id under the master key: confirms a key a protector returned. */
  keyCheck: b64,
  wraps: z.array(WrapSchema).min(1),
}).strict();
export type KeyFileBody = z.infer<typeof KeyFileBodySchema>;

const KeyFileSchema = z.object({ body: KeyFileBodySchema, checksum: z.string().regex(/^[0-9a-f]{64}$/) }).strict();

const checksumOf = (body: KeyFileBody) => crypto.createHash('sha256').update(JSON.stringify(body)).digest('hex');

export const keyFilePath = (dir: string) => path.join(dir, KEY_FILE_NAME);

export async function writeKeyFile(dir: string, body: KeyFileBody): Promise<void> {
  const file = { body, checksum: checksumOf(body) };
  await writeFileAtomic(keyFilePath(dir), JSON.stringify(file, null, 2));
}

/** Reads and checks the key file: missing or foreign → E_NOT_A_VAULT; ours but altered → E_VAULT_DAMAGED. */
export async function readKeyFile(dir: string): Promise<KeyFileBody> {
  let text: string;
  try {
    text = await fs.readFile(keyFilePath(dir), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw vaultErrors.notAVault('no key file');
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    if (text.includes(KEY_FILE_FORMAT)) throw vaultErrors.damaged('key file is not valid JSON');
    throw vaultErrors.notAVault('key file is not a vault key file');
  }
  const format = (json as { body?: { format?: unknown } } | null)?.body?.format;
  if (format !== KEY_FILE_FORMAT) throw vaultErrors.notAVault('key file is not a vault key file');
  const parsed = KeyFileSchema.safeParse(json);
  if (!parsed.success) throw vaultErrors.damaged('key file fields are invalid');
  if (checksumOf(parsed.data.body) !== parsed.data.checksum) throw vaultErrors.damaged('key file checksum mismatch');
  return parsed.data.body;
}
