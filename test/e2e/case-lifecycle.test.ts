import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checkboxes } from '@slack/types';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { CLOSE_CALLBACK_ID } from '../../src/blocks/close-modal.js';
import { RETRO_CALLBACK_ID } from '../../src/blocks/retro-modal.js';
import { INTAKE_CALLBACK_ID } from '../../src/blocks/intake-modal.js';
import { startHarness, testPolicy, type Harness } from '../support/anthill-harness.js';
import { intakeValues } from '../support/intake-values.js';
import { closeValues } from '../support/close-values.js';
import { poll, retroDms, retroValues, type OpenedCase } from '../support/retro-flow.js';
import type { FakeMessage } from '../../fake-slack/types.js';

// One case from the intake form to its archived channel, through signed requests and the
// fake Slack only, on a 24/7 calendar with a one-second follow-up.
const REPORTER = 'U0REP0001';
const OWNER = 'U0AAA0001';
const LEAD = 'U0LEAD001';
const HEAD = 'U0HEAD001';
const TEAM_CHANNEL = 'C0TEAM0001';
const AGREEMENT = 'Refund of PLN 500.00 by 10 December 2026; a new washer delivered on 8 December 2026.';
let h: Harness;

beforeAll(async () => {
  const policy = await testPolicy((yaml) => yaml.replace('follow_up_after: 2d', 'follow_up_after: 1s'));
  h = await startHarness({ policy, reconcileEveryMs: 6 * 3600_000, users: [REPORTER] });
  h.slack.addUserGroup('S0GRP0001', ['U0GRP0001', 'U0GRP0002']);
});
afterAll(async () => {
  await h?.close();
});

const json = (value: unknown) => JSON.stringify(value ?? null);
type Reply = { text: string; blocks?: { block_id?: string; accessory?: { value?: string } }[] };

async function command(c: OpenedCase | undefined, text: string, userId = OWNER, channelId = c?.channelId ?? 'C0ELSEWHERE'): Promise<Reply> {
  const response = await h.requests.slashCommand({ userId, channelId, text });
  return (await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl)[0])).body as Reply;
}

const eventKinds = async (c: OpenedCase) =>
  (await h.database.db.selectFrom('case_events').select('kind').where('case_id', '=', c.id).orderBy('id').execute()).map((e) => e.kind);

/** Tomorrow's date in the workspace zone, as a datepicker sends it. */
const tomorrow = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + 86_400_000));

