import type { AppContext } from '../../context.js';
import { MAX_PERIOD_DAYS, parsePeriod, previousPeriod, type PeriodProblem } from '../../domain/period.js';
import type { Words } from '../../i18n/words.js';
import { loadStats } from '../../db/stats-repository.js';
import { statsMessage } from '../../blocks/stats.js';
import { fitText } from '../../blocks/plain-text.js';
import type { Reply } from '../reply.js';

const ECHO_LENGTH = 60;

/** How to type a period, echoing what was typed: the answer of `stats` and `export` to one they cannot read. */
export function periodProblemText(words: Words, typed: string, problem: PeriodProblem): string {
  return words.t(`stats.error.${problem}`, { typed: fitText(typed.trim(), ECHO_LENGTH, 'mrkdwn'), max: MAX_PERIOD_DAYS });
}

/**
 * `/complaint stats [period]`: the period's figures beside the period of the same length
 * just before it, both from SQL aggregates; a period that cannot be read says how to type one.
 */
export async function statsReply(ctx: AppContext, typed: string, teamId: string): Promise<Reply> {
  const now = ctx.now();
  const period = parsePeriod(typed, ctx.policy.calendar.timeZone, now);
  if ('problem' in period) return { text: periodProblemText(ctx.words, typed, period.problem) };
  const before = previousPeriod(period);
  const [current, previous] = await Promise.all([
    loadStats(ctx.db, { teamId, from: period.from, to: period.to, now }),
    loadStats(ctx.db, { teamId, from: before.from, to: before.to, now }),
  ]);
  return statsMessage(ctx.words, { period, current, previous, policy: ctx.policy });
}
