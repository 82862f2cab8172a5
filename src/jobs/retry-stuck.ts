import type { AppContext } from '../context.js';
import { findCaseById } from '../db/case-repository.js';
import { listStuckSteps } from '../db/stuck-step-repository.js';
import { isDue } from '../domain/stuck-step.js';
import { handleDeadlineBreach } from './deadline-breach.js';
import { sendDeadlineWarning } from './deadline-warning.js';
import { inviteIntoCase } from './invite-into-case.js';
import { provisionCase } from './provision-case.js';
import { syncCase } from './sync-case.js';
import { syncApprovalRequest } from './approval-request.js';
import { sendApprovalNudge } from './approval-nudge.js';
import { sendFollowUp, tellLeadsAfterFollowUps } from './follow-up.js';
import { sendActionItemReminder } from './action-item-due.js';
import { askForRetroNotes } from './retro-requests.js';
import { remindAboutRetro } from './retro-reminder.js';
import { postRetroSummary } from './retro-summary.js';
import { postCaseRecord } from './case-record.js';

/**
 * Tries a case's stuck Slack steps whose time has come (reconciliation asks on their
 * schedule, `/complaint retry` makes them due at once), each by running again the work
 * it belongs to: the set-up, the invitations of the people Slack refused, the reminder
 * or breach DMs still owed, the case record, a close's retro DMs, summary and archive. Last the channel lines and the card, so the card shows what
 * is still stuck. Each try that fails again is counted and scheduled further out; one
 * that goes through is no longer stuck.
 */
export async function retryStuckSteps(ctx: AppContext, caseId: string): Promise<void> {
  const now = ctx.now();
  const due = (await listStuckSteps(ctx.db, caseId)).filter((record) => isDue(record, now)).map((record) => record.step);
  if (due.length === 0) return;

  if (due.some((step) => step.kind === 'provision')) await provisionCase(ctx, caseId);

  const refusedPeople = due.flatMap((step) => (step.kind === 'invite' ? [step.userId] : []));
  const current = await findCaseById(ctx.db, caseId);
  if (refusedPeople.length > 0 && current?.channelId) await inviteIntoCase(ctx, ctx.db, current, current.channelId, refusedPeople);

  const reminders = new Set(due.flatMap((step) => (step.kind === 'reminder_dm' ? [step.deadlineId] : [])));
  for (const deadlineId of reminders) await sendDeadlineWarning(ctx, deadlineId);
  const breaches = new Set(due.flatMap((step) => (step.kind === 'breach_dm' ? [step.deadlineId] : [])));
  for (const deadlineId of breaches) await handleDeadlineBreach(ctx, deadlineId);
  const approvals = new Set(due.flatMap((step) => (step.kind === 'approval' ? [step.compensationId] : [])));
  for (const compensationId of approvals) {
    await syncApprovalRequest(ctx, compensationId);
    await sendApprovalNudge(ctx, compensationId);
  }
  const followUps = new Set(due.flatMap((step) => (step.kind === 'follow_up' ? [step.followUpId] : [])));
  for (const followUpId of followUps) {
    await sendFollowUp(ctx, followUpId);
    await tellLeadsAfterFollowUps(ctx, followUpId);
  }
  const actionItems = new Set(due.flatMap((step) => (step.kind === 'action_item' ? [step.actionItemId] : [])));
  for (const actionItemId of actionItems) await sendActionItemReminder(ctx, actionItemId);
  const records = new Set(due.flatMap((step) => (step.kind === 'case_record' ? [step.closureId] : [])));
  for (const closureId of records) await postCaseRecord(ctx, closureId);
  const retroStep = (kinds: readonly string[]) => new Set(due.flatMap((step) => ('closureId' in step && kinds.includes(step.kind) ? [step.closureId] : [])));
  for (const closureId of retroStep(['retro_ask'])) await askForRetroNotes(ctx, closureId);
  for (const closureId of retroStep(['retro_reminder'])) await remindAboutRetro(ctx, closureId);
  for (const closureId of retroStep(['retro_summary', 'channel_archive'])) await postRetroSummary(ctx, closureId);

  await syncCase(ctx, caseId);
}
