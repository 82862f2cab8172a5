import type { AppContext } from '../../context.js';
import { parsePeriod, type Period } from '../../domain/period.js';
import { exportPreparingText } from '../../blocks/export-texts.js';
import { requestExport } from '../../cases/request-export.js';
import { periodProblemText } from './stats-reply.js';

/**
 * `/complaint export [period]`, read like stats: the period (or how to type one), and the
 * answer to acknowledge with at once. Pure apart from the clock.
 */
export function readExportPeriod(ctx: AppContext, typed: string): { period: Period; text: string } | { text: string } {
  const period = parsePeriod(typed, ctx.policy.calendar.timeZone, ctx.now());
  if ('problem' in period) return { text: periodProblemText(ctx.words, typed, period.problem) };
  return { period, text: exportPreparingText(ctx.words, period) };
}

/** Records the export and queues its job, after the acknowledgement: the file follows in the person's DM. */
export async function startExport(ctx: AppContext, input: { teamId: string; userId: string; period: Period }): Promise<void> {
  const { jobs } = await requestExport(ctx.db, { ...input, now: ctx.now() });
  await ctx.jobs.schedule(jobs);
}
