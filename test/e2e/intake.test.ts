import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { INTAKE_CALLBACK_ID, INTAKE_FIELDS } from '../../src/blocks/intake-modal.js';
import { startHarness, type Harness } from '../support/anthill-harness.js';
import { intakeValues, type IntakeForm } from '../support/intake-values.js';

const REPORTER = 'U0REP0001';
const TEAM_CHANNEL = 'C0TEAM0001';
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ users: [REPORTER] });
  h.slack.addUserGroup('S0GRP0001', ['U0GRP0001', 'U0GRP0002', 'U0AAA0001']);
});
afterAll(async () => {
  await h.close();
});

async function submit(form: Partial<IntakeForm> = {}, userId = REPORTER) {
  return h.requests.viewSubmission({ userId, callbackId: INTAKE_CALLBACK_ID, values: intakeValues(form) });
}

/** Submits a complaint and waits until its announcement is in the team channel. */
async function intake(form: Partial<IntakeForm> = {}) {
  const before = h.slack.messages(TEAM_CHANNEL).length;
  const response = await submit(form);
  expect(response.status).toBe(200);
  const announcement = await h.slack.waitFor(() => h.slack.messages(TEAM_CHANNEL)[before]);
  // The reporter is told last: then every step is done.
  await h.slack.waitFor(() => h.slack.dms(REPORTER).find((m) => m.text.includes(announcement.text.match(/<#(C\w+)>/)?.[0] ?? '-')));
  return announcement;
}

describe('/complaint opens the intake form', () => {
  it('bare /complaint and /complaint new <summary> open the modal, summary prefilled', async () => {
    const bare = await h.requests.slashCommand({ userId: REPORTER, channelId: 'C0SOMEWHERE', text: '' });
    expect(bare.status).toBe(200);
    const view = await h.slack.waitFor(() => h.slack.views().find((v) => v.trigger_id === bare.triggerId));
    expect(view.callback_id).toBe(INTAKE_CALLBACK_ID);
    // The claimed-loss field names the team's currency from the policy.
    expect(JSON.stringify(view.definition)).toContain('Amount in PLN');

    const prefilled = await h.requests.slashCommand({ userId: REPORTER, channelId: 'C0SOMEWHERE', text: 'new Broken <!here> fridge' });
    const second = await h.slack.waitFor(() => h.slack.views().find((v) => v.trigger_id === prefilled.triggerId));
    expect(JSON.stringify(second.definition)).toContain('"initial_value":"Broken <!here> fridge"');
  });
});

describe('intake end to end', () => {
  it('stores the case, creates the channel, invites people, posts card and announcement, tells the reporter', async () => {
    const announcement = await intake({ summary: 'Zepsuta pralka — łożysko!' });
    const channel = h.slack.channelByName('cmp-1-zepsuta-pralka-lozysko');
    expect(channel).toBeDefined();
    if (!channel) return;

    expect(announcement.text).toContain('<!here>');
    expect(announcement.text).toContain(`<#${channel.id}>`);
    expect(JSON.stringify(announcement.blocks)).toContain('New complaint #1');

    expect([...channel.members].sort()).toEqual(['U0AAA0001', 'U0BOT0001', 'U0GRP0001', 'U0GRP0002', REPORTER].sort());
    const card = h.slack.messages(channel.id)[0];
    expect(card?.user).toBe('U0BOT0001');
    expect(JSON.stringify(card?.blocks)).toContain('Complaint #1');
    expect(channel.topic).toContain('Complaint #1');
    await h.slack.waitFor(() => h.slack.dms(REPORTER).find((m) => m.text.includes(`<#${channel.id}>`)));

    const row = await h.database.db.selectFrom('case_channels').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel_id: channel.id, card_ts: card?.ts });
    expect(await h.database.db.selectFrom('stuck_steps').selectAll().execute()).toEqual([]);
    expect(row.reporter_told_at).not.toBeNull();
    const stored = await h.database.db.selectFrom('cases').selectAll().where('number', '=', 1).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ team_id: h.slack.teamId, status: 'open', reporter_id: REPORTER, claimed_loss_minor: '129900' });
  });

  it('numbers the next case 2 and adds a suffix when the channel name is taken', async () => {
    h.slack.createChannel({ name: 'cmp-2-late-parcel', botIsMember: false, creator: 'U0HUMAN01' });
    await intake({ summary: 'Late parcel' });
    expect(h.slack.channelByName('cmp-2-late-parcel-2')).toBeDefined();
  });

  it('shows people text as text everywhere: card, announcement, topic', async () => {
    const attack = 'Hi <!channel> <!here> <@U0LEAD001> <!subteam^S0GRP0001> <https://evil.example|click me>';
    const announcement = await intake({ summary: attack, customerName: attack, description: attack });
    const channel = h.slack.channels().find((c) => c.name.startsWith('cmp-3-'));
    const card = channel && h.slack.messages(channel.id)[0];
    const everything = JSON.stringify([announcement.text, announcement.blocks, card?.blocks, card?.text, channel?.topic]);
    for (const raw of ['<!channel>', '<@U0LEAD001>', '<!subteam^', '<https://evil']) expect(everything).not.toContain(raw);
    // The announcement's own deliberate ping is the only one, in its text and its blocks.
    expect(announcement.text.split('<!here>').length - 1).toBe(1);
    expect(JSON.stringify([card?.blocks, card?.text, channel?.topic])).not.toContain('<!here>');
    expect(everything).toContain('&lt;!channel&gt;');
  });
});

