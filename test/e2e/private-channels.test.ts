import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { INTAKE_CALLBACK_ID } from '../../src/blocks/intake-modal.js';
import { openCase } from '../../src/cases/open-case.js';
import type { FakeMessage } from '../../fake-slack/index.js';
import { startHarness, testPolicy, type Harness } from '../support/anthill-harness.js';
import { intakeValues } from '../support/intake-values.js';
import { sampleIntake } from '../support/sample-intake.js';

const TEAM_CHANNEL = 'C0TEAM0001';
const REPORTER = 'U0REP0001';
const LEAD = 'U0LEAD001';
const TEAMMATE = 'U0MATE001';
const LATE_RESPONDER = 'U0LATE001';
const STRANGER = 'U0STRANGE';
const GUEST = 'U0GUEST01';
let h: Harness;

beforeAll(async () => {
  const policy = await testPolicy((yaml) => yaml.replace('team_channel: C0TEAM0001\n', 'team_channel: C0TEAM0001\ncase_channels: private\n'));
  expect(policy.caseChannels).toBe('private');
  h = await startHarness({ policy, users: [REPORTER, TEAMMATE, LATE_RESPONDER, STRANGER] });
  h.slack.addUser(GUEST, { is_restricted: true });
  h.slack.addUserGroup('S0GRP0001', ['U0GRP0001']);
  const team = h.slack.channel(TEAM_CHANNEL);
  team?.members.add(TEAMMATE);
  team?.members.add(GUEST);
});
afterAll(async () => {
  await h.close();
});

interface Opened {
  id: string;
  number: number;
  channelId: string;
  announcement: FakeMessage;
}

/** Submits a complaint and waits until it is provisioned (the reporter is told last). */
async function intake(summary: string): Promise<Opened> {
  const before = h.slack.messages(TEAM_CHANNEL).length;
  await h.requests.viewSubmission({ userId: REPORTER, callbackId: INTAKE_CALLBACK_ID, values: intakeValues({ summary }) });
  const announcement = await h.slack.waitFor(() => h.slack.messages(TEAM_CHANNEL)[before]);
  const channelId = /<#(C\w+)>/.exec(announcement.text)?.[1] ?? '';
  await h.slack.waitFor(() => h.slack.dms(REPORTER).find((m) => m.text.includes(`<#${channelId}>`)));
  const row = await h.database.db.selectFrom('cases').select(['id', 'number']).where('summary', '=', summary).executeTakeFirstOrThrow();
  return { ...row, channelId, announcement };
}

async function clickJoin(c: Opened, userId: string, value?: string): Promise<string> {
  const response = await h.requests.blockAction({ userId, channelId: TEAM_CHANNEL, actionId: ACTION_IDS.join, message: c.announcement, ...(value && { value }) });
  const reply = await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl)[0]);
  expect(reply.body).toMatchObject({ response_type: 'ephemeral' });
  return (reply.body as { text: string }).text;
}

const members = (c: Opened) => h.slack.channel(c.channelId)?.members ?? new Set<string>();

describe('case_channels: private', () => {
  let c: Opened;
  beforeAll(async () => {
    c = await intake('Private matter');
  });

  it('creates the case channel private, with only the reporter, the responders and the bot in it', () => {
    expect(h.slack.calls('conversations.create').map((call) => String(call.params.is_private))).toEqual(['true']);
    expect(h.slack.channel(c.channelId)?.is_private).toBe(true);
    expect([...members(c)].sort()).toEqual([REPORTER, 'U0AAA0001', 'U0GRP0001', h.slack.botUserId].sort());
  });

  it('announces it with a Join button for the case', () => {
    expect(c.announcement.text).toContain('<!here>');
    expect(JSON.stringify(c.announcement.blocks)).toContain(`"action_id":"${ACTION_IDS.join}"`);
    expect(JSON.stringify(c.announcement.blocks)).toContain(`"value":"${c.id}"`);
  });

  it('Join brings in a member of the team channel', async () => {
    expect(await clickJoin(c, TEAMMATE)).toContain(`You are in <#${c.channelId}>`);
    expect(members(c).has(TEAMMATE)).toBe(true);
  });

  it('Join brings in a lead, and someone who joined a responder group after the case opened', async () => {
    expect(members(c).has(LEAD)).toBe(false);
    expect(await clickJoin(c, LEAD)).toContain('You are in');
    h.slack.addUserGroup('S0GRP0001', ['U0GRP0001', LATE_RESPONDER]);
    expect(await clickJoin(c, LATE_RESPONDER)).toContain('You are in');
    expect(members(c).has(LEAD) && members(c).has(LATE_RESPONDER)).toBe(true);
  });

  it('Join clicked again by someone already in just says where the case is', async () => {
    expect(await clickJoin(c, TEAMMATE)).toContain(`You are in <#${c.channelId}>`);
  });

  it('refuses a workspace member who is neither responder, lead nor in the team channel', async () => {
    expect(await clickJoin(c, STRANGER)).toContain('Only the responders, the leads and members of');
    expect(members(c).has(STRANGER)).toBe(false);
  });

  it('refuses a guest, even one in the team channel', async () => {
    expect(await clickJoin(c, GUEST)).toContain('guest');
    expect(members(c).has(GUEST)).toBe(false);
  });

  it('refuses a Join whose value names a case of another workspace', async () => {
    const { ctx } = h.anthill;
    const theirs = await openCase(ctx.db, ctx.policy, { teamId: 'T0OTHER01', reporterId: 'U0THEIRS1', intake: sampleIntake(), now: new Date() });
    expect(await clickJoin(c, TEAMMATE, theirs.case.id)).toContain('another Slack workspace');
  });

  it('after a crash between creating the channel and recording it, reuses the private channel the bot made', async () => {
    const number = c.number + 1;
    const leftover = h.slack.createChannel({ name: `cmp-${number}-crashed-before-recording`, isPrivate: true, creator: h.slack.botUserId });
    const again = await intake('Crashed before recording');
    expect(again.number).toBe(number);
    expect(again.channelId).toBe(leftover.id);
    expect(h.slack.channelByName(`cmp-${number}-crashed-before-recording-2`)).toBeUndefined();
  });
});
