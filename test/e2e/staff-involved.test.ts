import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { INTAKE_CALLBACK_ID, INTAKE_FIELDS } from '../../src/blocks/intake-modal.js';
import { startHarness, type Harness } from '../support/anthill-harness.js';
import { intakeValues } from '../support/intake-values.js';
import type { SlackHttpResponse } from '../../fake-slack/slack-requests.js';

const REPORTER = 'U0REP0001';
const AGENT = 'U0AAA0001';
const STAFF = 'U0STAFF01';
const GUEST_STAFF = 'U0GUEST01';
const OTHER_BOT = 'U0OTHBOT1';
const ANTHILL = 'U0BOT0001';
let h: Harness;
let caseChannel: string;

beforeAll(async () => {
  h = await startHarness({ users: [REPORTER, STAFF] });
  h.slack.addUser(GUEST_STAFF, { is_restricted: true });
  h.slack.addUser(OTHER_BOT, { is_bot: true });
  const response = await h.requests.viewSubmission({
    userId: REPORTER,
    callbackId: INTAKE_CALLBACK_ID,
    values: intakeValues({ summary: 'Rude courier', staffInvolved: [STAFF, ANTHILL, GUEST_STAFF] }),
  });
  expect(response.status).toBe(200);
  const channel = await h.slack.waitFor(() => h.slack.channels().find((c) => c.name === 'cmp-1-rude-courier'));
  await h.slack.waitFor(() => h.slack.dms(REPORTER).find((m) => m.text.includes(`<#${channel.id}>`)));
  caseChannel = channel.id;
});
afterAll(async () => {
  await h.close();
});

const card = () => {
  const message = h.slack.messages(caseChannel)[0];
  if (!message) throw new Error('no card');
  return message;
};
const ownerOfCase1 = async () => (await h.database.db.selectFrom('cases').select('owner_id').where('number', '=', 1).executeTakeFirstOrThrow()).owner_id;
const caseCount = async () => Number((await h.database.db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

async function answer(response: SlackHttpResponse): Promise<string> {
  if (response.json && typeof response.json === 'object' && 'text' in response.json) return (response.json as { text: string }).text;
  const post = await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl)[0]);
  return (post.body as { text: string }).text;
}

describe('staff involved, from the intake form to the card', () => {
  it('are stored with the case (Anthill itself dropped, a guest kept) and named on the card', async () => {
    const row = await h.database.db.selectFrom('cases').select('staff_involved').where('number', '=', 1).executeTakeFirstOrThrow();
    expect(row.staff_involved).toEqual([STAFF, GUEST_STAFF]);
    expect(JSON.stringify(card().blocks)).toContain(`*Staff involved*\\n<@${STAFF}> <@${GUEST_STAFF}>`);
  });

  it('/complaint show names them', async () => {
    const response = await h.requests.slashCommand({ userId: AGENT, channelId: caseChannel, text: 'show' });
    const text = JSON.stringify((await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl)[0])).body);
    expect(text).toContain(`*Staff involved*\\n<@${STAFF}> <@${GUEST_STAFF}>`);
  });

  it.each([
    ['someone Slack does not know', ['U0NOBODY9'], 'Slack does not know one of the people chosen. Remove them and choose again.'],
    ['another bot', [OTHER_BOT], 'A bot or app was chosen: only people can be staff involved. Remove it.'],
    ['something that is not a person', ['C0CHANNEL1'], 'Choose people from the list.'],
  ])('an intake naming %s is refused on the field and opens no case', async (_name, chosen, error) => {
    const before = await caseCount();
    const response = await h.requests.viewSubmission({
      userId: REPORTER,
      callbackId: INTAKE_CALLBACK_ID,
      values: intakeValues({ summary: 'Not opened', staffInvolved: [STAFF, ...chosen] }),
    });
    expect(response.json).toEqual({ response_action: 'errors', errors: { [INTAKE_FIELDS.staffInvolved.blockId]: error } });
    expect(await caseCount()).toBe(before);
  });
});

describe('staff involved can never own the case', () => {
  it('/complaint take by them is refused with why, and changes nothing', async () => {
    const text = await answer(await h.requests.slashCommand({ userId: STAFF, channelId: caseChannel, text: 'take' }));
    expect(text).toBe(
      'You are named as staff involved in case #1, so you cannot own it: the person a complaint is about does not handle it. Ask a colleague to take it.',
    );
    expect(await ownerOfCase1()).toBeNull();
  });

  it('/complaint assign of them is refused with why, and changes nothing', async () => {
    const text = await answer(await h.requests.slashCommand({ userId: AGENT, channelId: 'C0ELSEWHERE', text: `assign <@${STAFF}|staff> #1` }));
    expect(text).toBe(
      `<@${STAFF}> is named as staff involved in case #1, so they cannot own it: the person a complaint is about does not handle it. Choose someone else.`,
    );
    expect(await ownerOfCase1()).toBeNull();
  });

  it('the Take ownership button clicked by them is refused privately, and changes nothing', async () => {
    const edits = card().edits;
    const response = await h.requests.blockAction({ userId: STAFF, channelId: caseChannel, actionId: ACTION_IDS.take, message: card() });
    expect(response.status).toBe(200);
    expect(await answer(response)).toContain('You are named as staff involved in case #1');
    const caught = h.catcher.posts(response.responseUrl)[0]?.body as { response_type?: string; replace_original?: boolean };
    expect(caught).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(await ownerOfCase1()).toBeNull();
    expect(card().edits).toBe(edits);
  });

  it('anyone else may still take it', async () => {
    expect(await answer(await h.requests.slashCommand({ userId: AGENT, channelId: caseChannel, text: 'take' }))).toBe('You own case #1 now.');
    expect(await ownerOfCase1()).toBe(AGENT);
  });
});
