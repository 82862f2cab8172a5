import { messageLimitViolations, violationMessages } from '../block-limits.js';
import { SlackApiError, type MethodParams } from '../method-params.js';
import { isChannel, type SlackState } from '../state.js';
import type { FakeChannel, FakeDirectConversation, FakeMessage } from '../types.js';
import type { MethodHandler } from './method-handler.js';

/** The text and blocks of a message, checked against Slack's limits. */
function messageContent(params: MethodParams): { text: string | undefined; blocks: unknown[] | undefined } {
  const text = params.string('text');
  const rawBlocks = params.json('blocks');
  let blocks: unknown[] | undefined;
  if (rawBlocks !== undefined && rawBlocks !== '') {
    if (!Array.isArray(rawBlocks)) throw new SlackApiError('invalid_blocks_format');
    blocks = rawBlocks;
  }
  const violations = messageLimitViolations({ text, blocks });
  if (violations.some((violation) => violation.pointer === '/text')) throw new SlackApiError('msg_too_long');
  if (violations.length > 0) {
    const messages = violationMessages(violations);
    throw new SlackApiError('invalid_blocks', { errors: messages, response_metadata: { messages } });
  }
  return { text, blocks };
}

function requireSomeContent(content: { text: string | undefined; blocks: unknown[] | undefined }, params: MethodParams): void {
  const hasBlocks = content.blocks !== undefined && content.blocks.length > 0;
  if (content.text === undefined && !hasBlocks && !params.has('attachments')) throw new SlackApiError('no_text');
}

/** A destination the bot may post to: not archived, and a member unless chat:write.public applies. */
function postableDestination(state: SlackState, target: string | undefined): FakeChannel | FakeDirectConversation {
  const destination = state.resolveDestination(target);
  const dmRefused = !isChannel(destination) && destination.kind === 'im' ? state.refusedDms.get(destination.users[0] ?? '') : undefined;
  if (dmRefused !== undefined) throw new SlackApiError(dmRefused);
  if (isChannel(destination)) {
    if (destination.is_archived) throw new SlackApiError('is_archived');
    const mayWritePublic = state.chatWritePublic && !destination.is_private;
    if (!state.botIsMember(destination) && !mayWritePublic) throw new SlackApiError('not_in_channel');
  }
  return destination;
}

/** `metadata` as Slack takes it: an event type and a payload object, else `invalid_metadata_format`. */
function messageMetadata(params: MethodParams): FakeMessage['metadata'] {
  const raw = params.json('metadata');
  if (raw === undefined || raw === '') return undefined;
  const candidate = raw as { event_type?: unknown; event_payload?: unknown };
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.event_type !== 'string' || typeof candidate.event_payload !== 'object' || candidate.event_payload === null) {
    throw new SlackApiError('invalid_metadata_format');
  }
  return { event_type: candidate.event_type, event_payload: candidate.event_payload as Record<string, unknown> };
}

function findMessage(state: SlackState, channelId: string, ts: string | undefined): FakeMessage {
  const message = state.messages.get(channelId)?.find((candidate) => candidate.ts === ts);
  if (message === undefined) throw new SlackApiError('message_not_found');
  return message;
}

/** An existing conversation addressed by id (chat.update and friends do not accept user ids). */
function existingConversation(state: SlackState, channelId: string | undefined): FakeChannel | FakeDirectConversation {
  const direct = channelId === undefined ? undefined : state.directConversations.get(channelId);
  return direct ?? state.requireChannel(channelId);
}

export function messageObject(state: SlackState, message: FakeMessage): Record<string, unknown> {
  const object: Record<string, unknown> = {
    type: 'message',
    text: message.text,
    user: message.user,
    ts: message.ts,
    team: state.identity.teamId,
  };
  if (message.user === state.identity.botUserId) {
    object.bot_id = state.identity.botId;
    object.app_id = state.identity.appId;
  }
  if (message.blocks !== undefined) object.blocks = message.blocks;
  if (message.thread_ts !== undefined) object.thread_ts = message.thread_ts;
  return object;
}

export const chatMethods: Record<string, MethodHandler> = {
  'chat.postMessage': ({ state, params }) => {
    const destination = postableDestination(state, params.string('channel'));
    const content = messageContent(params);
    requireSomeContent(content, params);
    const message: FakeMessage = {
      channel: destination.id,
      ts: state.clock.next(),
      text: content.text ?? '',
      blocks: content.blocks,
      thread_ts: params.string('thread_ts'),
      user: state.identity.botUserId,
      edits: 0,
    };
    const metadata = messageMetadata(params);
    if (metadata !== undefined) message.metadata = metadata;
    state.messagesIn(destination.id).push(message);
    return { channel: destination.id, ts: message.ts, message: messageObject(state, message) };
  },

  'chat.update': ({ state, params }) => {
    const conversation = existingConversation(state, params.string('channel'));
    if (isChannel(conversation) && conversation.is_archived) throw new SlackApiError('is_archived');
    const message = findMessage(state, conversation.id, params.string('ts'));
    if (message.user !== state.identity.botUserId) throw new SlackApiError('cant_update_message');
    const content = messageContent(params);
    // Slack keeps fields that are not sent; an empty `blocks` array removes the blocks.
    if (content.text === undefined && content.blocks === undefined && !params.has('attachments')) {
      throw new SlackApiError('no_text');
    }
    if (content.text !== undefined) message.text = content.text;
    if (content.blocks !== undefined) message.blocks = content.blocks.length > 0 ? content.blocks : undefined;
    message.edits += 1;
    return { channel: conversation.id, ts: message.ts, text: message.text, message: messageObject(state, message) };
  },

  'chat.postEphemeral': ({ state, params }) => {
    const conversation = existingConversation(state, params.string('channel'));
    const user = params.required('user', 'user_not_in_channel');
    const members = isChannel(conversation) ? conversation.members : new Set(conversation.users);
    if (isChannel(conversation) && conversation.is_archived) throw new SlackApiError('is_archived');
    if (!members.has(user)) throw new SlackApiError('user_not_in_channel');
    const content = messageContent(params);
    requireSomeContent(content, params);
    const messageTs = state.clock.next();
    state.ephemerals.push({
      channel: conversation.id,
      user,
      text: content.text ?? '',
      blocks: content.blocks,
      thread_ts: params.string('thread_ts'),
      message_ts: messageTs,
    });
    return { message_ts: messageTs };
  },

  'chat.getPermalink': ({ state, params }) => {
    const conversation = existingConversation(state, params.string('channel'));
    const message = findMessage(state, conversation.id, params.string('message_ts'));
    let permalink = `https://${state.identity.teamDomain}.slack.com/archives/${conversation.id}/p${message.ts.replace('.', '')}`;
    if (message.thread_ts !== undefined) permalink += `?thread_ts=${message.thread_ts}&cid=${conversation.id}`;
    return { channel: conversation.id, permalink };
  },
};
