import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type { Database } from '../db/tables.js';
import { isExportOwed, isExportTooOld, type CaseExport } from '../domain/case-export.js';
import { exportCursorAfter, findExport, loadExportPage, markExportFailed, markExportPosted, storeExportUpload, type ExportCursor } from '../db/export-repository.js';
import { categoryName } from '../blocks/card-message.js';
import { exportCsvHeader, exportCsvLines } from '../blocks/case-export-csv.js';
import { exportComment, exportEmptyText, exportFailedText, exportFileName, exportFileTitle } from '../blocks/export-texts.js';
import { openDirectMessage, sendDirectMessage } from '../outbound/direct-message.js';
import { completeUpload, findUploadedFile, reserveUpload, sendUploadBytes } from '../outbound/file-upload.js';
import { classifySlackError } from '../outbound/slack-errors.js';
import { withJobLock } from './job-lock.js';

/** Points inside the export job where a test can act (a crash, say); the worker passes none. */
export interface ExportJobHooks {
  /** After the file id is stored, before the bytes go up. */
  readonly afterReserve?: () => Promise<void>;
  /** After Slack completed the upload, before the export is marked sent. */
  readonly afterUpload?: () => Promise<void>;
}

/** Rows read from PostgreSQL at a time: the rows of one page are in memory, never the period's. */
export const EXPORT_PAGE_SIZE = 1000;
const CSV = 'text/csv; charset=utf-8';

/**
 * Writes the CSV of an export and shares it in the requester's DM with the bot, once: the
 * file goes to that person alone, since it holds customers' personal data. Under a job
 * lock of its own (exports belong to no case). The file id Slack hands out is stored
 * before the upload is completed, so a run after a crash asks Slack (files.info) whether
 * it went through and records it, instead of sending a second file; one that never was
 * is uploaded again. A period without cases gets a friendly DM instead of an empty file.
 * A permanent refusal, or a day of failing, gives the export up: recorded (`failed_at`,
 * `failure`) and the person told, never tried again. Neither the CSV nor anything in it
 * is ever logged.
 */
export async function sendCaseExport(ctx: AppContext, exportId: string, hooks: ExportJobHooks = {}): Promise<void> {
  const first = await findExport(ctx.db, exportId);
  if (!first || !isExportOwed(first)) return;
  await withJobLock(ctx.db, `export-${exportId}`, async (db) => {
    const entry = await findExport(db, exportId);
    if (!entry || !isExportOwed(entry)) return;
    try {
      if (entry.fileId && (await findUploadedFile(ctx.slack, entry.fileId))) {
        // An earlier run completed the upload and stopped before recording it.
        await markExportPosted(db, { exportId, fileId: entry.fileId, rowCount: entry.rowCount ?? 0, now: ctx.now() });
        ctx.logger.info({ exportId }, 'the export was sent before; recorded it');
        return;
      }
      if (isExportTooOld(entry, ctx.now())) {
        await giveUp(ctx, db, entry, 'expired');
        return;
      }
      const channelId = await openDirectMessage(ctx.slack, entry.userId);
      const csv = await writeCsv(ctx, db, entry);
      if (csv.rowCount === 0) {
        await ctx.slack.chat.postMessage({ channel: channelId, text: exportEmptyText(ctx.words, entry) });
        await markExportPosted(db, { exportId, fileId: null, rowCount: 0, now: ctx.now() });
        ctx.logger.info({ exportId, rowCount: 0 }, 'the export period has no cases; told the person');
        return;
      }
      const reserved = await reserveUpload(ctx.slack, { filename: exportFileName(ctx.words, entry), length: csv.bytes.length });
      await storeExportUpload(db, { exportId, fileId: reserved.fileId, rowCount: csv.rowCount });
      await hooks.afterReserve?.();
      await sendUploadBytes(reserved.uploadUrl, csv.bytes, CSV);
      await completeUpload(ctx.slack, {
        fileId: reserved.fileId,
        title: exportFileTitle(ctx.words, entry),
        channelId,
        initialComment: exportComment(ctx.words, entry, csv.rowCount),
      });
      await hooks.afterUpload?.();
      await markExportPosted(db, { exportId, fileId: reserved.fileId, rowCount: csv.rowCount, now: ctx.now() });
      ctx.logger.info({ exportId, rowCount: csv.rowCount, bytes: csv.bytes.length }, 'sent the export');
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.kind !== 'permanent') throw error;
      await giveUp(ctx, db, entry, failure.error);
    }
  });
}

/**
 * The whole file: the header, then the period's cases page by page (keyset on opening
 * time and id). Only the file's bytes are kept, never the pages' rows.
 */
async function writeCsv(ctx: AppContext, db: Kysely<Database>, entry: CaseExport): Promise<{ bytes: Buffer; rowCount: number }> {
  const context = { categoryName: (id: string) => categoryName(ctx.policy, id), currency: ctx.policy.currency };
  const chunks: Buffer[] = [Buffer.from(exportCsvHeader(), 'utf8')];
  let rowCount = 0;
  let after: ExportCursor | undefined;
  for (;;) {
    const page = await loadExportPage(db, { teamId: entry.teamId, from: entry.from, to: entry.to, now: entry.requestedAt, after, limit: EXPORT_PAGE_SIZE });
    if (page.length === 0) break;
    chunks.push(Buffer.from(exportCsvLines(page, context), 'utf8'));
    rowCount += page.length;
    if (page.length < EXPORT_PAGE_SIZE) break;
    after = exportCursorAfter(page);
  }
  return { bytes: Buffer.concat(chunks), rowCount };
}

/** Records the export as given up and tells the person, if Slack lets the bot reach them. */
async function giveUp(ctx: AppContext, db: Kysely<Database>, entry: CaseExport, reason: string): Promise<void> {
  if (!(await markExportFailed(db, { exportId: entry.id, failure: reason, now: ctx.now() }))) return;
  ctx.logger.warn({ exportId: entry.id, slackError: reason }, 'gave up the export');
  try {
    const told = await sendDirectMessage(ctx.slack, entry.userId, { text: exportFailedText(ctx.words, entry, reason) });
    if (!told.delivered) ctx.logger.warn({ exportId: entry.id, slackError: told.error }, 'could not tell the person their export was given up');
  } catch (error) {
    ctx.logger.warn({ exportId: entry.id, err: error }, 'could not tell the person their export was given up');
  }
}
