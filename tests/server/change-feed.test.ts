/**
 * The change feed while several clients write concurrently: a reader that long-polls with small pages
 * sees every event of its cases exactly once, in order, with no gap; a reader resuming from any cursor
 * sees exactly the rest; and an account never sees events of cases that are not its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../shared/protocol/changes';
import { signIn, type ApiClient } from './helpers/api-client';
import { startTestServer, type TestServer } from './helpers/test-server';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server?.stop(); });

async function drain(client: ApiClient, after: string, limit = 1000): Promise<{ events: ChangeEvent[]; cursor: string }> {
  const events: ChangeEvent[] = [];
  let cursor = after;
  for (;;) {
    const page = await client.expect(200, 'changes', { query: { after: cursor, limit } });
    events.push(...page.events);
    cursor = page.cursor;
    if (!page.hasMore) return { events, cursor };
  }
}

describe('change feed', () => {
  it('has no gap and no repeat while several clients write concurrently', async () => {
    const creds = server.demoCredentials!;
    const employee = await signIn(server.url, creds.employees[0]!);
    const otherEmployee = await signIn(server.url, creds.employees[1]!);
    const cases = (await employee.expect(200, 'listCases')).cases.slice(0, 4);
    const start = await drain(employee, '0');
    const otherStart = await drain(otherEmployee, '0');

    // Writers: the employee and the taxpayer of each case, all at once.
    const writers: Array<{ client: ApiClient; caseId: string; threadId: string }> = [];
    for (const c of cases) {
      const threadId = (await employee.expect(200, 'listThreads', { params: { caseId: c.id } })).threads[0]!.id;
      const taxpayerName = c.participants.find((p) => p.role === 'taxpayer')!.displayName;
      const taxpayer = await signIn(server.url, creds.taxpayers.find((t) => t.displayName === taxpayerName)!);
      writers.push({ client: employee, caseId: c.id, threadId }, { client: taxpayer, caseId: c.id, threadId });
    }
    const perWriter = 15;

    // The reader long-polls with tiny pages while the writers run.
    const seen: ChangeEvent[] = [];
    let stop = false;
    const reader = (async () => {
      let cursor = start.cursor;
      while (!stop || seen.filter((e) => e.type === 'message.created').length < writers.length * perWriter) {
        const page = await employee.expect(200, 'changes', { query: { after: cursor, limit: 3, wait: 1 } });
        seen.push(...page.events);
        cursor = page.cursor;
      }
      return cursor;
    })();

    const sent = (await Promise.all(writers.map(async (w, i) => {
      const ids: string[] = [];
      for (let n = 0; n < perWriter; n++) {
        const m = await w.client.expect(201, 'createMessage', { params: { caseId: w.caseId, threadId: w.threadId }, body: { body: `writer ${i} message ${n}` } });
        ids.push(m.id);
      }
      return ids;
    }))).flat();
    stop = true;
    const finalCursor = await reader;

    const seqs = seen.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length); // no repeat
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs); // in order
    const messageIds = seen.flatMap((e) => (e.type === 'message.created' ? [e.message.id] : []));
    expect([...messageIds].sort()).toEqual([...sent].sort()); // no gap: every message exactly once

    // Resuming from any cursor in the middle yields exactly the rest.
    const middle = seen[Math.floor(seen.length / 2)]!;
    const resumed = await drain(employee, String(middle.seq), 7);
    expect(resumed.events.map((e) => e.seq)).toEqual(seqs.filter((s) => s > middle.seq));
    expect(resumed.cursor).toBe(finalCursor);

    // The other employee saw none of it.
    const other = await drain(otherEmployee, otherStart.cursor);
    expect(other.events.filter((e) => cases.some((c) => c.id === e.caseId))).toEqual([]);
  });

  it('wakes a long-poll when an event arrives and answers empty when the wait ends', async () => {
    const creds = server.demoCredentials!;
    const employee = await signIn(server.url, creds.employees[2]!);
    const { cursor } = await drain(employee, '0');
    const started = Date.now();
    const empty = await employee.expect(200, 'changes', { query: { after: cursor, wait: 1 } });
    expect(empty.events).toEqual([]);
    // It really waited (a lower bound by construction, not a speed assertion).
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(empty.cursor).toBe(cursor);
    const kase = (await employee.expect(200, 'listCases')).cases[0]!;
    const poll = employee.expect(200, 'changes', { query: { after: cursor, wait: 30 } });
    await new Promise((r) => setTimeout(r, 200));
    const thread = await employee.expect(201, 'createThread', { params: { caseId: kase.id }, body: { subject: 'Wake up' } });
    const page = await poll;
    expect(page.events.map((e) => (e.type === 'thread.created' ? e.thread.id : null))).toEqual([thread.id]);
  });

  it('rejects a malformed cursor', async () => {
    const employee = await signIn(server.url, server.demoCredentials!.employees[0]!);
    await employee.problem('E_VALIDATION', 'changes', { query: { after: 'abc' } });
    await employee.problem('E_VALIDATION', 'changes', { query: { wait: 999 } });
  });
});
