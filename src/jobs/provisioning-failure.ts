import type { AppContext } from '../context.js';
import { findCaseById } from '../db/case-repository.js';
import { recordStep } from '../db/case-channel-repository.js';
import { appendEvent } from '../db/event-repository.js';
import { explainSlackError } from '../outbound/slack-errors.js';
import { provisioningStoppedText } from '../blocks/provisioning-texts.js';

/**
 * A permanent Slack error stopped provisioning: the case stays in the database, the
 * failure is recorded (reconciliation skips it until the next start-up), the timeline
 * says what happened, and the reporter is told in plain words.
 */
export async function reportProvisioningFailure(ctx: AppContext, caseId: string, slackError: string): Promise<void> {
  const current = await findCaseById(ctx.db, caseId);
  if (!current) return;
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await recordStep(trx, caseId, { failure: slackError }, now);
    await appendEvent(trx, { caseId, teamId: current.teamId, kind: 'slack_problem', actorId: null, data: { error: slackError }, at: now });
  });
  ctx.logger.error({ caseNumber: current.number, slackError }, 'provisioning stopped on a permanent Slack error');
  try {
    const text = provisioningStoppedText(current.number, explainSlackError(slackError), current.channelId);
    await ctx.slack.chat.postMessage({ channel: current.reporterId, text });
  } catch (error) {
    ctx.logger.error({ caseNumber: current.number, err: error }, 'could not tell the reporter about the provisioning failure');
  }
}
