import type { App } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { firstDelivery, recordHomeOpened } from '../../db/home-repository.js';
import { publishHomeJob } from '../../cases/home-jobs.js';
import { requesterOf } from '../requester.js';

/** Slack's event ids (`Ev0PV52K25`): letters and digits, never long. */
const EVENT_ID = /^[A-Za-z0-9]{1,64}$/;

/**
 * `app_home_opened` on the Home tab: remembers that this person looks at their Home (it
 * is kept up to date from now on) and asks a worker to publish it. Bolt has already
 * acknowledged the event. A delivery Slack retries (`X-Slack-Retry-Num`, same
 * `event_id`) is recognised in PostgreSQL and handled once; an event from another
 * workspace, or the Messages tab, changes nothing. Guests and people from other
 * organisations never get here (the requester gate), so their Home stays empty.
 */
export function registerHomeOpened(app: App, ctx: AppContext): void {
  app.event('app_home_opened', async ({ event, body, context }) => {
    if (event.tab !== 'home') return;
    const { userId, teamId } = requesterOf(context);
    if (teamId !== ctx.workspace.teamId) return;
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== 'string' || !EVENT_ID.test(eventId)) {
      ctx.logger.warn('app_home_opened without a readable event id; ignored');
      return;
    }
    const now = ctx.now();
    if (!(await firstDelivery(ctx.db, { eventId, teamId, now }))) {
      ctx.logger.info({ retryNum: context.retryNum }, 'app_home_opened delivered again; handled already');
      return;
    }
    await recordHomeOpened(ctx.db, { teamId, userId, now });
    await ctx.jobs.schedule([publishHomeJob(teamId, userId, now.getTime())]);
  });
}
