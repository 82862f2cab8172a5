import type { Checkboxes } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_CALLBACK_ID } from '../../src/blocks/intake-modal.js';
import { openCase } from '../../src/cases/open-case.js';
import { startHarness, type Harness } from '../support/anthill-harness.js';
import { intakeValues } from '../support/intake-values.js';
import { sampleIntake } from '../support/sample-intake.js';
import type { SlackHttpResponse } from '../../fake-slack/slack-requests.js';

const REPORTER = 'U0REP0001';
const AGENT = 'U0AAA0001';
const OTHER = 'U0BBB0002';
const OTHER_TEAM = 'T0OTHER01';
let h: Harness;
let caseChannel: string;
let caseId: string;

beforeAll(async () => {
  h = await startHarness({ users: [REPORTER, OTHER] });
  await h.requests.viewSubmission({ userId: REPORTER, callbackId: INTAKE_CALLBACK_ID, values: intakeValues({ summary: 'Playbook case' }) });
  const channel = await h.slack.waitFor(() => h.slack.channels().find((c) => c.name === 'cmp-1-playbook-case'));
  await h.slack.waitFor(() => h.slack.dms(REPORTER).find((m) => m.text.includes(`<#${channel.id}>`)));
  caseChannel = channel.id;
  caseId = (await h.database.db.selectFrom('cases').select('id').where('number', '=', 1).executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await h.close();
});

const card = () => {
  const message = h.slack.messages(caseChannel)[0];
  if (!message) throw new Error('no card');
  return message;
};
const checklist = (): Checkboxes => {
  const blocks = (card().blocks ?? []) as { type: string; elements?: { type: string }[] }[];
  const group = blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : [])).find((e) => e.type === 'checkboxes');
  if (!group) throw new Error('no checklist on the card');
  return group as Checkboxes;
};
const ticked = () => (checklist().initial_options ?? []).map((o) => o.value);
const lines = () => h.slack.messages(caseChannel).slice(1).map((m) => m.text);
const playbookEventCount = async () =>
  Number(
    (
      await h.database.db
        .selectFrom('case_events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('case_id', '=', caseId)
        .where('kind', 'in', ['playbook_step_ticked', 'playbook_step_unticked'])
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Ticks exactly `values` in the card's checklist group as it is now (what Slack sends after a click). */
function clickChecklist(values: string[], options: { userId?: string; group?: Checkboxes; teamId?: string } = {}): Promise<SlackHttpResponse> {
  const group = options.group ?? checklist();
  return h.requests.blockAction({
    userId: options.userId ?? AGENT,
    channelId: caseChannel,
    actionId: group.action_id ?? '',
    actionType: 'checkboxes',
    message: card(),
    ...(options.teamId && { teamId: options.teamId, userTeamId: h.slack.teamId }),
    actionFields: { selected_options: values.map((value) => group.options.find((o) => o.value === value) ?? { value }) },
  });
}

async function answer(response: SlackHttpResponse): Promise<string> {
  const post = await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl)[0]);
  return (post.body as { text: string }).text;
}

describe('the playbook checklist on the card', () => {
  it('the card shows the category’s playbook as the policy writes it, nothing ticked', () => {
    expect(checklist().options.map((o) => o.text.text)).toEqual(h.policy.categories[0]?.playbook);
    expect(ticked()).toEqual([]);
    expect(JSON.stringify(card().blocks)).toContain('*Playbook*: 0 of 7 steps done');
  });

  it('ticking a step through a signed click records who and when, posts a line and rewrites the card in place', async () => {
    const edits = card().edits;
    const response = await clickChecklist(['2']);
    expect(response.status).toBe(200);
    await h.slack.waitFor(() => lines().find((l) => l === `:ballot_box_with_check: <@${AGENT}> ticked step 3 of the playbook: Apologise`));
    await h.slack.waitFor(() => card().edits > edits && ticked().includes('2'));
    expect(JSON.stringify(card().blocks)).toContain('*Playbook*: 1 of 7 steps done');
    const row = await h.database.db.selectFrom('playbook_steps_done').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ step_index: 2, step_text: 'Apologise', done_by: AGENT });
  });

  it('the same state sent again (a retried request) records nothing new', async () => {
    const before = await playbookEventCount();
    const stale = checklist();
    // The group as it was before the tick: Slack's retry of that click.
    const retried = { ...stale, action_id: stale.action_id?.replace(/:(\d+):([01]+):/, (_m, first: string, bits: string) => `:${first}:${'0'.repeat(bits.length)}:`) };
    expect((await clickChecklist(['2'], { group: retried })).status).toBe(200);
    expect((await clickChecklist(['2'])).status).toBe(200);
    // A note after them: its line shows the sync ran past anything the clicks could have posted.
    await h.requests.slashCommand({ userId: AGENT, channelId: caseChannel, text: 'note after the repeats' });
    await h.slack.waitFor(() => lines().find((l) => l.includes('after the repeats')));
    expect(await playbookEventCount()).toBe(before);
    expect(lines().filter((l) => l.includes('ticked step 3'))).toHaveLength(1);
  });

  it('two people ticking two steps at once, from the same copy of the card: both ticks are kept', async () => {
    const group = checklist();
    const [first, second] = await Promise.all([
      clickChecklist(['2', '0'], { group, userId: AGENT }),
      clickChecklist(['2', '5'], { group, userId: OTHER }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await h.slack.waitFor(() => ['0', '2', '5'].every((v) => ticked().includes(v)) && lines().filter((l) => l.includes('ticked step')).length === 3);
    const rows = await h.database.db.selectFrom('playbook_steps_done').select(['step_index', 'done_by']).where('case_id', '=', caseId).orderBy('step_index').execute();
    expect(rows).toEqual([
      { step_index: 0, done_by: AGENT },
      { step_index: 2, done_by: AGENT },
      { step_index: 5, done_by: OTHER },
    ]);
  });

  it('unticking a step records it and the card shows it left to do', async () => {
    await h.slack.waitFor(() => ticked().length === 3);
    expect((await clickChecklist(['0', '5'], { userId: OTHER })).status).toBe(200);
    await h.slack.waitFor(() => lines().find((l) => l === `<@${OTHER}> unticked step 3 of the playbook: Apologise`));
    await h.slack.waitFor(() => ticked().join() === '0,5');
  });

  it('/complaint show lists the steps done (who, when) and the steps left', async () => {
    const response = await h.requests.slashCommand({ userId: AGENT, channelId: caseChannel, text: 'show' });
    const post = await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl)[0]);
    const shown = JSON.stringify((post.body as { blocks: unknown }).blocks);
    expect(shown).toContain('*Playbook*: 2 of 7 steps done');
    expect(shown).toMatch(new RegExp(`:white_check_mark: Thank the customer: ticked by <@${AGENT}>, \\d+ \\w+, \\d\\d:\\d\\d`));
    expect(shown).toMatch(new RegExp(`:white_check_mark: Compensate: ticked by <@${OTHER}>, `));
    expect(shown).toContain(':white_large_square: Apologise');
    expect(shown).toContain(':white_large_square: Confirm satisfaction');
    expect(shown).toContain(`<@${OTHER}> unticked step 3 of the playbook: Apologise`);
  });

  it('a click from another workspace is refused, privately, and changes nothing', async () => {
    const before = await playbookEventCount();
    const response = await clickChecklist(['0', '1', '5'], { teamId: OTHER_TEAM });
    expect(await answer(response)).toContain('another Slack workspace');
    expect(await playbookEventCount()).toBe(before);
  });

  it('a checklist naming a case of another workspace is refused and changes nothing', async () => {
    const { ctx } = h.anthill;
    const foreign = (await openCase(ctx.db, ctx.policy, { teamId: OTHER_TEAM, reporterId: 'U0THEIRS1', intake: sampleIntake(), now: new Date() })).case;
    const group = checklist();
    const forged = { ...group, action_id: group.action_id?.replace(caseId, foreign.id) };
    expect(await answer(await clickChecklist(['1'], { group: forged }))).toContain('another Slack workspace');
    expect(await h.database.db.selectFrom('playbook_steps_done').selectAll().where('case_id', '=', foreign.id).execute()).toEqual([]);
  });

  it('a click naming a step the playbook does not have, or a forged checklist, is answered and changes nothing', async () => {
    const before = await playbookEventCount();
    expect(await answer(await clickChecklist(['0', '5', '42']))).toContain('This checklist is out of date');
    const group = checklist();
    expect(await answer(await clickChecklist(['1'], { group: { ...group, action_id: 'case_playbook:garbage' } }))).toContain('out of date');
    expect(await playbookEventCount()).toBe(before);
  });

  it('a click on a card drawn from an older playbook is refused, and the card is redrawn', async () => {
    const before = await playbookEventCount();
    const group = checklist();
    const older = { ...group, action_id: group.action_id?.replace(/[0-9a-f]{12}$/, '000000000000') };
    const edits = card().edits;
    expect(await answer(await clickChecklist(['0', '1', '5'], { group: older }))).toContain('This checklist is out of date: the playbook of case #1 has changed');
    await h.slack.waitFor(() => card().edits > edits);
    expect(await playbookEventCount()).toBe(before);
  });

  it('on a closed case a click from a card not yet redrawn is refused and changes nothing; the card shows the steps as text', async () => {
    const group = checklist();
    await h.database.db.updateTable('cases').set({ status: 'closed' }).where('id', '=', caseId).execute();
    const before = await playbookEventCount();
    expect(await answer(await clickChecklist(['0', '1', '5'], { group }))).toContain('Case #1 is closed');
    expect(await playbookEventCount()).toBe(before);
    await h.requests.slashCommand({ userId: AGENT, channelId: caseChannel, text: 'note closed now' });
    await h.slack.waitFor(() => !JSON.stringify(card().blocks).includes('"checkboxes"'));
    expect(JSON.stringify(card().blocks)).toContain(':white_large_square: Apologise');
  });
});
