import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../context.js';
import { within } from '../health.js';
import { checkRequester, type SlackAccount } from '../domain/access.js';
import { INTAKE_LIMITS } from '../domain/intake.js';
import { isSlackPermalink } from '../domain/source-message.js';
import { findCasesFromMessage } from '../db/source-message-repository.js';
import { intakeFormFor } from './intake-form.js';
import { fitText } from '../blocks/plain-text.js';
import { channelLink } from '../blocks/format.js';
import { contactInText, firstLineSummary, mentionedUserIds, slackTextToPlain } from './message-prefill.js';
import { sealSource, sourceSealKey } from './source-metadata.js';
import type { Requester } from './requester.js';

/** The message "Open a complaint" was used on, as the `message_action` payload has it (shapes checked). */
export interface ShortcutMessage {
  readonly channelId: string;
  /** The channel's name from the payload, for a contact suggestion "On Slack, in #name". */
  readonly channelName?: string;
  readonly messageTs: string;
  readonly threadTs?: string;
  readonly text: string;
  /** The author's user id; absent for a bot's or an integration's message. */
  readonly authorId?: string;
  /** `user_team` of the message: the author's own workspace, in a Slack Connect channel another one. */
  readonly authorTeamId?: string;
}

/** Each lookup (Slack or the database) gets this long; what is late is left out of the form. */
const LOOKUP_BUDGET_MS = 2000;
/** The people of a message looked up by name; more are `@someone`. */
const MOST_MENTIONS_NAMED = 20;
const MOST_CASES_LINKED = 5;

/**
 * The intake form prefilled from a message: summary (first line), description (the whole
 * text as plain text), source "Slack message", and, when the author is from another
 * organisation or the text carries an email address or phone number, the customer's name
 * and contact as suggestions. When the message already has cases, the form says so, links
 * them, and asks to tick a box to open another. The message travels in the form's sealed
 * `private_metadata`.
 */
export async function messageIntakeForm(ctx: AppContext, client: WebClient, requester: Requester, message: ShortcutMessage): Promise<ModalView> {
  const { words } = ctx;
  const mentioned = mentionedUserIds(message.text).slice(0, MOST_MENTIONS_NAMED);
  const lookup = (userId: string) => inTime(ctx.accounts.lookup(userId), undefined, ctx, 'users.info');
  const [existing, author, permalink, ...people] = await Promise.all([
    inTime(findCasesFromMessage(ctx.db, { teamId: requester.teamId, channelId: message.channelId, messageTs: message.messageTs }), [], ctx, 'cases of the message'),
    message.authorId ? lookup(message.authorId) : Promise.resolve(undefined),
    inTime(
      client.chat.getPermalink({ channel: message.channelId, message_ts: message.messageTs }).then((answer) => answer.permalink ?? null),
      null,
      ctx,
      'chat.getPermalink',
    ),
    ...mentioned.map(lookup),
  ]);
  const names = new Map(people.flatMap((account: SlackAccount | undefined) => (account?.name ? [[account.id, account.name] as const] : [])));

  const plain = slackTextToPlain(message.text, (id) => names.get(id), words.t('shortcut.someone')).trim();
  const external = author ? checkRequester(author, ctx.workspace)?.code === 'external' : message.authorTeamId !== undefined && message.authorTeamId !== requester.teamId;
  const customerName = external ? author?.name : undefined;
  const slackContact = external && message.channelName ? words.t('shortcut.contactViaSlack', { channel: message.channelName }) : undefined;
  const customerContact = contactInText(plain) ?? slackContact;

  const metadata = sealSource(
    sourceSealKey(sealSecret(client)),
    {
      teamId: requester.teamId,
      userId: requester.userId,
      channelId: message.channelId,
      messageTs: message.messageTs,
      ...(message.threadTs !== undefined && { threadTs: message.threadTs }),
      // Only a link of Slack's shape is kept: the submission refuses any other.
      permalink: isSlackPermalink(permalink) ? permalink : null,
      alreadyCases: existing.length,
    },
    ctx.now(),
  );
  const cases = existing.slice(0, MOST_CASES_LINKED).map((found) =>
    found.channelId
      ? words.t('shortcut.caseLink', { caseNumber: found.number, channel: channelLink(found.channelId) })
      : words.t('shortcut.caseNoChannel', { caseNumber: found.number }),
  );
  return intakeFormFor(ctx, {
    prefill: {
      summary: firstLineSummary(plain, INTAKE_LIMITS.summary),
      description: fitText(plain, INTAKE_LIMITS.description, 'plain_text'),
      source: 'slack_message',
      ...(customerName && { customerName: fitText(customerName, INTAKE_LIMITS.customerName, 'plain_text') }),
      ...(customerContact && { customerContact: fitText(customerContact, INTAKE_LIMITS.customerContact, 'plain_text') }),
    },
    note: words.t(customerName || customerContact ? 'shortcut.fromMessageSuggested' : 'shortcut.fromMessage'),
    ...(existing.length > 0 && {
      alreadyNotice: {
        text: `${words.t('shortcut.already', { count: existing.length, cases: words.list(cases) })}\n${words.t('shortcut.alreadyHint')}`,
        confirmLabel: words.t('shortcut.openAnother'),
      },
    }),
    privateMetadata: metadata,
  });
}

/** The secret the form's seal is derived from: the bot token, which every web process has. */
export function sealSecret(client: Pick<WebClient, 'token'>): string {
  if (!client.token) throw new Error('the Slack client has no token to seal a form with');
  return client.token;
}

/** `work`'s answer, or `fallback` when it fails or takes longer than the lookup budget (logged, never thrown). */
function inTime<T>(work: Promise<T>, fallback: T, ctx: Pick<AppContext, 'logger'>, what: string): Promise<T> {
  return within(work, LOOKUP_BUDGET_MS).catch((error: unknown) => {
    ctx.logger.info({ err: error, lookup: what }, 'a lookup for the message form failed or was too slow; the form goes without it');
    return fallback;
  });
}
