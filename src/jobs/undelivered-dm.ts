import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type { Case } from '../domain/case.js';
import type { Database } from '../db/tables.js';
import { appendEvent } from '../db/event-repository.js';

/** What an undelivered DM was for, as the timeline names it. */
export type DirectMessagePurpose = 'reminder' | 'breach' | 'reporter' | 'approval' | 'follow_up' | 'action_item' | 'retro';

/**
 * A DM Slack could not deliver to one person (gone, deactivated): written to the case
 * timeline and logged, so it is seen, and the caller records the step as done, so it is
 * never retried in a loop.
 */
export async function noteUndeliveredDm(
  ctx: Pick<AppContext, 'logger' | 'now'>,
  db: Kysely<Database>,
  current: Case,
  input: { userId: string; slackError: string; purpose: DirectMessagePurpose },
): Promise<void> {
  ctx.logger.warn({ caseNumber: current.number, recipient: input.userId, slackError: input.slackError, purpose: input.purpose }, 'Slack could not deliver a DM');
  await db.transaction().execute((trx) =>
    appendEvent(trx, {
      caseId: current.id,
      teamId: current.teamId,
      kind: 'slack_problem',
      actorId: null,
      data: { error: input.slackError, step: 'dm', purpose: input.purpose, user: input.userId },
      at: ctx.now(),
    }),
  );
}
