import type { AppContext } from '../../context.js';
import { addNote, changeSeverity, escalate, recordFirstResponse, reopen, resolve, setOwner } from '../../cases/case-actions.js';
import { findTargetCase } from '../../cases/find-case.js';
import { askForRetry } from '../../cases/retry-stuck-steps.js';
import { checkAssignee } from '../../domain/access.js';
import { listCases } from '../../db/case-repository.js';
import { currentDeadlines } from '../../db/deadline-repository.js';
import { listEvents } from '../../db/event-repository.js';
import { listStuckSteps } from '../../db/stuck-step-repository.js';
import { listDoneSteps } from '../../db/playbook-repository.js';
import { findLatestClosure } from '../../db/closure-repository.js';
import { findCaseSourceMessage } from '../../db/source-message-repository.js';
import { CASE_LIST_MAX_CASES, caseListBlocks, caseListText, caseSummaryBlocks, caseSummaryText, type CaseListFilter } from '../../blocks/case-summary.js';
import { categoryName, deadlineViews, playbookView } from '../../blocks/card-message.js';
import { timelineText } from '../../blocks/event-lines.js';
import { stuckStepLabel } from '../../blocks/stuck-steps.js';
import { severityText, userMention } from '../../blocks/format.js';
import type { Reply } from '../reply.js';
import { finishChange } from '../finish-change.js';
import { scheduleAfterCommit } from '../schedule-after-commit.js';
import type { ComplaintCommand } from './parse-arguments.js';
import { userErrorText } from '../../blocks/user-error-text.js';
import { actionItemListReply } from '../action-item-list.js';

export type CaseCommand = Extract<
  ComplaintCommand,
  { kind: 'list' | 'show' | 'take' | 'assign' | 'responded' | 'note' | 'severity' | 'escalate' | 'resolve' | 'reopen' | 'retry' }
>;

export interface CommandOrigin {
  readonly teamId: string;
  readonly userId: string;
  readonly channelId: string;
}

/** Runs a `/complaint` subcommand that reads or changes cases and says what happened. */
export async function runCaseCommand(ctx: AppContext, command: CaseCommand, origin: CommandOrigin): Promise<Reply> {
  if (command.kind === 'list') return command.filter === 'actions' ? actionItemListReply(ctx, origin.teamId) : listReply(ctx, command.filter, origin);

  const { words } = ctx;
  const target = await findTargetCase(ctx.db, { ...origin, caseNumber: command.caseNumber, verb: command.kind });
  if (!target.ok) return { text: userErrorText(words, target) };
  const found = target.case;
  const caseNumber = String(found.number);
  const base = { caseId: found.id, teamId: origin.teamId, actorId: origin.userId, now: ctx.now() };

  switch (command.kind) {
    case 'show': {
      const [events, deadlines, stuck, done, closure, source] = await Promise.all([
        listEvents(ctx.db, found.id),
        currentDeadlines(ctx.db, found.id),
        listStuckSteps(ctx.db, found.id),
        listDoneSteps(ctx.db, found.id),
        findLatestClosure(ctx.db, found.id),
        findCaseSourceMessage(ctx.db, found.id),
      ]);
      const blocks = caseSummaryBlocks(words, {
        case: found,
        categoryName: categoryName(ctx.policy, found.categoryId),
        now: ctx.now(),
        deadlines: deadlineViews(deadlines, ctx.now()),
        stuck,
        playbook: playbookView(ctx.policy, found.categoryId, done),
        events: events.map((e) => ({ at: e.at, line: timelineText(ctx.words, e) })),
        ...(closure?.recordPostedAt && { record: { closedAt: closure.closedAt, permalink: closure.recordPermalink } }),
        ...(source && { sourceMessage: source }),
      });
      return { text: caseSummaryText(words, found), blocks };
    }
    case 'take':
      return finishChange(ctx, await setOwner(ctx.db, { ...base, ownerId: origin.userId }), words.t('reply.taken', { caseNumber }));
    case 'assign': {
      // The owner gets the case's reminders: only someone who may see the case can own it.
      const refused = checkAssignee(await ctx.accounts.lookup(command.userId), ctx.workspace);
      if (refused) return { text: userErrorText(words, refused) };
      return finishChange(
        ctx,
        await setOwner(ctx.db, { ...base, ownerId: command.userId }),
        words.t('reply.assigned', { caseNumber, owner: userMention(command.userId) }),
      );
    }
    case 'responded':
      return finishChange(ctx, await recordFirstResponse(ctx.db, ctx.policy, { ...base, note: command.note }), words.t('reply.responded', { caseNumber }));
    case 'note':
      return finishChange(ctx, await addNote(ctx.db, { ...base, text: command.text }), words.t('reply.noted', { caseNumber }));
    case 'severity':
      return finishChange(
        ctx,
        await changeSeverity(ctx.db, ctx.policy, { ...base, severity: command.severity }),
        words.t('reply.severityChanged', { caseNumber, severity: severityText(words, command.severity) }),
      );
    case 'escalate':
      return finishChange(ctx, await escalate(ctx.db, ctx.policy, { ...base, reason: command.reason }), words.t('reply.escalated', { caseNumber }));
    case 'resolve':
      return finishChange(ctx, await resolve(ctx.db, ctx.policy, { ...base, how: command.how }), words.t('reply.resolved', { caseNumber }));
    case 'reopen':
      return finishChange(ctx, await reopen(ctx.db, ctx.policy, { ...base, reason: command.reason }), words.t('reply.reopened', { caseNumber }));
    case 'retry': {
      const retry = await askForRetry(ctx.db, { case: found, now: ctx.now() });
      if (!retry.ok) return { text: userErrorText(words, retry) };
      await scheduleAfterCommit(ctx, retry.jobs, found.number);
      const steps = retry.steps.map((record) => `• ${stuckStepLabel(words, record.step)}`).join('\n');
      return { text: words.t('reply.retrying', { caseNumber, count: retry.steps.length, steps }) };
    }
  }
}

async function listReply(ctx: AppContext, filter: CaseListFilter, origin: CommandOrigin): Promise<Reply> {
  const { cases, total } = await listCases(ctx.db, { teamId: origin.teamId, filter, userId: origin.userId, limit: CASE_LIST_MAX_CASES, now: ctx.now() });
  const text = caseListText(ctx.words, filter, total);
  if (total === 0) return { text };
  const blocks = caseListBlocks(ctx.words, {
    filter,
    cases: cases.map((listed) => ({ ...listed, categoryName: categoryName(ctx.policy, listed.case.categoryId) })),
    now: ctx.now(),
    total,
  });
  return { text, blocks };
}
