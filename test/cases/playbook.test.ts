import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setPlaybookSteps } from '../../src/cases/playbook.js';
import { openCase } from '../../src/cases/open-case.js';
import type { Policy } from '../../src/config/policy.js';
import { listEvents } from '../../src/db/event-repository.js';
import { listDoneSteps } from '../../src/db/playbook-repository.js';
import type { Case } from '../../src/domain/case.js';
import { playbookVersion } from '../../src/domain/playbook.js';
import { testPolicy } from '../support/anthill-harness.js';
import { sampleIntake } from '../support/sample-intake.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let policy: Policy;
const now = new Date('2026-11-23T10:00:00Z');
const later = new Date('2026-11-23T11:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  policy = await testPolicy();
});
afterAll(async () => {
  await database.drop();
});

const steps = () => policy.categories.find((c) => c.id === 'delivery')?.playbook ?? [];

async function open(): Promise<Case> {
  return (await openCase(database.db, policy, { teamId: 'T1', reporterId: 'U0REP0001', intake: sampleIntake(), now })).case;
}

/** A click on the first group of the card as it showed `shownDone`, with `selected` ticked after it. */
function click(c: Case, actorId: string, shownDone: boolean[], selected: number[], at = now) {
  return setPlaybookSteps(database.db, policy, {
    caseId: c.id,
    teamId: c.teamId,
    actorId,
    now: at,
    version: playbookVersion(steps()),
    first: 0,
    shownDone: [...shownDone, ...Array<boolean>(steps().length - shownDone.length).fill(false)],
    selected,
  });
}

const playbookEvents = async (c: Case) =>
  (await listEvents(database.db, c.id)).filter((e) => e.kind.startsWith('playbook_')).map((e) => [e.kind, e.actorId, e.data]);

describe('setPlaybookSteps', () => {
  it('a tick records who and when, is a timeline event, and asks for the card and channel sync', async () => {
    const c = await open();
    const ticked = await click(c, 'U0AAA0001', [], [2]);
    expect(ticked.ok).toBe(true);
    if (!ticked.ok) return;
    expect(ticked.events.map((e) => [e.kind, e.data])).toEqual([['playbook_step_ticked', { step: 2, text: 'Apologise' }]]);
    expect(ticked.jobs).toEqual([{ kind: 'sync-case', caseId: c.id, eventId: ticked.events[0]?.id }]);
    expect(await listDoneSteps(database.db, c.id)).toEqual([{ index: 2, text: 'Apologise', doneBy: 'U0AAA0001', doneAt: now }]);
  });

  it('an untick forgets the tick and is an event of its own; the timeline keeps both', async () => {
    const c = await open();
    await click(c, 'U0AAA0001', [], [2]);
    const unticked = await click(c, 'U0BBB0002', [false, false, true], [], later);
    expect(unticked.ok && unticked.events.map((e) => e.kind)).toEqual(['playbook_step_unticked']);
    expect(await listDoneSteps(database.db, c.id)).toEqual([]);
    expect(await playbookEvents(c)).toEqual([
      ['playbook_step_ticked', 'U0AAA0001', { step: 2, text: 'Apologise' }],
      ['playbook_step_unticked', 'U0BBB0002', { step: 2, text: 'Apologise' }],
    ]);
  });

  it('the same click sent twice records nothing new and asks for no job', async () => {
    const c = await open();
    await click(c, 'U0AAA0001', [], [0]);
    const again = await click(c, 'U0AAA0001', [], [0], later);
    expect(again).toMatchObject({ ok: true, events: [], jobs: [] });
    expect(await listDoneSteps(database.db, c.id)).toEqual([{ index: 0, text: 'Thank the customer', doneBy: 'U0AAA0001', doneAt: now }]);
    expect(await playbookEvents(c)).toHaveLength(1);
  });

  it('two people ticking two steps at once on copies of the same card: both ticks are kept', async () => {
    const c = await open();
    const results = await Promise.all([click(c, 'U0AAA0001', [], [1]), click(c, 'U0BBB0002', [], [4])]);
    expect(results.every((r) => r.ok && r.events.length === 1)).toBe(true);
    const done = await listDoneSteps(database.db, c.id);
    expect(done.map((d) => [d.index, d.doneBy])).toEqual([
      [1, 'U0AAA0001'],
      [4, 'U0BBB0002'],
    ]);
  });

  it('unticking on a copy of the card from before someone else’s tick leaves their tick alone', async () => {
    const c = await open();
    await click(c, 'U0AAA0001', [], [0, 1]);
    // This copy showed only step 0 ticked; its person unticks step 0.
    await click(c, 'U0BBB0002', [true], [], later);
    expect((await listDoneSteps(database.db, c.id)).map((d) => d.index)).toEqual([1]);
  });

  it('refuses a closed case, another workspace, an unknown case, another playbook version and a step the group does not show; nothing is recorded', async () => {
    const c = await open();
    const base = { caseId: c.id, teamId: c.teamId, actorId: 'U0AAA0001', now, version: playbookVersion(steps()), first: 0, shownDone: steps().map(() => false), selected: [1] };
    expect(await setPlaybookSteps(database.db, policy, { ...base, teamId: 'T-ELSEWHERE' })).toMatchObject({ ok: false, code: 'other_workspace' });
    expect(await setPlaybookSteps(database.db, policy, { ...base, caseId: '00000000-0000-0000-0000-000000000000' })).toMatchObject({ ok: false, code: 'case_not_found' });
    const outOfDate = { ok: false, code: 'playbook_out_of_date', params: { caseNumber: c.number } };
    expect(await setPlaybookSteps(database.db, policy, { ...base, version: playbookVersion(['Something else']) })).toMatchObject(outOfDate);
    expect(await setPlaybookSteps(database.db, policy, { ...base, first: 5, shownDone: [false, false, false] })).toMatchObject(outOfDate);
    expect(await setPlaybookSteps(database.db, policy, { ...base, selected: [99] })).toMatchObject(outOfDate);
    await database.db.updateTable('cases').set({ status: 'closed' }).where('id', '=', c.id).execute();
    expect(await setPlaybookSteps(database.db, policy, base)).toMatchObject({ ok: false, code: 'case_closed', params: { caseNumber: c.number } });
    expect(await listDoneSteps(database.db, c.id)).toEqual([]);
    expect(await playbookEvents(c)).toEqual([]);
  });

  it('a tick stored for a step the policy has since reworded does not count, and ticking the new step replaces it', async () => {
    const c = await open();
    await click(c, 'U0AAA0001', [], [2]);
    const reworded: Policy = {
      ...policy,
      categories: policy.categories.map((cat) => (cat.id === 'delivery' ? { ...cat, playbook: cat.playbook.map((s, i) => (i === 2 ? 'Say sorry' : s)) } : cat)),
    };
    const newSteps = reworded.categories.find((cat) => cat.id === 'delivery')?.playbook ?? [];
    const ticked = await setPlaybookSteps(database.db, reworded, {
      caseId: c.id,
      teamId: c.teamId,
      actorId: 'U0BBB0002',
      now: later,
      version: playbookVersion(newSteps),
      first: 0,
      shownDone: newSteps.map(() => false),
      selected: [2],
    });
    expect(ticked.ok && ticked.events.map((e) => e.data)).toEqual([{ step: 2, text: 'Say sorry' }]);
    expect(await listDoneSteps(database.db, c.id)).toEqual([{ index: 2, text: 'Say sorry', doneBy: 'U0BBB0002', doneAt: later }]);
  });
});
