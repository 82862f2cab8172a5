import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { INTAKE_CALLBACK_ID } from '../../src/blocks/intake-modal.js';
import { startHarness, type Harness } from '../support/anthill-harness.js';
import { intakeValues } from '../support/intake-values.js';

const REPORTER = 'U0REP0001';
const AGENT = 'U0AAA0001';
const OTHER = 'U0BBB0002';
let h: Harness;
let caseChannel: string;

/** What the bot answered on the command's response URL. */
async function reply(response: { responseUrl?: string; json?: unknown }): Promise<{ text: string; blocks?: unknown }> {
  if (response.json && typeof response.json === 'object' && 'text' in response.json) return response.json as { text: string };
  const post = await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl)[0]);
  return post.body as { text: string; blocks?: unknown };
}

async function command(text: string, options: { userId?: string; channelId?: string } = {}) {
  const response = await h.requests.slashCommand({ userId: options.userId ?? AGENT, channelId: options.channelId ?? caseChannel, text });
  expect(response.status).toBe(200);
  return reply(response);
}

async function openComplaint(summary: string): Promise<string> {
  const announcements = h.slack.messages('C0TEAM0001').length;
  await h.requests.viewSubmission({ userId: REPORTER, callbackId: INTAKE_CALLBACK_ID, values: intakeValues({ summary }) });
  await h.slack.waitFor(() => h.slack.messages('C0TEAM0001')[announcements]);
  const channel = h.slack.channels().find((c) => c.name.includes(summary.toLowerCase().replace(/\s+/g, '-')));
  if (!channel) throw new Error(`no channel for ${summary}`);
  await h.slack.waitFor(() => h.slack.dms(REPORTER).find((m) => m.text.includes(`<#${channel.id}>`)));
  return channel.id;
}

const card = () => h.slack.messages(caseChannel)[0];
const lines = () => h.slack.messages(caseChannel).slice(1).map((m) => m.text);

beforeAll(async () => {
  h = await startHarness({ users: [REPORTER, OTHER, 'U0NOBODY1'] });
  caseChannel = await openComplaint('First case');
  await openComplaint('Second case');
});
afterAll(async () => {
  await h.close();
});

