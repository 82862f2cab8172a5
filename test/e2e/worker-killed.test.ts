import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_CALLBACK_ID } from '../../src/blocks/intake-modal.js';
import { startHarness, type Harness } from '../support/anthill-harness.js';
import { intakeValues } from '../support/intake-values.js';

let h: Harness;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  // Web only in this process: the jobs run in worker processes the test can kill.
  h = await startHarness({ role: 'web', users: ['U0REP0001'] });
});
afterAll(async () => {
  for (const worker of workers) worker.kill('SIGKILL');
  await h.close();
});

/** A worker in a process of its own that dies quickly to the test's SIGKILL and is replaced soon after. */
async function spawnWorker(): Promise<ChildProcess> {
  const { child } = await h.startProcess({ role: 'worker', worker: { lockDurationMs: 1000, stalledIntervalMs: 500 } });
  workers.push(child);
  return child;
}

async function poll<T>(read: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 50))) {
    const value = await read();
    if (value !== undefined) return value;
  }
  throw new Error('poll: condition not met in time');
}

describe('a worker killed with SIGKILL in the middle of a job', () => {
  it('leaves the job to another worker, which finishes the case without duplicates', async () => {
    const first = await spawnWorker();
    // Hold channel creation open, and kill the worker while Slack is creating the channel:
    // Slack will create it, but the dead worker never records it.
    h.slack.setLatency(1500, 'conversations.create');
    const killed = new Promise<void>((resolve) => {
      const stop = h.slack.onCall((call) => {
        if (call.method !== 'conversations.create') return;
        stop();
        first.kill('SIGKILL');
        resolve();
      });
    });
    await h.requests.viewSubmission({ userId: 'U0REP0001', callbackId: INTAKE_CALLBACK_ID, values: intakeValues({ summary: 'Worker died here' }) });
    await killed;
    await once(first, 'exit');
    h.slack.setLatency(0, 'conversations.create');

    await spawnWorker();
    const row = await poll(() =>
      h.database.db
        .selectFrom('case_channels')
        .innerJoin('cases', 'cases.id', 'case_channels.case_id')
        .select(['case_channels.channel_id', 'case_channels.channel_name', 'cases.number'])
        .where('cases.summary', '=', 'Worker died here')
        .where('case_channels.reporter_told_at', 'is not', null)
        .executeTakeFirst(),
    );
    // The new worker met the dead one's channel (name_taken) and took it over: no "-2".
    const creates = h.slack.calls('conversations.create').filter((c) => String(c.params.name).startsWith(`cmp-${row.number}-`));
    expect(creates.map((c) => c.result?.error ?? 'ok')).toEqual(['ok', 'name_taken']);
    expect(row.channel_name).toBe(`cmp-${row.number}-worker-died-here`);
    expect(h.slack.channels().filter((c) => c.name.startsWith(`cmp-${row.number}-`))).toHaveLength(1);
    expect(h.slack.messages('C0TEAM0001').filter((m) => m.text.includes(`<#${row.channel_id}>`))).toHaveLength(1);
    expect(h.slack.messages(row.channel_id ?? '').filter((m) => JSON.stringify(m.blocks ?? '').includes(`Complaint #${row.number}`))).toHaveLength(1);
  });
});
