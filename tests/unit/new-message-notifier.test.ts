/** Desktop notifications for new inbound messages: a count and a case to open, never taxpayer data. */
import { describe, expect, it } from 'vitest';
import { createNewMessageNotifier, type DesktopNotification } from '../../electron/notifications/new-message-notifier';
import { DEMO_REPRESENTATIVES, DEMO_TAXPAYERS } from '../../server/seed/demo-people';
import { offerNumberFor } from '../../server/seed/demo-seed';

function recorder(enabled = true) {
  const shown: DesktopNotification[] = [];
  return { shown, onInbound: createNewMessageNotifier({ enabled, notify: (n) => shown.push(n) }) };
}

describe('new message notifier', () => {
  it('says how many arrived and opens the case of the newest', () => {
    const { shown, onInbound } = recorder();
    onInbound({ count: 1, newestCaseId: 7, firstSync: false });
    onInbound({ count: 12, newestCaseId: 3, firstSync: false });
    expect(shown).toEqual([
      { title: 'SCOIC Secure Messaging', body: '1 new secure message', caseId: 7 },
      { title: 'SCOIC Secure Messaging', body: '12 new secure messages', caseId: 3 },
    ]);
  });

  it('carries no name, TIN digits or offer number of the demo seed', () => {
    const { shown, onInbound } = recorder();
    for (const count of [1, 2, 9, 37, 240]) onInbound({ count, newestCaseId: 1, firstSync: false });
    const forbidden = [
      ...DEMO_TAXPAYERS.flatMap((t) => [t.displayName, ...t.displayName.split(' '), t.tin, t.tin.slice(-4)]),
      ...DEMO_REPRESENTATIVES.map((r) => r.displayName),
      ...Array.from({ length: 30 }, (_, i) => [offerNumberFor(i), offerNumberFor(i).replace(/^DEMO-0*/, '')]).flat(),
    ];
    expect(shown).toHaveLength(5);
    for (const n of shown) {
      const text = `${n.title}\n${n.body}`;
      for (const word of forbidden) expect(text, word).not.toContain(word);
      expect(text).not.toMatch(/\d{4}/); // no TIN last four, whatever the seed
    }
  });

  it('stays silent when the machine policy turns notifications off', () => {
    const { shown, onInbound } = recorder(false);
    onInbound({ count: 3, newestCaseId: 1, firstSync: false });
    expect(shown).toEqual([]);
  });

  it('stays silent for the first sync of an empty vault, and when nothing arrived', () => {
    const { shown, onInbound } = recorder();
    onInbound({ count: 240, newestCaseId: 1, firstSync: true });
    onInbound({ count: 0, newestCaseId: null, firstSync: false });
    expect(shown).toEqual([]);
  });
});
