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
  /** Input resumed after a warning: the warning can go away. */
  onActive?: () => void;
}

export interface IdleLock {
  /** Called periodically (every few seconds). */
  tick(): void;
  readonly state: 'active' | 'warned' | 'locked';
}

export function createIdleLock(options: IdleLockOptions): IdleLock {
  const limit = options.idleLockMinutes * 60;
  // Short limits get a proportionally shorter warning (at most half the limit).
  const warnAt = limit - Math.min(options.warnSeconds ?? 60, Math.floor(limit / 2));
  let state: IdleLock['state'] = 'active';
  return {
    get state() { return state; },
    tick() {
      const idle = options.getIdleSeconds();
      if (idle < warnAt) {
        // Input since the last tick: re-arm, so the next idle period locks again.
        const wasWarned = state === 'warned';
        state = 'active';
        if (wasWarned) options.onActive?.();
        return;
      }
      if (state === 'locked') return;
      if (idle >= limit) {
        state = 'locked';
        options.onLock();
      } else if (state === 'active') {
        state = 'warned';
        options.onWarn(limit - idle);
      }
    },
  };
}
