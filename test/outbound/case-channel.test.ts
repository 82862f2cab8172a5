import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inviteToChannel } from '../../src/outbound/case-channel.js';
import { FakeSlack } from '../../fake-slack/index.js';

let slack: FakeSlack;
let client: WebClient;
beforeAll(async () => {
  slack = await FakeSlack.start();
  client = new WebClient(slack.token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
});
afterAll(async () => {
  await slack.stop();
});
beforeEach(() => {
  slack.reset();
  for (const id of ['U0AAA0001', 'U0AAA0002', 'U0GUEST01']) slack.addUser(id);
});

describe('inviteToChannel', () => {
  it('invites everyone in one call when Slack takes them all', async () => {
    const channel = slack.createChannel({ name: 'all-in' });
    expect(await inviteToChannel(client, channel.id, ['U0AAA0001', 'U0AAA0002'])).toEqual([]);
    expect([...channel.members].sort()).toEqual(['U0AAA0001', 'U0AAA0002', slack.botUserId].sort());
    expect(slack.calls('conversations.invite')).toHaveLength(1);
  });

  it('a person Slack refuses does not keep the others out, and is returned with the reason', async () => {
    const channel = slack.createChannel({ name: 'one-refused' });
    slack.refuseInvites('U0GUEST01');
    const refused = await inviteToChannel(client, channel.id, ['U0AAA0001', 'U0GUEST01', 'U0NOBODY1', 'U0AAA0002']);
    expect(refused).toEqual([
      { userId: 'U0GUEST01', error: 'cant_invite' },
      { userId: 'U0NOBODY1', error: 'user_not_found' },
    ]);
    expect([...channel.members].sort()).toEqual(['U0AAA0001', 'U0AAA0002', slack.botUserId].sort());
  });

  it('people already in the channel are not refused', async () => {
    const channel = slack.createChannel({ name: 'already-in', members: ['U0AAA0001'] });
    expect(await inviteToChannel(client, channel.id, ['U0AAA0001'])).toEqual([]);
  });

  it('an archived channel refuses everyone at once, without asking person by person', async () => {
    const channel = slack.createChannel({ name: 'archived-one', isArchived: true });
    const refused = await inviteToChannel(client, channel.id, ['U0AAA0001', 'U0AAA0002']);
    expect(refused).toEqual([
      { userId: 'U0AAA0001', error: 'is_archived' },
      { userId: 'U0AAA0002', error: 'is_archived' },
    ]);
    expect(slack.calls('conversations.invite')).toHaveLength(1);
  });

  it('a temporary Slack error throws, to be retried', async () => {
    const channel = slack.createChannel({ name: 'flaky-invite' });
    slack.failNext('conversations.invite', { status: 503 });
    await expect(inviteToChannel(client, channel.id, ['U0AAA0001'])).rejects.toThrow();
  });
});
