import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type { Case } from '../domain/case.js';
import type { Database } from '../db/tables.js';
import { currentDeadlines } from '../db/deadline-repository.js';
import { cardMessage, deadlineViews } from '../blocks/card-message.js';

/** The card as the database says now: case facts and its current deadlines. */
export async function currentCard(ctx: AppContext, db: Kysely<Database>, current: Case): Promise<ReturnType<typeof cardMessage>> {
  const now = ctx.now();
  return cardMessage(ctx.policy, current, now, deadlineViews(await currentDeadlines(db, current.id), now));
}

/** Rewrites the card in place; nothing to do before provisioning has posted it. */
export async function refreshCard(ctx: AppContext, db: Kysely<Database>, current: Case, cardTs: string | null): Promise<void> {
  if (!current.channelId || !cardTs) return;
  await ctx.slack.chat.update({ channel: current.channelId, ts: cardTs, ...(await currentCard(ctx, db, current)) });
}
