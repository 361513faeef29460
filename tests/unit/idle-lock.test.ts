import { describe, expect, it } from 'vitest';
import { createIdleLock } from '../../electron/session/idle-lock';

function harness(minutes: number) {
  let idle = 0;
  const log: string[] = [];
  const lock = createIdleLock({
    idleLockMinutes: minutes, warnSeconds: 60,
    getIdleSeconds: () => idle,
    onWarn: (left) => log.push(`warn ${left}`),
    onLock: () => log.push('lock'),
    onActive: () => log.push('active'),
  });
  return { lock, log, setIdle: (s: number) => { idle = s; lock.tick(); } };
}

describe('idle lock', () => {
  it('warns a minute before and locks at the policy limit, once each', () => {
    const { lock, log, setIdle } = harness(15);
    setIdle(10);
    setIdle(839);
    expect(log).toEqual([]);
    setIdle(840);
    setIdle(850);
    expect(log).toEqual(['warn 60']);
    setIdle(900);
    setIdle(1000);
    expect(log).toEqual(['warn 60', 'lock']);
    expect(lock.state).toBe('locked');
  });

  it('cancels the warning when input resumes (and says so), and warns again later', () => {
    const { log, setIdle } = harness(5);
    setIdle(250);
    setIdle(3);
    setIdle(245);
    expect(log).toEqual(['warn 50', 'active', 'warn 55']);
  });

  it('locks again after the employee comes back and leaves again', () => {
    const { lock, log, setIdle } = harness(1);
    setIdle(60);
    setIdle(61);
    expect(lock.state).toBe('locked');
    setIdle(0); // unlocked and working again
    expect(lock.state).toBe('active');
    setIdle(30);
    setIdle(60);
    expect(log).toEqual(['lock', 'warn 30', 'lock']);
  });
});