describe('a complaint from intake to archive', () => {
  it('is filed, handled, compensated, resolved, followed up, closed with its record, retro’d by everyone, summarised and archived', async () => {
    // Intake: the form, the channel, the stick in the anthill.
    const filed = await h.requests.viewSubmission({ userId: REPORTER, callbackId: INTAKE_CALLBACK_ID, values: intakeValues({ summary: 'Washer arrived with a cracked drum' }) });
    expect(filed.status).toBe(200);
    const channel = await h.slack.waitFor(() => h.slack.channels().find((ch) => ch.name === 'cmp-1-washer-arrived-with-a-cracked-drum'));
    await h.slack.waitFor(() => h.slack.messages(TEAM_CHANNEL).some((m) => m.text.includes('<!here>') && m.text.includes(`<#${channel.id}>`)));
    const row = await poll(() => h.database.db.selectFrom('cases').select(['id', 'number']).where('number', '=', 1).executeTakeFirst());
    const c: OpenedCase = { id: row.id, number: row.number, channelId: channel.id };
    await h.slack.waitFor(() => h.slack.dms(REPORTER).some((m) => m.text.includes(`<#${channel.id}>`)));

    // Handling: take, tick a playbook step, first response.
    expect((await command(c, 'take')).text).toContain('You own case #1');
    const card = h.slack.messages(c.channelId)[0]!;
    const checklist = ((card.blocks ?? []) as { type: string; elements?: { type: string }[] }[])
      .flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []))
      .find((e) => e.type === 'checkboxes') as Checkboxes | undefined;
    await h.requests.blockAction({
      userId: OWNER,
      channelId: c.channelId,
      actionId: checklist?.action_id ?? '',
      actionType: 'checkboxes',
      message: card,
      actionFields: { selected_options: [checklist?.options[0]] },
    });
    await poll(async () => ((await eventKinds(c)).includes('playbook_step_ticked') ? true : undefined));
    await command(c, 'responded Called the customer back');

    // Compensation within the lead's tier, approved by the lead.
    expect((await command(c, 'compensate 500 refund The drum is cracked')).text).toContain('Proposed');
    const request = await h.slack.waitFor(() => h.slack.messages(c.channelId).find((m) => json(m.blocks).includes(`"action_id":"${ACTION_IDS.compApprove}"`)));
    await h.requests.blockAction({ userId: LEAD, channelId: c.channelId, actionId: ACTION_IDS.compApprove, message: request });
    await poll(async () => ((await eventKinds(c)).includes('compensation_approved') ? true : undefined));

    // Resolved; the follow-up asks the owner, who says the customer is satisfied: the close form opens.
    await command(c, 'resolve Refunded the washer and sent a new one');
    const followUp = await h.slack.waitFor(() => h.slack.dms(OWNER).find((m) => json(m.blocks).includes(ACTION_IDS.followUpSatisfied)));
    const satisfied = await h.requests.blockAction({ userId: OWNER, channelId: followUp.channel, actionId: ACTION_IDS.followUpSatisfied, message: followUp });
    const closeForm = await h.slack.waitFor(() => h.slack.views().find((v) => v.trigger_id === satisfied.triggerId));
    expect(closeForm.callback_id).toBe(CLOSE_CALLBACK_ID);
    const closed = await h.requests.viewSubmission({ userId: OWNER, view: closeForm, values: closeValues({ agreement: AGREEMENT, satisfaction: '5' }) });
    expect(closed.json).toBeUndefined();

    // The case record: one Markdown file in the channel with the whole case.
    const file = await h.slack.waitFor(() => h.slack.files().find((f) => f.channel === c.channelId));
    expect(file.name).toMatch(/\.md$/);
    for (const part of ['Washer arrived with a cracked drum', AGREEMENT, 'Playbook steps done', 'Thank the customer', 'Called the customer back', LEAD]) {
      expect(file.content).toContain(part);
    }

    // Retro: exactly the participants are asked (the approvers asked for the decision among them);
    // everyone writes notes, one with a procedure change.
    const asked = [OWNER, REPORTER, LEAD, HEAD];
    const dms = new Map<string, FakeMessage>();
    for (const person of asked) dms.set(person, await h.slack.waitFor(() => retroDms(h, c, person)[0]));
    for (const person of ['U0GRP0001', 'U0GRP0002']) expect(retroDms(h, c, person)).toHaveLength(0);
    for (const person of asked) {
      const clicked = await h.requests.blockAction({ userId: person, channelId: dms.get(person)!.channel, actionId: ACTION_IDS.retroWrite, message: dms.get(person)! });
      const form = await h.slack.waitFor(() => h.slack.views().find((v) => v.trigger_id === clicked.triggerId));
      expect(form.callback_id).toBe(RETRO_CALLBACK_ID);
      const answers =
        person === OWNER
          ? { cause: 'delivery_partner', wentWell: 'Answered within the hour.', lesson: 'Check parcel photos first.', change: 'Photograph every washer before dispatch', owner: OWNER, due: tomorrow() }
          : { cause: 'product_defect', wentWell: 'Quick refund.', lesson: 'Ask for photos.' };
      const saved = await h.requests.viewSubmission({ userId: person, view: form, values: retroValues(answers) });
      expect(saved.status).toBe(200);
      expect(json(saved.json)).not.toContain('"errors"');
    }

    // Everyone answered: the summary in both channels, then the channel is archived.
    await h.slack.waitFor(() => h.slack.channel(c.channelId)?.is_archived === true);
    const summaryIn = (channelId: string) => h.slack.messages(channelId).filter((m) => m.text.includes('#1') && json(m.blocks).includes('Photograph every washer before dispatch'));
    expect(summaryIn(c.channelId)).toHaveLength(1);
    expect(summaryIn(TEAM_CHANNEL)).toHaveLength(1);
    // The record was in the channel before it was archived.
    const shared = h.slack.messages(c.channelId).findIndex((m) => m.files?.includes(file.id));
    expect(shared).toBeGreaterThanOrEqual(0);

    // The procedure change is an open action item, listed across cases and done by its owner.
    const list = await command(undefined, 'list actions');
    expect(list.text).toBe('1 open action item');
    const itemId = list.blocks?.find((b) => b.accessory?.value)?.accessory?.value ?? '';
    const done = await h.requests.blockAction({
      userId: OWNER,
      channelId: 'C0ELSEWHERE',
      actionId: ACTION_IDS.actionItemDone,
      blockId: `action_items_list:${itemId}`,
      value: itemId,
      message: { ts: '1700000000.000100', text: list.text, blocks: list.blocks },
      isEphemeral: true,
    });
    await h.catcher.waitFor(() => h.catcher.posts(done.responseUrl ?? '')[0]);
    expect((await command(undefined, 'list actions')).text).toContain('No open action items');

    // `/complaint show` links the record; the timeline holds every step, in order.
    const shown = await command(undefined, 'show #1');
    const closure = await h.database.db.selectFrom('case_closures').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(closure).toMatchObject({ agreement: AGREEMENT, satisfaction: 5 });
    expect(closure.archived_at).not.toBeNull();
    expect(json(shown.blocks)).toContain(closure.record_permalink ?? 'no permalink');
    const kinds = await eventKinds(c);
    const order = ['opened', 'owner_changed', 'playbook_step_ticked', 'responded', 'compensation_proposed', 'compensation_approved', 'resolved', 'follow_up_answered', 'closed', 'case_record_posted', 'retro_summary_posted', 'channel_archived', 'action_item_done'];
    expect(kinds.filter((kind) => order.includes(kind))).toEqual(order);
    expect((await h.database.db.selectFrom('cases').select('status').where('id', '=', c.id).executeTakeFirstOrThrow()).status).toBe('closed');

    // The customer writes again: reopening the archived case continues it in a new channel.
    expect((await command(undefined, 'reopen #1 The new washer leaks')).text).toContain('is open again');
    const fresh = await h.slack.waitFor(() => h.slack.channels().find((ch) => ch.name === 'cmp-1-washer-arrived-with-a-cracked-drum-2'));
    await h.slack.waitFor(() => h.slack.messages(fresh.id).some((m) => m.text.includes('reopened the case: The new washer leaks')));
    await h.slack.waitFor(() => h.slack.messages(fresh.id).some((m) => m.text.includes(`<#${c.channelId}>`)));
    expect(json(h.slack.messages(fresh.id)[0]?.blocks)).toContain(ACTION_IDS.resolve);
    expect(h.slack.channel(c.channelId)?.is_archived).toBe(true);
  }, 60_000);
});
