/**
 * Idle lock: after the policy's idle minutes without input the session locks (federal practice: at
 * most 15 minutes), with a warning a minute before so the employee can keep working and lose no draft.
 * Plain logic over an idle-time source; the glue polls Electron's powerMonitor.getSystemIdleTime().
 */
export interface IdleLockOptions {
  idleLockMinutes: number;
  /** How long before the lock to warn. */
  warnSeconds?: number;
  /** Seconds since the last keyboard or mouse input. */
  getIdleSeconds: () => number;
  onWarn: (secondsLeft: number) => void;
  onLock: () => void;
}

export interface IdleLock {
  /** Called periodically (every few seconds). */
  tick(): void;
  /** The session was unlocked or input resumed: start counting again. */
  reset(): void;
  readonly state: 'active' | 'warned' | 'locked';
}

export function createIdleLock(options: IdleLockOptions): IdleLock {
  const limit = options.idleLockMinutes * 60;
  // Short limits get a proportionally shorter warning (at most half the limit).
  const warnAt = limit - Math.min(options.warnSeconds ?? 60, Math.floor(limit / 2));
  let state: IdleLock['state'] = 'active';
  return {
    get state() { return state; },
    reset() { state = 'active'; },
    tick() {
      const idle = options.getIdleSeconds();
      if (state === 'locked') return;
      if (idle >= limit) {
        state = 'locked';
        options.onLock();
      } else if (idle >= warnAt) {
        if (state === 'active') {
          state = 'warned';
          options.onWarn(limit - idle);
        }
      } else if (state === 'warned') {
        state = 'active'; // input resumed during the warning
      }
    },
  };
}
