import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type { Case } from '../domain/case.js';
import type { Closure } from '../domain/closure.js';
import type { Database } from '../db/tables.js';
import { categoryPlaybook } from '../config/policy.js';
import { inCaseRowLock } from '../db/case-lock.js';
import { findCaseById } from '../db/case-repository.js';
import { getCaseChannel } from '../db/case-channel-repository.js';
import { findClosure } from '../db/closure-repository.js';
import { listCompensations, markRecordPosted, storeRecordUpload } from '../db/case-record-repository.js';
import { listRetroRequests } from '../db/retro-repository.js';
import { retroJobs } from '../cases/retro-jobs.js';
import { appendEvent, listEvents } from '../db/event-repository.js';
import { listDoneSteps } from '../db/playbook-repository.js';
import { categoryName } from '../blocks/card-message.js';
import { caseRecordComment, caseRecordFileName, caseRecordMarkdown, caseRecordPeople, caseRecordTitle, type CaseRecordView } from '../blocks/case-record.js';
import { completeUpload, findUploadedFile, reserveUpload, sendUploadBytes } from '../outbound/file-upload.js';
import { classifySlackError } from '../outbound/slack-errors.js';
import { withJobLock } from './job-lock.js';
import { attemptStep } from './stuck-steps.js';

/** Points inside the case-record job where a test can act (a crash, say); the worker passes none. */
export interface CaseRecordJobHooks {
  /** After the file id is stored, before the bytes go up. */
  readonly afterReserve?: () => Promise<void>;
  /** After Slack completed the upload, before the record is marked posted. */
  readonly afterUpload?: () => Promise<void>;
}

const MARKDOWN = 'text/markdown; charset=utf-8';

/**
 * Posts the case record of a close into the case channel as a Markdown file, once. Under
 * the case's job lock; a close cancelled by reopening, or whose record is posted, does
 * nothing. The file id Slack hands out is stored before the upload is completed, so a
 * run after a crash asks Slack (files.info) whether that upload went through and records
 * it, instead of posting a second file; one that never was is uploaded again. A
 * permanent refusal (the channel archived, the bot removed from it) is a stuck step,
 * retried on its schedule and by `/complaint retry`.
 */
export async function postCaseRecord(ctx: AppContext, closureId: string, hooks: CaseRecordJobHooks = {}): Promise<void> {
  const first = await findClosure(ctx.db, closureId);
  if (!first) return;
  await withJobLock(ctx.db, first.caseId, async (db) => {
    const closure = await findClosure(db, closureId);
    const current = await findCaseById(db, first.caseId);
    if (!closure || !current || closure.cancelledAt || closure.recordPostedAt) return;
    const channelId = (await getCaseChannel(db, current.id))?.channel_id;
    // Without a channel there is nowhere to post; reconciliation asks again once there is one.
    if (!channelId) return;
    await attemptStep(ctx, db, current, { kind: 'case_record', closureId }, async () => {
      const posted = await uploadedBefore(ctx, current, closure, channelId) ?? (await upload(ctx, db, current, closure, channelId, hooks));
      await hooks.afterUpload?.();
      await inCaseRowLock(db, current.id, async (trx) => {
        if (!(await markRecordPosted(trx, { closureId, fileId: posted.fileId, permalink: posted.permalink, now: ctx.now() }))) return;
        await appendEvent(trx, {
          caseId: current.id,
          teamId: current.teamId,
          kind: 'case_record_posted',
          actorId: null,
          data: { closureId, fileId: posted.fileId, permalink: posted.permalink },
          at: ctx.now(),
        });
      });
      ctx.logger.info({ caseNumber: current.number, closureId }, 'posted the case record');
    });
    // A summary that waited for the record may be due now (everyone answered, or retro_due passed).
    const posted = await findClosure(db, closureId);
    if (posted?.recordPostedAt) {
      const summary = retroJobs(posted, await listRetroRequests(db, closureId)).filter((job) => job.kind === 'retro-summary');
      await ctx.jobs.schedule(summary);
    }
  });
}

interface PostedRecord {
  readonly fileId: string;
  readonly permalink: string | null;
}

/** The upload an earlier run started, if Slack completed it (the run stopped before recording it). */
async function uploadedBefore(ctx: AppContext, current: Case, closure: Closure, channelId: string): Promise<PostedRecord | undefined> {
  if (!closure.recordFileId) return undefined;
  const found = await findUploadedFile(ctx.slack, closure.recordFileId);
  if (!found) return undefined;
  if (!found.sharedIn.includes(channelId)) {
    // Slack shares a completed upload asynchronously: it is on its way to the channel.
    ctx.logger.info({ caseNumber: current.number, closureId: closure.id }, 'the case record was uploaded before and is not shown in the channel yet');
  }
  return { fileId: closure.recordFileId, permalink: found.permalink };
}

/** Writes the record and uploads it: the file id stored first, then the bytes, then the share. */
async function upload(ctx: AppContext, db: Kysely<Database>, current: Case, closure: Closure, channelId: string, hooks: CaseRecordJobHooks): Promise<PostedRecord> {
  const bytes = new TextEncoder().encode(await recordMarkdown(ctx, db, current, closure));
  const reserved = await reserveUpload(ctx.slack, { filename: caseRecordFileName(ctx.words, { number: current.number, closedAt: closure.closedAt }), length: bytes.length });
  await inCaseRowLock(db, current.id, (trx) => storeRecordUpload(trx, { closureId: closure.id, fileId: reserved.fileId }));
  await hooks.afterReserve?.();
  await sendUploadBytes(reserved.uploadUrl, bytes, MARKDOWN);
  const completed = await completeUpload(ctx.slack, {
    fileId: reserved.fileId,
    title: caseRecordTitle(ctx.words, current.number),
    channelId,
    initialComment: caseRecordComment(ctx.words, current.number),
  });
  const permalink = completed.permalink ?? (await findUploadedFile(ctx.slack, reserved.fileId))?.permalink ?? null;
  return { fileId: reserved.fileId, permalink };
}

/** The record's Markdown, from what PostgreSQL holds now, with people named as Slack names them. */
async function recordMarkdown(ctx: AppContext, db: Kysely<Database>, current: Case, closure: Closure): Promise<string> {
  const [events, doneSteps, compensations] = await Promise.all([listEvents(db, current.id), listDoneSteps(db, current.id), listCompensations(db, current.id)]);
  const view: Omit<CaseRecordView, 'names'> = {
    case: current,
    categoryName: categoryName(ctx.policy, current.categoryId),
    closure,
    events,
    doneSteps,
    playbookLength: categoryPlaybook(ctx.policy, current.categoryId).length,
    compensations,
  };
  const names = new Map<string, string>();
  for (const id of caseRecordPeople(ctx.words, view)) {
    const name = await nameOf(ctx, current, id);
    if (name) names.set(id, name);
  }
  return caseRecordMarkdown(ctx.words, { ...view, names });
}

/**
 * The name Slack shows for a person, or undefined (the record names them by id): someone
 * Slack no longer knows, or a refusal. A temporary failure throws, so the job tries again
 * before anything is uploaded.
 */
async function nameOf(ctx: AppContext, current: Case, userId: string): Promise<string | undefined> {
  try {
    return (await ctx.accounts.lookup(userId))?.name;
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind !== 'permanent') throw error;
    ctx.logger.warn({ caseNumber: current.number, slackError: failure.error }, 'could not look up a name for the case record; it names the person by id');
    return undefined;
  }
}