describe('a form submitted twice', () => {
  it('opens one case and one channel', async () => {
    const count = async () => Number((await h.database.db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const values = intakeValues({ summary: 'Submitted twice' });
    const first = await h.requests.viewSubmission({ userId: REPORTER, callbackId: INTAKE_CALLBACK_ID, values, viewId: 'V0TWICE001' });
    const second = await h.requests.viewSubmission({ userId: REPORTER, callbackId: INTAKE_CALLBACK_ID, values, viewId: 'V0TWICE001' });
    expect([first.status, second.status]).toEqual([200, 200]);
    await h.slack.waitFor(() => h.slack.channels().find((c) => c.name.endsWith('-submitted-twice')));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await count()).toBe(before + 1);
    expect(h.slack.channels().filter((c) => c.name.includes('submitted-twice'))).toHaveLength(1);
  });
});

describe('intake validation', () => {
  beforeEach(() => h.catcher.reset());

  it.each([
    [{ summary: '   ' }, INTAKE_FIELDS.summary.blockId],
    [{ claimedLoss: '-5' }, INTAKE_FIELDS.claimedLoss.blockId],
    [{ claimedLoss: 'a lot' }, INTAKE_FIELDS.claimedLoss.blockId],
    [{ category: 'nonexistent' }, INTAKE_FIELDS.category.blockId],
    [{ customerName: '' }, INTAKE_FIELDS.customerName.blockId],
  ])('%j is refused on its field and stores nothing', async (form, blockId) => {
    const count = async () => Number((await h.database.db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const response = await submit(form);
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ response_action: 'errors', errors: { [blockId]: expect.any(String) } });
    expect(await count()).toBe(before);
  });

  it.each([
    ['a lot', 'Enter the amount in digits, like 123.45: no currency and no sign.'],
    ['-5', 'The claimed loss cannot be negative.'],
    ['12.345', 'Amounts in PLN have 2 decimals: enter at most 2 digits after the decimal mark.'],
    ['99999999999', 'The claimed loss can be at most PLN\u00a01,000,000,000.00.'],
  ])('a claimed loss of %j is refused on its field, saying why', async (claimedLoss, error) => {
    const response = await submit({ claimedLoss });
    expect(response.json).toEqual({ response_action: 'errors', errors: { [INTAKE_FIELDS.claimedLoss.blockId]: error } });
  });

  it('a claimed loss with a space between thousands and a decimal comma is stored in minor units', async () => {
    // The case is stored before the form is answered.
    expect((await submit({ summary: 'Spaced loss', claimedLoss: '1 299,50' })).status).toBe(200);
    const row = await h.database.db.selectFrom('cases').select('claimed_loss_minor').where('summary', '=', 'Spaced loss').executeTakeFirstOrThrow();
    expect(row.claimed_loss_minor).toBe('129950');
  });
});

describe('Slack request verification', () => {
  it('rejects a bad signature and a stale timestamp, accepts a good one', async () => {
    const bad = await h.requests.slashCommand({ userId: REPORTER, channelId: 'C1', text: 'help' }, { corruptSignature: true });
    expect(bad.status).toBe(401);
    const stale = await h.requests.slashCommand(
      { userId: REPORTER, channelId: 'C1', text: 'help' },
      { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 },
    );
    expect(stale.status).toBe(401);
    const otherSecret = await h.requests.slashCommand({ userId: REPORTER, channelId: 'C1', text: 'help' }, { signingSecret: 'nope' });
    expect(otherSecret.status).toBe(401);
    const good = await h.requests.slashCommand({ userId: REPORTER, channelId: 'C1', text: 'help' });
    expect(good.status).toBe(200);
  });
});

describe('health', () => {
  it('answers 200 when PostgreSQL and Redis answer', async () => {
    const response = await fetch(`http://127.0.0.1:${h.anthill.port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