describe('/complaint subcommands', () => {
  it('help lists what works, ephemerally, in the acknowledgement itself', async () => {
    const response = await h.requests.slashCommand({ userId: AGENT, channelId: 'C0ELSEWHERE', text: 'help' });
    expect(response.json).toMatchObject({ response_type: 'ephemeral' });
    const { text } = await reply(response);
    for (const sub of ['list', 'show', 'take', 'assign', 'responded', 'note']) expect(text).toContain(sub);
  });

  it('unknown input gets a short usage message, never silence', async () => {
    const { text } = await command('frobnicate <!channel>', { channelId: 'C0ELSEWHERE' });
    expect(text).toContain('/complaint help');
    expect(text).not.toContain('<!channel>');
  });

  it('take in the case channel sets the owner, rewrites the card in place and posts a line', async () => {
    const before = card();
    expect((await command('take')).text).toContain('You own case #1');
    await h.slack.waitFor(() => (card()?.edits ?? 0) > 0 && lines().some((l) => l.includes('took ownership')));
    expect(card()?.ts).toBe(before?.ts);
    expect(JSON.stringify(card()?.blocks)).toContain(`<@${AGENT}>`);
    expect(h.slack.messages(caseChannel).filter((m) => JSON.stringify(m.blocks ?? '').includes('Complaint #1'))).toHaveLength(1);
  });

  it('assign @user from another channel names the case with #N', async () => {
    expect((await command(`assign <@${OTHER}|bob> #1`, { channelId: 'C0ELSEWHERE' })).text).toContain(`assigned to <@${OTHER}>`);
    await h.slack.waitFor(() => lines().find((l) => l.includes(`assigned the case to <@${OTHER}>`)));
  });

  it('responded records the first response once', async () => {
    expect((await command('responded Called her at 10:05')).text).toContain('First response recorded');
    await h.slack.waitFor(() => lines().find((l) => l.includes('sent the first response: Called her at 10:05')));
    expect((await command('responded')).text).toContain('already recorded');
  });

  it('note adds a timeline line with the text escaped', async () => {
    await command('note customer says <!channel> <@U0LEAD001> <https://evil.example|click>');
    const line = await h.slack.waitFor(() => lines().find((l) => l.includes('noted:')));
    expect(line).toContain('&lt;!channel&gt;');
    expect(line).not.toContain('<!channel>');
    expect(line).not.toContain('<https://evil');
  });

  it('a usage hint shows <text> as written: escaped, so Slack does not read it as a link', async () => {
    const { text } = await command('note');
    expect(text).toContain('`/complaint note &lt;text&gt;`');
    expect(text).not.toMatch(/<text>/);
  });

  it('show gives the summary and the timeline', async () => {
    const shown = await command('show');
    const blocks = JSON.stringify(shown.blocks);
    expect(blocks).toContain('Complaint #1');
    expect(blocks).toContain('*Deadlines*');
    expect(blocks).toContain('First response');
    expect(blocks).toContain('took ownership');
    expect(blocks).toContain('noted:');
    expect(blocks).not.toContain('<!channel>');
  });

  it('list and list mine show open cases', async () => {
    const all = JSON.stringify((await command('list', { channelId: 'C0ELSEWHERE' })).blocks);
    expect(all).toContain('#1');
    expect(all).toContain('#2');
    const mine = await command('list mine', { channelId: 'C0ELSEWHERE', userId: OTHER });
    expect(JSON.stringify(mine.blocks)).toContain('#1');
    expect(JSON.stringify(mine.blocks)).not.toContain('#2*');
    expect((await command('list mine', { channelId: 'C0ELSEWHERE', userId: 'U0NOBODY1' })).text).toBe('You own no open case.');
  });

  it('list leaves out resolved cases: open means not yet resolved', async () => {
    expect((await command('resolve #2 Replaced the fridge', { channelId: 'C0ELSEWHERE' })).text).toContain('resolved');
    const listed = await command('list', { channelId: 'C0ELSEWHERE' });
    expect(JSON.stringify(listed.blocks)).toContain('#1');
    expect(JSON.stringify(listed.blocks)).not.toMatch(/#2\b/);
    expect((await command('reopen #2 customer called again', { channelId: 'C0ELSEWHERE' })).text).toContain('open again');
    expect(JSON.stringify((await command('list', { channelId: 'C0ELSEWHERE' })).blocks)).toMatch(/#2\b/);
  });

  it('outside a case channel without #N, and with an unknown #N, explains what to do', async () => {
    expect((await command('take', { channelId: 'C0ELSEWHERE' })).text).toContain('/complaint take #42');
    expect((await command('show #999', { channelId: 'C0ELSEWHERE' })).text).toContain('no case #999');
  });
});

describe('card buttons', () => {
  it('Take ownership on the card sets the clicker as owner', async () => {
    const second = h.slack.channels().find((c) => c.name.startsWith('cmp-2-'));
    if (!second) throw new Error('no second channel');
    const message = h.slack.messages(second.id)[0];
    if (!message) throw new Error('no card');
    const response = await h.requests.blockAction({ userId: AGENT, channelId: second.id, actionId: ACTION_IDS.take, message });
    expect(response.status).toBe(200);
    await h.slack.waitFor(() => h.slack.messages(second.id).find((m) => m.text.includes(`<@${AGENT}> took ownership`)));
    expect(JSON.stringify(h.slack.messages(second.id)[0]?.blocks)).toContain(`<@${AGENT}>`);
  });

  it('First response sent twice: the second click is refused privately', async () => {
    const second = h.slack.channels().find((c) => c.name.startsWith('cmp-2-'));
    const message = second && h.slack.messages(second.id)[0];
    if (!second || !message) throw new Error('no card');
    await h.requests.blockAction({ userId: AGENT, channelId: second.id, actionId: ACTION_IDS.responded, message });
    await h.slack.waitFor(() => h.slack.messages(second.id).find((m) => m.text.includes('sent the first response')));
    // Someone else's Slack still shows the old card with the button.
    const caseId = (await h.database.db.selectFrom('cases').select('id').where('number', '=', 2).executeTakeFirstOrThrow()).id;
    const again = await h.requests.blockAction({ userId: OTHER, channelId: second.id, actionId: ACTION_IDS.responded, value: caseId, blockId: 'case_card_actions', messageTs: message.ts });
    const refusal = await h.catcher.waitFor(() => h.catcher.posts(again.responseUrl)[0]);
    expect(refusal.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('already recorded') });
    expect(h.slack.messages(second.id).filter((m) => m.text.includes('sent the first response'))).toHaveLength(1);
  });
});

describe('buttons with a value that is not a case', () => {
  it('answers that the button is out of date', async () => {
    const response = await h.requests.blockAction({ userId: AGENT, channelId: caseChannel, actionId: ACTION_IDS.take, value: 'garbage', blockId: 'x', messageTs: '1.2' });
    const answer = await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl)[0]);
    expect(answer.body).toMatchObject({ text: expect.stringContaining('out of date') });
  });
});

