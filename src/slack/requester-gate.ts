import type { AllMiddlewareArgs, AnyMiddlewareArgs, Middleware, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../context.js';
import { checkRequester, type SlackAccount } from '../domain/access.js';
import { userErrorText } from '../blocks/user-error-text.js';
import type { Words } from '../i18n/words.js';
import { admitRequester } from './requester.js';

/** users.info must answer within this, so a refusal still fits in Slack's 3 seconds. */
const LOOKUP_WAIT_MS = 2000;

type GateArgs = AnyMiddlewareArgs & AllMiddlewareArgs;

/**
 * Bolt global middleware, before every listener: who is asking? Guests, people from
 * other organisations (Slack Connect), bots, deactivated and unknown accounts get a plain
 * ephemeral refusal and no listener runs; everyone else reaches the listener with
 * `requesterOf(context)` set. What Slack says about a person is cached for minutes.
 */
export function requesterGate(ctx: Pick<AppContext, 'accounts' | 'workspace' | 'logger' | 'words'>): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { context, next } = args;
    const userId = context.userId;
    // Events without a person (none are listened to today) have nothing to check.
    if (userId === undefined) return next();
    let account: SlackAccount | undefined;
    try {
      account = await lookupInTime(ctx, userId);
    } catch (error) {
      ctx.logger.warn({ err: error }, 'could not look up the requester in Slack; refused');
      return refuse(args, ctx.words, ctx.words.t('gate.cannotCheck'));
    }
    const refusal = checkRequester(account, ctx.workspace);
    if (refusal) {
      ctx.logger.info({ refusal: refusal.code }, 'request refused: the requester may not see complaints');
      return refuse(args, ctx.words, userErrorText(ctx.words, refusal));
    }
    // Slack always names the request's workspace; without one no case could be checked against it.
    if (context.teamId === undefined) return refuse(args, ctx.words, ctx.words.t('gate.cannotCheck'));
    admitRequester(context, { userId, teamId: context.teamId });
    await next();
  };
}

async function lookupInTime(ctx: Pick<AppContext, 'accounts'>, userId: string): Promise<SlackAccount | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`users.info took longer than ${LOOKUP_WAIT_MS} ms`)), LOOKUP_WAIT_MS);
  });
  try {
    return await Promise.race([ctx.accounts.lookup(userId), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Answers a refused request the way its kind allows: privately, and changing nothing. */
async function refuse(args: GateArgs, words: Words, text: string): Promise<void> {
  if ('command' in args) return args.ack({ response_type: 'ephemeral', text });
  if ('view' in args && args.body.type === 'view_submission') {
    return args.ack({ response_action: 'update', view: refusalModal(words, text) });
  }
  if ('options' in args) return args.ack({ options: [] });
  if ('shortcut' in args) return refuseShortcut(args as SlackShortcutMiddlewareArgs & AllMiddlewareArgs, words, text);
  if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
  if ('respond' in args && typeof args.respond === 'function') {
    await args.respond({ response_type: 'ephemeral', replace_original: false, text });
  }
}

/**
 * A shortcut (global ones have no response URL) is answered with a small form saying why,
 * on its trigger id; a message shortcut falls back to an ephemeral reply.
 */
async function refuseShortcut(args: SlackShortcutMiddlewareArgs & AllMiddlewareArgs, words: Words, text: string): Promise<void> {
  await args.ack();
  const body: { trigger_id?: unknown } = args.body;
  try {
    if (typeof body.trigger_id !== 'string') throw new Error('a shortcut without a trigger id');
    await args.client.views.open({ trigger_id: body.trigger_id, view: refusalModal(words, text) });
  } catch {
    if (args.body.type === 'message_action') await args.respond({ response_type: 'ephemeral', text }).catch(() => undefined);
  }
}

function refusalModal(words: Words, text: string) {
  return {
    type: 'modal' as const,
    // The product's name, the same in every language.
    title: { type: 'plain_text' as const, text: 'Anthill' },
    close: { type: 'plain_text' as const, text: words.t('gate.close') },
    blocks: [{ type: 'section' as const, text: { type: 'plain_text' as const, text } }],
  };
}
