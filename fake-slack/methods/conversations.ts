import { FAKE_SLACK_LIMITS } from '../block-limits.js';
import { SlackApiError } from '../method-params.js';
import type { SlackState } from '../state.js';
import type { FakeChannel, FakeDirectConversation } from '../types.js';
import type { MethodContext, MethodHandler } from './method-handler.js';
import { messageObject } from './chat.js';

const MAX_NAME_LENGTH = 80;

/** Slack's channel-name rules; returns the error code Slack would answer, or undefined. */
export function channelNameError(name: string | undefined): string | undefined {
  if (name === undefined || name === '') return 'invalid_name_required';
  if (name.length > MAX_NAME_LENGTH) return 'invalid_name_maxlength';
  if (!/^[a-z0-9_-]+$/.test(name)) return 'invalid_name_specials';
  if (!/[a-z0-9]/.test(name)) return 'invalid_name_punctuation';
  return undefined;
}

export function channelObject(state: SlackState, channel: FakeChannel): Record<string, unknown> {
  return {
    id: channel.id,
    name: channel.name,
    name_normalized: channel.name,
    is_channel: !channel.is_private,
    is_group: channel.is_private,
    is_im: false,
    is_mpim: false,
    is_private: channel.is_private,
    is_archived: channel.is_archived,
    is_general: false,
    is_shared: false,
    is_ext_shared: false,
    is_org_shared: false,
    created: channel.created,
    creator: channel.creator,
    context_team_id: state.identity.teamId,
    is_member: state.botIsMember(channel),
    num_members: channel.members.size,
    topic: { value: channel.topic, creator: channel.topic === '' ? '' : channel.creator, last_set: 0 },
    purpose: { value: channel.purpose, creator: channel.purpose === '' ? '' : channel.creator, last_set: 0 },
  };
}

function directObject(conversation: FakeDirectConversation): Record<string, unknown> {
  if (conversation.kind === 'im') {
    return { id: conversation.id, is_im: true, is_org_shared: false, user: conversation.users[0], created: conversation.created };
  }
  return { id: conversation.id, is_mpim: true, is_group: false, is_private: true, created: conversation.created };
}

/** A channel the bot may act in: visible, not archived, and the bot is a member. */
function channelToActIn(state: SlackState, channelId: string | undefined): FakeChannel {
  const channel = state.requireChannel(channelId);
  if (channel.is_archived) throw new SlackApiError('is_archived');
  if (!state.botIsMember(channel)) throw new SlackApiError('not_in_channel');
  return channel;
}

/** Cursor pagination as Slack does it: an opaque cursor, `limit` per page, '' when done. */
export function paginate<T>(items: T[], context: MethodContext): { page: T[]; next_cursor: string } {
  const limit = Math.min(Math.max(context.params.integer('limit') ?? 100, 1), 1000);
  const cursor = context.params.string('cursor');
  let offset = 0;
  if (cursor !== undefined) {
    const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
    if (match?.[1] === undefined) throw new SlackApiError('invalid_cursor');
    offset = Number(match[1]);
  }
  const page = items.slice(offset, offset + limit);
  const nextOffset = offset + limit;
  const next_cursor = nextOffset < items.length ? Buffer.from(`offset:${nextOffset}`).toString('base64') : '';
  return { page, next_cursor };
}

