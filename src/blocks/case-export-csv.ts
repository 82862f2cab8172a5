import { stringify, type Options } from 'csv-stringify/sync';
import type { CaseExportRow } from '../db/export-repository.js';

/**
 * The export's columns, in order: names and values are the same in every language (ids,
 * `yes`/`no`, ISO 8601 UTC), so a spreadsheet or script reading them never breaks when the
 * team's language changes. The README's "Export" section documents each one. Append new
 * columns at the end; never rename or reorder one.
 */
export const EXPORT_COLUMNS = [
  'number',
  'opened_at',
  'status',
  'severity',
  'category_id',
  'category_name',
  'summary',
  'customer_name',
  'source',
  'owner_id',
  'reporter_id',
  'first_response_at',
  'first_response_business_minutes',
  'resolved_at',
  'resolution_business_minutes',
  'first_response_breached',
  'resolution_breached',
  'escalated',
  'compensation_approved_minor',
  'currency',
  'closed_at',
  'outcome',
  'satisfaction',
  'root_causes',
  'channel_id',
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** A cell: text (neutralised against formulas when it starts like one) or a number written as its digits. */
export type ExportCell = string | number;

/**
 * RFC 4180: fields separated by commas, records by CRLF, a field with a comma, quote, CR or
 * LF quoted with its quotes doubled. `escape_formulas` puts a `'` before a text cell that
 * starts with `=`, `+`, `-`, `@`, tab or CR (and their full-width forms), so a spreadsheet
 * shows it as text instead of running it; numbers are written as they are (csv-stringify
 * never prefixes a number, not even a negative one).
 */
const CSV_OPTIONS: Options = { delimiter: ',', quote: '"', escape: '"', record_delimiter: 'windows', escape_formulas: true, eof: true };

/** What the writer needs besides the rows: the policy's category names and currency. */
export interface ExportCsvContext {
  readonly categoryName: (categoryId: string) => string;
  readonly currency: string;
}

/**
 * The header line, after a UTF-8 byte order mark so that Excel reads Polish, Swedish and
 * Russian text correctly (other readers skip it).
 */
export function exportCsvHeader(): string {
  return stringify([[...EXPORT_COLUMNS]], { ...CSV_OPTIONS, bom: true });
}

/**
 * Lines of the file for a page of rows, one record each, in {@link EXPORT_COLUMNS} order.
 *
 * @example
 * exportCsvLines([row], { categoryName: (id) => id, currency: 'PLN' })
 * // '12,2026-11-09T10:00:00Z,open,high,delivery,delivery,"Parcel late, box torn",\'=HYPERLINK(…)…\r\n'
 */
export function exportCsvLines(rows: readonly CaseExportRow[], context: ExportCsvContext): string {
  if (rows.length === 0) return '';
  return stringify(
    rows.map((row) => exportRecord(row, context)),
    CSV_OPTIONS,
  );
}

/** One case as its cells, in column order. */
export function exportRecord(row: CaseExportRow, context: ExportCsvContext): ExportCell[] {
  const cells: Record<ExportColumn, ExportCell> = {
    number: row.number,
    opened_at: isoUtc(row.openedAt),
    status: row.status,
    severity: row.severity,
    category_id: row.categoryId,
    category_name: context.categoryName(row.categoryId),
    summary: row.summary,
    customer_name: row.customerName,
    source: row.source,
    owner_id: row.ownerId ?? '',
    reporter_id: row.reporterId,
    first_response_at: isoUtc(row.firstResponseAt),
    first_response_business_minutes: row.firstResponseBusinessMinutes ?? '',
    resolved_at: isoUtc(row.resolvedAt),
    resolution_business_minutes: row.resolutionBusinessMinutes ?? '',
    first_response_breached: yesNo(row.firstResponseBreached),
    resolution_breached: yesNo(row.resolutionBreached),
    escalated: yesNo(row.escalated),
    compensation_approved_minor: row.compensationApprovedMinor,
    currency: context.currency,
    closed_at: isoUtc(row.closedAt),
    outcome: row.outcome ?? '',
    satisfaction: row.satisfaction ?? '',
    root_causes: row.rootCauses.join(';'),
    channel_id: row.channelId ?? '',
  };
  return EXPORT_COLUMNS.map((column) => cells[column]);
}

/** ISO 8601 in UTC to the second (`2026-11-09T10:00:00Z`); empty when there is no moment. */
export function isoUtc(at: Date | null): string {
  return at === null ? '' : `${at.toISOString().slice(0, 19)}Z`;
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}