describe('severity, resolve and reopen from Slack', () => {
  let third: string;
  beforeAll(async () => {
    third = await openComplaint('Third case');
  });

  it('the severity menu on the card changes the severity and moves the deadlines', async () => {
    const message = h.slack.messages(third)[0];
    if (!message) throw new Error('no card');
    const caseRow = await h.database.db.selectFrom('cases').select(['id', 'severity']).where('summary', '=', 'Third case').executeTakeFirstOrThrow();
    expect(caseRow.severity).toBe('high');
    const response = await h.requests.blockAction({
      userId: AGENT,
      channelId: third,
      actionId: ACTION_IDS.severity,
      actionType: 'static_select',
      message,
      actionFields: { selected_option: { value: `${caseRow.id}:critical` } },
    });
    expect(response.status).toBe(200);
    await h.slack.waitFor(() => h.slack.messages(third).find((m) => m.text.includes('changed the severity from High to Critical')));
    const deadlines = await h.database.db
      .selectFrom('case_deadlines')
      .select(['kind', 'starts_at', 'due_at'])
      .where('case_id', '=', caseRow.id)
      .where('superseded_at', 'is', null)
      .orderBy('kind')
      .execute();
    // Critical in the test policy: 1h and 8h from the opening.
    expect(deadlines.map((d) => d.due_at.getTime() - d.starts_at.getTime())).toEqual([3600_000, 8 * 3600_000]);
  });

  it('/complaint resolve without words opens the form; submitting it resolves the case', async () => {
    const response = await h.requests.slashCommand({ userId: AGENT, channelId: third, text: 'resolve' });
    const view = await h.slack.waitFor(() => h.slack.views().find((v) => v.trigger_id === response.triggerId));
    expect(view.callback_id).toBe('case_resolve');
    const empty = await h.requests.viewSubmission({ userId: AGENT, view, values: { resolve_how: { how: { type: 'plain_text_input', value: '  ' } } } });
    expect(empty.json).toMatchObject({ response_action: 'errors', errors: { resolve_how: expect.any(String) } });
    const done = await h.requests.viewSubmission({ userId: AGENT, view, values: { resolve_how: { how: { type: 'plain_text_input', value: 'New drum <!here>' } } } });
    expect(done.status).toBe(200);
    const line = await h.slack.waitFor(() => h.slack.messages(third).find((m) => m.text.includes('resolved the case')));
    expect(line.text).toContain('&lt;!here&gt;');
    expect((await command('show', { channelId: third })).text).toContain('#3');
    expect((await command('resolve again', { channelId: third })).text).toContain('already resolved');
  });

  it('the Resolve button on an unresolved case opens the form for that case', async () => {
    const caseId = (await h.database.db.selectFrom('cases').select('id').where('number', '=', 1).executeTakeFirstOrThrow()).id;
    const response = await h.requests.blockAction({ userId: AGENT, channelId: 'D0DMCHAN01', actionId: ACTION_IDS.resolve, value: caseId, blockId: 'x', messageTs: '1.2' });
    const view = await h.slack.waitFor(() => h.slack.views().find((v) => v.trigger_id === response.triggerId));
    expect(view.private_metadata).toBe(caseId);
  });

  it('the Resolve button on a resolved case explains instead of opening the form', async () => {
    const caseId = (await h.database.db.selectFrom('cases').select('id').where('summary', '=', 'Third case').executeTakeFirstOrThrow()).id;
    const response = await h.requests.blockAction({ userId: AGENT, channelId: third, actionId: ACTION_IDS.resolve, value: caseId, blockId: 'x', messageTs: '1.2' });
    const answer = await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl)[0]);
    expect(answer.body).toMatchObject({ text: expect.stringContaining('already resolved') });
    expect(h.slack.views().some((v) => v.trigger_id === response.triggerId)).toBe(false);
  });

  it('reopen brings it back to open', async () => {
    expect((await command('reopen customer called back', { channelId: third })).text).toContain('open again');
    await h.slack.waitFor(() => h.slack.messages(third).find((m) => m.text.includes('reopened the case: customer called back.')));
    expect((await command('reopen', { channelId: third })).text).toContain('only a resolved or closed case');
  });
});
