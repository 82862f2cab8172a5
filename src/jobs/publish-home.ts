import { LRUCache } from 'lru-cache';
import type { AppContext } from '../context.js';
import { publishHomeJob } from '../cases/home-jobs.js';
import { homeView } from '../blocks/home.js';
import { claimHomePublish, homeRequestedAt, loadHomeContent, requestHomesOfCase } from '../db/home-repository.js';
import { loadStats, type PeriodStats } from '../db/stats-repository.js';
import { localDate } from '../domain/action-item-rules.js';
import { parsePeriod, previousPeriod } from '../domain/period.js';
import { classifySlackError } from '../outbound/slack-errors.js';

/** At most one publish per person in this long: changes in between are folded into the next. */
export const HOME_PUBLISH_EVERY_MS = 5_000;
/** The team's figures on the Home are read again at most this often (two aggregate statements each time). */
const FIGURES_TTL_MS = 60_000;

interface TeamFigures {
  readonly current: PeriodStats;
  readonly previous: PeriodStats;
}

const figuresByTeam = new LRUCache<string, TeamFigures>({ max: 100, ttl: FIGURES_TTL_MS });

/**
 * Publishes a person's App Home from PostgreSQL, at most once every
 * {@link HOME_PUBLISH_EVERY_MS}: the slot is claimed in one conditional update, so two
 * workers never both publish, and a request inside the slot becomes a wake-up call when
 * it opens. What is published is read after the claim; a change asked for while it was
 * being published asks for the next slot. Safe to run twice. A person Slack no longer
 * knows, or a Home Slack refuses, is logged and left: nothing is retried in a loop.
 */
export async function publishHome(ctx: AppContext, input: { teamId: string; userId: string }): Promise<void> {
  const { teamId, userId } = input;
  // A job naming another workspace's person has nothing to publish here.
  if (teamId !== ctx.workspace.teamId) return;
  const claimedAt = ctx.now();
  const claim = await claimHomePublish(ctx.db, { teamId, userId, now: claimedAt, everyMs: HOME_PUBLISH_EVERY_MS });
  if (!claim.claimed) {
    if ('retryAt' in claim) await ctx.jobs.schedule([publishHomeJob(teamId, userId, claim.retryAt.getTime())]);
    return;
  }
  const isLead = ctx.policy.leads.includes(userId);
  const [content, figures] = await Promise.all([loadHomeContent(ctx.db, { teamId, userId, isLead, now: claimedAt }), teamFigures(ctx, teamId, claimedAt)]);
  const view = homeView(ctx.words, { content, figures, policy: ctx.policy, now: claimedAt, today: localDate(ctx.policy.calendar.timeZone, claimedAt) });
  try {
    await ctx.slack.views.publish({ user_id: userId, view });
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind !== 'permanent') throw error;
    ctx.logger.warn({ slackError: failure.error }, 'Slack refused to publish an App Home; left as it was');
    return;
  }
  const requestedAt = await homeRequestedAt(ctx.db, teamId, userId);
  if (requestedAt && requestedAt.getTime() > claimedAt.getTime()) {
    await ctx.jobs.schedule([publishHomeJob(teamId, userId, claimedAt.getTime() + HOME_PUBLISH_EVERY_MS)]);
  }
}

/**
 * After a change to a case: asks for a fresh Home for everyone it concerns who has opened
 * theirs (see requestHomesOfCase), the leads among them. Cheap when nobody has.
 */
export async function refreshHomesOfCase(ctx: AppContext, caseId: string): Promise<void> {
  const now = ctx.now();
  const homes = await requestHomesOfCase(ctx.db, { caseId, leadIds: ctx.policy.leads, now });
  if (homes.length > 0) await ctx.jobs.schedule(homes.map((home) => publishHomeJob(home.teamId, home.userId, now.getTime())));
}

/** The last 30 days and the 30 before, shared by every Home of the team for a minute. */
async function teamFigures(ctx: AppContext, teamId: string, now: Date): Promise<TeamFigures> {
  const cached = figuresByTeam.get(teamId);
  if (cached) return cached;
  const period = parsePeriod('', ctx.policy.calendar.timeZone, now);
  // The empty period is always readable: 30 days up to now.
  if ('problem' in period) throw new Error(`default stats period unreadable: ${period.problem}`);
  const before = previousPeriod(period);
  const [current, previous] = await Promise.all([
    loadStats(ctx.db, { teamId, from: period.from, to: period.to, now }),
    loadStats(ctx.db, { teamId, from: before.from, to: before.to, now }),
  ]);
  const figures = { current, previous };
  figuresByTeam.set(teamId, figures);
  return figures;
}
