import { randomBytes } from 'node:crypto';
import { messageLimitViolations, violationMessages } from './block-limits.js';
import type { SlackState } from './state.js';
import type { FakeMessage } from './types.js';

/** The path under the fake's origin where its response URLs live. */
export const RESPONSE_URL_PATH_PREFIX = '/response-url/';

/** Slack lets an app use a response URL up to 5 times within 30 minutes. */
export const RESPONSE_URL_LIMITS = { uses: 5, lifetimeMs: 30 * 60_000 } as const;

/** What a response URL answers for: the request's person and channel, and the message clicked (if any). */
export interface ResponseUrlContext {
  user: string;
  channel: string;
  /** The message whose button was used; absent for slash commands, whose URL has no original. */
  messageTs?: string;
  /** The original is an ephemeral message (only `user` sees it). */
  isEphemeral?: boolean;
}

export interface ResponseUrlGrant extends ResponseUrlContext {
  issuedAt: number;
  uses: number;
}

/** What a post to a response URL did, for the fake's call log and its listeners. */
export interface ResponseUrlOutcome {
  status: number;
  result: Record<string, unknown>;
}

/** A fresh response URL token for `context`. */
export function grantResponseUrl(state: SlackState, context: ResponseUrlContext, now = Date.now()): string {
  const token = `${state.identity.teamId}/${randomBytes(12).toString('hex')}`;
  state.responseUrls.set(token, { ...context, issuedAt: now, uses: 0 });
  return token;
}

export interface ResponseBody {
  text?: unknown;
  blocks?: unknown;
  response_type?: unknown;
  replace_original?: unknown;
  delete_original?: unknown;
  thread_ts?: unknown;
}

function failure(status: number, error: string, extra: Record<string, unknown> = {}): ResponseUrlOutcome {
  return { status, result: { ok: false, error, ...extra } };
}

/**
 * A post to a response URL, with Slack's rules: 5 uses in 30 minutes; `delete_original`
 * and `replace_original` act on the clicked message (ephemeral or not), otherwise a new
 * message is posted, ephemeral to the person unless `response_type` is `in_channel`.
 */
export function useResponseUrl(state: SlackState, token: string, body: ResponseBody, now = Date.now()): ResponseUrlOutcome {
  const grant = state.responseUrls.get(token);
  if (grant === undefined) return failure(404, 'no_active_hooks');
  if (now - grant.issuedAt > RESPONSE_URL_LIMITS.lifetimeMs) return failure(404, 'expired_url');
  if (grant.uses >= RESPONSE_URL_LIMITS.uses) return failure(404, 'used_url');
  const outcome = deliverResponse(state, grant, body);
  if (outcome.status === 200) grant.uses += 1;
  return outcome;
}

/**
 * Does what Slack does with a response (posted to a response URL, or a slash command's
 * acknowledgement body) without the URL's limits.
 */
export function deliverResponse(state: SlackState, grant: ResponseUrlContext, body: ResponseBody): ResponseUrlOutcome {
  const text = typeof body.text === 'string' ? body.text : undefined;
  const blocks = Array.isArray(body.blocks) ? (body.blocks as unknown[]) : undefined;
  if (body.delete_original !== true) {
    if (text === undefined && (blocks === undefined || blocks.length === 0)) return failure(400, 'no_text');
    const violations = messageLimitViolations({ text, blocks });
    if (violations.length > 0) {
      const messages = violationMessages(violations);
      return failure(400, 'invalid_blocks', { response_metadata: { messages } });
    }
  }
  if (body.delete_original === true) return deleteOriginal(state, grant);
  if (body.replace_original === true && grant.messageTs !== undefined) return replaceOriginal(state, grant, text ?? '', blocks);
  const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
  if (body.response_type === 'in_channel') {
    const message: FakeMessage = {
      channel: grant.channel,
      ts: state.clock.next(),
      text: text ?? '',
      blocks,
      thread_ts: threadTs,
      user: state.identity.botUserId,
      edits: 0,
    };
    state.messagesIn(grant.channel).push(message);
  } else {
    state.ephemerals.push({ channel: grant.channel, user: grant.user, text: text ?? '', blocks, thread_ts: threadTs, message_ts: state.clock.next() });
  }
  return { status: 200, result: { ok: true } };
}

function deleteOriginal(state: SlackState, grant: ResponseUrlContext): ResponseUrlOutcome {
  if (grant.messageTs === undefined) return failure(404, 'message_not_found');
  if (grant.isEphemeral === true) {
    const index = state.ephemerals.findIndex((ephemeral) => ephemeral.message_ts === grant.messageTs && ephemeral.user === grant.user);
    if (index < 0) return failure(404, 'message_not_found');
    state.ephemerals.splice(index, 1);
  } else {
    const messages = state.messages.get(grant.channel) ?? [];
    const index = messages.findIndex((message) => message.ts === grant.messageTs);
    if (index < 0) return failure(404, 'message_not_found');
    messages.splice(index, 1);
  }
  return { status: 200, result: { ok: true } };
}

function replaceOriginal(state: SlackState, grant: ResponseUrlContext, text: string, blocks: unknown[] | undefined): ResponseUrlOutcome {
  const original = grant.isEphemeral === true
    ? state.ephemerals.find((ephemeral) => ephemeral.message_ts === grant.messageTs && ephemeral.user === grant.user)
    : state.messages.get(grant.channel)?.find((message) => message.ts === grant.messageTs);
  if (original === undefined) return failure(404, 'message_not_found');
  original.text = text;
  original.blocks = blocks;
  if ('edits' in original) original.edits += 1;
  return { status: 200, result: { ok: true } };
}
