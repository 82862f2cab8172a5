import type { AppContext } from '../context.js';
import { inCaseRowLock } from '../db/case-lock.js';
import { findCaseById } from '../db/case-repository.js';
import { findCompensation, listCompensationDms, markNudged } from '../db/compensation-repository.js';
import { appendEvent } from '../db/event-repository.js';
import { approvalRequestMessage } from '../blocks/approval-request.js';
import { withJobLock } from './job-lock.js';
import { requestView, sendRecordedDm } from './approval-request.js';
import { attemptStep } from './stuck-steps.js';

/**
 * One business hour after a proposal (the policy's business calendar): if it is still
 * pending, each of its approvers gets one reminder DM with the same buttons. Safe to run
 * twice: each DM is recorded per person, and the once-only mark (`nudged_at`) is set with
 * the timeline event under the case lock, only while the proposal is still pending.
 * Early wake-ups and proposals decided meanwhile do nothing.
 */
export async function sendApprovalNudge(ctx: AppContext, compensationId: string): Promise<void> {
  const first = await findCompensation(ctx.db, compensationId);
  if (!first) return;
  await withJobLock(ctx.db, first.caseId, async (db) => {
    const compensation = await findCompensation(db, compensationId);
    const current = await findCaseById(db, first.caseId);
    if (!compensation || !current || compensation.state !== 'pending' || compensation.nudgedAt) return;
    if (ctx.now() < compensation.nudgeDueAt) return;
    const view = await requestView(ctx, db, current, compensation);
    const message = approvalRequestMessage(ctx.words, { ...view, copy: 'nudge' });
    const done = await attemptStep(ctx, db, current, { kind: 'approval', compensationId }, async () => {
      const reminded = new Set((await listCompensationDms(db, compensation.id)).filter((dm) => dm.kind === 'nudge').map((dm) => dm.recipient));
      for (const approver of compensation.approverIds.filter((id) => !reminded.has(id))) {
        // A decision committed meanwhile stops the reminders not yet sent.
        if ((await findCompensation(db, compensationId))?.state !== 'pending') return;
        await sendRecordedDm(ctx, db, current, compensation.id, { kind: 'nudge', recipient: approver, message });
      }
    });
    if (!done) return;
    await inCaseRowLock(db, current.id, async (trx) => {
      if (!(await markNudged(trx, compensation.id, ctx.now()))) return;
      await appendEvent(trx, {
        caseId: current.id,
        teamId: current.teamId,
        kind: 'compensation_nudged',
        actorId: null,
        data: { compensationId: compensation.id, amountMinor: compensation.amountMinor, kind: compensation.kind, approvers: compensation.approverIds },
        at: ctx.now(),
      });
    });
  });
}
