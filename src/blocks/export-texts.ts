import { localDate } from '../domain/business-calendar.js';
import type { Words } from '../i18n/words.js';

/** The period of an export as the bot names it: `{from}`–`{to}` in the workspace zone, as stats does. */
interface ExportPeriod {
  readonly from: Date;
  readonly to: Date;
}

function range(words: Words, period: ExportPeriod): { from: string; to: string } {
  return { from: words.dateTime(period.from), to: words.dateTime(period.to) };
}

/** The ephemeral answer while the job prepares the file. */
export function exportPreparingText(words: Words, period: ExportPeriod): string {
  return words.t('export.preparing', range(words, period));
}

/** `complaints-2026-10-01-2026-11-01.csv`: the period's first and end days in the workspace zone. */
export function exportFileName(words: Words, period: ExportPeriod): string {
  return words.t('export.fileName', { from: localDate(words.timeZone, period.from), to: localDate(words.timeZone, period.to) });
}

export function exportFileTitle(words: Words, period: ExportPeriod): string {
  return words.t('export.fileTitle', range(words, period));
}

/** The message the file is shared with in the person's DM. */
export function exportComment(words: Words, period: ExportPeriod, count: number): string {
  return words.t('export.comment', { ...range(words, period), count });
}

/** Sent instead of an empty file. */
export function exportEmptyText(words: Words, period: ExportPeriod): string {
  return words.t('export.empty', range(words, period));
}

/** Sent when the export was given up: Slack refused it for good, or it could not be sent for a day. */
export function exportFailedText(words: Words, period: ExportPeriod, reason: string): string {
  return reason === 'expired' ? words.t('export.expired', range(words, period)) : words.t('export.failed', { ...range(words, period), error: reason });
}
