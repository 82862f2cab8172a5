import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type { Case } from '../domain/case.js';
import type { Database } from '../db/tables.js';
import { currentDeadlines } from '../db/deadline-repository.js';
import { listStuckSteps } from '../db/stuck-step-repository.js';
import { listDoneSteps } from '../db/playbook-repository.js';
import { approvedTotal, latestCompensation } from '../db/compensation-repository.js';
import { findCurrentClosure } from '../db/closure-repository.js';
import { findCaseSourceMessage } from '../db/source-message-repository.js';
import { cardMessage, deadlineViews, playbookView } from '../blocks/card-message.js';

/**
 * The card as the database says now: case facts, current deadlines, stuck Slack
 * steps and the playbook's ticks. A stuck set-up is left out: the card exists only once the set-up got that far,
 * and the reporter hears of it by DM.
 */
export async function currentCard(ctx: AppContext, db: Kysely<Database>, current: Case): Promise<ReturnType<typeof cardMessage>> {
  const now = ctx.now();
  // One after the other: `db` may be the single connection that holds the case lock.
  const deadlines = await currentDeadlines(db, current.id);
  const stuck = await listStuckSteps(db, current.id);
  const done = await listDoneSteps(db, current.id);
  const latest = await latestCompensation(db, current.id);
  const compensation = { ...(latest && { current: latest }), approvedTotalMinor: await approvedTotal(db, current.id) };
  // Only a closed case has a close to show: open cases, most card rewrites, pay no query for it.
  const closure = current.status === 'closed' ? await findCurrentClosure(db, current.id) : undefined;
  // Whatever source the reporter chose, a case opened from a message links it.
  const source = await findCaseSourceMessage(db, current.id);
  return cardMessage(
    ctx.words,
    ctx.policy,
    current,
    now,
    deadlineViews(deadlines, now),
    stuck.filter((record) => record.step.kind !== 'provision'),
    playbookView(ctx.policy, current.categoryId, done),
    compensation,
    closure,
    source,
  );
}

/** Rewrites the card in place; nothing to do before provisioning has posted it. */
export async function refreshCard(ctx: AppContext, db: Kysely<Database>, current: Case, cardTs: string | null): Promise<void> {
  if (!current.channelId || !cardTs) return;
  await ctx.slack.chat.update({ channel: current.channelId, ts: cardTs, ...(await currentCard(ctx, db, current)) });
}