export const conversationMethods: Record<string, MethodHandler> = {
  'conversations.create': ({ state, params }) => {
    const name = params.string('name');
    const error = channelNameError(name);
    if (error !== undefined) throw new SlackApiError(error);
    if (state.channelByName(name ?? '') !== undefined) throw new SlackApiError('name_taken');
    const channel: FakeChannel = {
      id: state.newId('C'),
      name: name ?? '',
      topic: '',
      purpose: '',
      created: state.nowSeconds(),
      creator: state.identity.botUserId,
      is_archived: false,
      is_private: params.boolean('is_private'),
      members: new Set([state.identity.botUserId]),
    };
    state.channels.set(channel.id, channel);
    return { channel: channelObject(state, channel) };
  },

  'conversations.info': ({ state, params }) => {
    const id = params.string('channel');
    const direct = id === undefined ? undefined : state.directConversations.get(id);
    if (direct !== undefined) return { channel: directObject(direct) };
    return { channel: channelObject(state, state.requireChannel(id)) };
  },

  'conversations.list': (context) => {
    const { state, params } = context;
    const types = new Set(params.list('types').length > 0 ? params.list('types') : ['public_channel']);
    const excludeArchived = params.boolean('exclude_archived');
    const channels: Record<string, unknown>[] = [...state.channels.values()]
      .filter((channel) => types.has(channel.is_private ? 'private_channel' : 'public_channel'))
      .filter((channel) => !channel.is_private || state.botIsMember(channel))
      .filter((channel) => !(excludeArchived && channel.is_archived))
      .map((channel) => channelObject(state, channel));
    for (const conversation of state.directConversations.values()) {
      if (types.has(conversation.kind)) channels.push(directObject(conversation));
    }
    const { page, next_cursor } = paginate(channels, context);
    return { channels: page, response_metadata: { next_cursor } };
  },

  // Newest first, top-level messages only; `oldest`/`latest` exclusive; metadata only with include_all_metadata.
  'conversations.history': (context) => {
    const { state, params } = context;
    const channel = state.requireChannel(params.string('channel'));
    if (!state.botIsMember(channel)) throw new SlackApiError('not_in_channel');
    const oldest = Number(params.string('oldest') ?? '0');
    const latest = params.string('latest') === undefined ? Infinity : Number(params.string('latest'));
    const withMetadata = params.boolean('include_all_metadata');
    const messages = (state.messages.get(channel.id) ?? [])
      .filter((message) => message.thread_ts === undefined || message.thread_ts === message.ts)
      .filter((message) => Number(message.ts) > oldest && Number(message.ts) < latest)
      .sort((a, b) => Number(b.ts) - Number(a.ts))
      .map((message) => ({ ...messageObject(state, message), ...(withMetadata && message.metadata !== undefined && { metadata: message.metadata }) }));
    const { page, next_cursor } = paginate(messages, context);
    return { messages: page, has_more: next_cursor !== '', response_metadata: { next_cursor } };
  },

  'conversations.members': (context) => {
    const channel = context.state.requireChannel(context.params.string('channel'));
    const { page, next_cursor } = paginate([...channel.members], context);
    return { members: page, response_metadata: { next_cursor } };
  },

  'conversations.invite': ({ state, params }) => {
    const channel = channelToActIn(state, params.string('channel'));
    const requested = params.list('users');
    if (requested.length === 0) throw new SlackApiError('no_user');
    const bot = state.identity.botUserId;
    const others = requested.filter((user) => user !== bot);
    if (others.length === 0) throw new SlackApiError('cant_invite_self');
    const unknown = others.filter((user) => !state.isKnownUser(user));
    const errors = unknown.map((user) => ({ user, ok: false, error: 'user_not_found' }));
    // `force` invites the valid ids and reports the others; with none valid it fails all the same.
    if (unknown.length > 0 && (!params.boolean('force') || unknown.length === others.length)) {
      throw new SlackApiError('user_not_found', { errors });
    }
    // Slack fails the whole call when it will not invite one of the people (a guest, a deactivated account).
    const refused = others.filter((user) => state.refusedInvites.has(user));
    if (refused.length > 0) {
      throw new SlackApiError(state.refusedInvites.get(refused[0] ?? '') ?? 'cant_invite', {
        errors: refused.map((user) => ({ user, ok: false, error: state.refusedInvites.get(user) })),
      });
    }
    const toAdd = others.filter((user) => state.isKnownUser(user) && !channel.members.has(user));
    if (toAdd.length === 0 && unknown.length === 0) throw new SlackApiError('already_in_channel');
    for (const user of toAdd) channel.members.add(user);
    return { channel: channelObject(state, channel), ...(errors.length > 0 && { errors }) };
  },

  'conversations.join': ({ state, params }) => {
    const channel = state.requireChannel(params.string('channel'));
    if (channel.is_archived) throw new SlackApiError('is_archived');
    const alreadyIn = state.botIsMember(channel);
    channel.members.add(state.identity.botUserId);
    const answer: Record<string, unknown> = { channel: channelObject(state, channel) };
    if (alreadyIn) {
      answer.warning = 'already_in_channel';
      answer.response_metadata = { warnings: ['already_in_channel'] };
    }
    return answer;
  },

  'conversations.setTopic': ({ state, params }) => {
    const channel = channelToActIn(state, params.string('channel'));
    const topic = params.string('topic') ?? '';
    if (topic.length > FAKE_SLACK_LIMITS.topic) throw new SlackApiError('too_long');
    channel.topic = topic;
    return { channel: channelObject(state, channel) };
  },

  'conversations.setPurpose': ({ state, params }) => {
    const channel = channelToActIn(state, params.string('channel'));
    const purpose = params.string('purpose') ?? '';
    if (purpose.length > FAKE_SLACK_LIMITS.purpose) throw new SlackApiError('too_long');
    channel.purpose = purpose;
    return { channel: channelObject(state, channel) };
  },

  'conversations.archive': ({ state, params }) => {
    const channel = state.requireChannel(params.string('channel'));
    if (channel.is_archived) throw new SlackApiError('already_archived');
    if (!state.botIsMember(channel)) throw new SlackApiError('not_in_channel');
    channel.is_archived = true;
    return {};
  },

  // Slack's documented limitation: bot tokens cannot unarchive, and are told `not_in_channel`.
  'conversations.unarchive': ({ state, params }) => {
    const channel = state.requireChannel(params.string('channel'));
    if (!channel.is_archived) throw new SlackApiError('not_archived');
    if (!state.botMayUnarchive) throw new SlackApiError('not_in_channel');
    channel.is_archived = false;
    return {};
  },

  'conversations.open': ({ state, params }) => {
    const users = params.list('users');
    const existing = params.string('channel');
    if (existing !== undefined && users.length === 0) {
      const direct = state.directConversations.get(existing);
      if (direct === undefined) throw new SlackApiError('channel_not_found');
      return { channel: directObject(direct) };
    }
    if (users.length === 0) throw new SlackApiError('users_list_not_supplied');
    if (users.length > 8) throw new SlackApiError('too_many_users');
    for (const user of users) if (!state.isKnownUser(user)) throw new SlackApiError('user_not_found');
    const conversation = users.length === 1 ? state.openIm(users[0] ?? '') : state.openMpim(users);
    return { channel: params.boolean('return_im') ? directObject(conversation) : { id: conversation.id } };
  },
};
