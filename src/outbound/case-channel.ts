import type { WebClient } from '@slack/web-api';
import { caseChannelName } from '../domain/channel-name.js';
import { classifySlackError, slackErrorCode } from './slack-errors.js';

// More attempts than this means something other than name clashes is going on.
const MAX_NAME_ATTEMPTS = 20;

/**
 * Creates the case channel (private when `isPrivate`), adding `-2`, `-3`… while the name
 * is taken. A taken name whose channel this bot created is a channel made by an earlier
 * attempt for this case that crashed before recording it (numbers are unique per
 * workspace), so it is reused.
 */
export async function createCaseChannel(
  client: WebClient,
  input: { number: number; summary: string; botUserId: string; isPrivate: boolean },
): Promise<{ id: string; name: string }> {
  for (let attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt++) {
    const name = caseChannelName(input.number, input.summary, attempt);
    try {
      const created = await client.conversations.create({ name, is_private: input.isPrivate });
      if (!created.channel?.id) throw new Error('conversations.create returned no channel id');
      return { id: created.channel.id, name };
    } catch (error) {
      if (slackErrorCode(error) !== 'name_taken') throw error;
      // Names are unique across public and private channels; the bot sees the private ones it is in.
      const existing = await findChannelByName(client, name, input.isPrivate ? 'public_channel,private_channel' : 'public_channel');
      if (existing && existing.creator === input.botUserId && !existing.isArchived) return { id: existing.id, name };
    }
  }
  throw new Error(`no free channel name for case #${input.number} after ${MAX_NAME_ATTEMPTS} attempts`);
}

async function findChannelByName(
  client: WebClient,
  name: string,
  types: string,
): Promise<{ id: string; creator: string | undefined; isArchived: boolean } | undefined> {
  let cursor: string | undefined;
  do {
    const page = await client.conversations.list({ types, limit: 1000, cursor, exclude_archived: false });
    const found = page.channels?.find((c) => c.name === name);
    if (found?.id) return { id: found.id, creator: found.creator, isArchived: found.is_archived === true };
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return undefined;
}

/** Expands user groups (`S…`) into their members; the bot itself is left out. */
export async function expandMembers(client: WebClient, ids: readonly string[], botUserId: string): Promise<string[]> {
  const users = new Set<string>();
  for (const id of ids) {
    if (id.startsWith('S')) {
      const group = await client.usergroups.users.list({ usergroup: id });
      for (const user of group.users ?? []) users.add(user);
    } else {
      users.add(id);
    }
  }
  users.delete(botUserId);
  return [...users];
}

/**
 * Like expandMembers, but a user group Slack refuses to list (deleted, or a typo in the
 * policy) is skipped on its own and reported through `onSkipped`, so everyone else is
 * still reached. Temporary Slack errors still throw, to be retried.
 */
export async function expandMembersSkippingRefused(
  client: WebClient,
  ids: readonly string[],
  botUserId: string,
  onSkipped: (id: string, slackError: string) => void,
): Promise<string[]> {
  const members = new Set<string>();
  for (const id of ids) {
    try {
      for (const user of await expandMembers(client, [id], botUserId)) members.add(user);
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.kind !== 'permanent') throw error;
      onSkipped(id, failure.error);
    }
  }
  return [...members];
}

/** Someone Slack would not invite, and why. */
export interface RefusedInvite {
  readonly userId: string;
  readonly error: string;
}

// Errors about the channel or the app, not the person: asking person by person would only repeat them.
const NOT_ABOUT_THE_PERSON = new Set([
  'channel_not_found',
  'is_archived',
  'not_in_channel',
  'method_not_supported_for_channel_type',
  'missing_scope',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'no_permission',
  'ekm_access_denied',
  'restricted_action',
]);

/**
 * Invites people into the channel and returns who Slack refused, and why; people
 * already there are not refused. Slack fails the whole call when it refuses one person
 * (`user_not_found`, `cant_invite`, a guest…), so then each person is invited on their
 * own and only the refused ones are returned. Temporary Slack errors throw, to be retried.
 */
export async function inviteToChannel(client: WebClient, channelId: string, users: readonly string[]): Promise<RefusedInvite[]> {
  const refused: RefusedInvite[] = [];
  // Slack accepts up to 1000 users a call.
  for (let i = 0; i < users.length; i += 1000) {
    const batch = users.slice(i, i + 1000);
    const error = await invite(client, channelId, batch);
    if (error === undefined) continue;
    if (batch.length === 1 || NOT_ABOUT_THE_PERSON.has(error)) {
      refused.push(...batch.map((userId) => ({ userId, error })));
      continue;
    }
    for (const userId of batch) {
      const own = await invite(client, channelId, [userId]);
      if (own !== undefined) refused.push({ userId, error: own });
    }
  }
  return refused;
}

/** One conversations.invite call: undefined when everyone is in, else Slack's permanent error. */
async function invite(client: WebClient, channelId: string, users: readonly string[]): Promise<string | undefined> {
  try {
    await client.conversations.invite({ channel: channelId, users: users.join(',') });
    return undefined;
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === 'already_in_channel' || code === 'cant_invite_self') return undefined;
    const failure = classifySlackError(error);
    if (failure.kind !== 'permanent') throw error;
    return failure.error;
  }
}
