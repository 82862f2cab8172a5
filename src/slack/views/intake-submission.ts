import type { App } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { openCase } from '../../cases/open-case.js';
import { scheduleAfterCommit } from '../schedule-after-commit.js';
import { requesterOf } from '../requester.js';
import { readFormSource } from '../form-source.js';
import { staffInvolvedOfIntake } from '../staff-involved.js';
import { INTAKE_CALLBACK_ID, INTAKE_FIELDS, parseIntakeSubmission } from '../../blocks/intake-modal.js';

/**
 * The intake form: invalid input is shown on its field (the staff involved are checked
 * with Slack: see staff-involved.ts); a valid complaint is stored
 * (with its `opened` event) before the form closes, so a saved case never depends on
 * Redis or Slack. Provisioning follows as a job.
 */
export function registerIntakeSubmission(app: App, ctx: AppContext): void {
  app.view(INTAKE_CALLBACK_ID, async ({ ack, view, context }) => {
    const { userId, teamId } = requesterOf(context);
    const parsed = parseIntakeSubmission(ctx.words, view.state.values, ctx.policy.categories, ctx.policy.currencyDigits);
    if (!parsed.ok) return ack({ response_action: 'errors', errors: parsed.errors });
    // A form opened from a message ("Open a complaint") carries it, sealed; it is checked here.
    const source = readFormSource(ctx, view, { userId, teamId });
    if (!source.ok) return ack({ response_action: 'errors', errors: source.errors });
    const checked = await staffInvolvedOfIntake(ctx, parsed.intake);
    if (!checked.ok) return ack({ response_action: 'errors', errors: checked.errors });
    let opened;
    try {
      opened = await openCase(ctx.db, ctx.policy, { teamId, reporterId: userId, intake: checked.intake, intakeViewId: view.id, ...(source.message && { sourceMessage: source.message }), now: ctx.now() });
    } catch (error) {
      ctx.logger.error({ err: error }, 'could not store a new complaint');
      return ack({
        response_action: 'errors',
        errors: { [INTAKE_FIELDS.summary.blockId]: ctx.words.t('intake.error.notSaved') },
      });
    }
    await ack();
    await scheduleAfterCommit(ctx, opened.jobs, opened.case.number);
  });
}
