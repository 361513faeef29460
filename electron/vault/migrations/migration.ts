/** What one migration file exports. */
import type { VaultDb } from '../database';

export interface Migration {
  version: number;
  name: string;
  up(db: Pick<VaultDb, 'exec' | 'prepare' | 'pragma'>): void;
}
