import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, exportCsvHeader, exportCsvLines, exportRecord } from '../../src/blocks/case-export-csv.js';
import type { CaseExportRow } from '../../src/db/export-repository.js';

const CONTEXT = { categoryName: (id: string) => (id === 'delivery' ? 'Late or damaged delivery' : id), currency: 'PLN' };

function row(change: Partial<CaseExportRow> = {}): CaseExportRow {
  return {
    id: '00000000-0000-0000-0000-000000000001',
    number: 12,
    openedAt: new Date('2026-11-09T09:00:00.123Z'),
    status: 'closed',
    severity: 'high',
    categoryId: 'delivery',
    summary: 'Parcel late',
    customerName: 'Anna Nowak',
    source: 'email',
    ownerId: 'U0AAA0001',
    reporterId: 'U0REP0001',
    firstResponseAt: new Date('2026-11-09T10:00:00Z'),
    firstResponseBusinessMinutes: 60,
    resolvedAt: new Date('2026-11-10T09:00:00Z'),
    resolutionBusinessMinutes: 480,
    firstResponseBreached: false,
    resolutionBreached: true,
    escalated: false,
    compensationApprovedMinor: 12_345,
    closedAt: new Date('2026-11-13T09:00:00Z'),
    outcome: 'in_favour',
    satisfaction: 5,
    rootCauses: ['delivery_partner', 'process_gap'],
    channelId: 'C0CASE0001',
    ...change,
  };
}

/** The file as a reader parses it: header and records, RFC 4180, BOM removed. */
function readBack(csv: string): Record<string, string>[] {
  return parse(csv, { bom: true, columns: true, relax_column_count: false, record_delimiter: '\r\n' }) as Record<string, string>[];
}

const file = (...rows: CaseExportRow[]) => exportCsvHeader() + exportCsvLines(rows, CONTEXT);

describe('the export CSV', () => {
  it('starts with a BOM and the documented header, every record ends with CRLF', () => {
    const csv = file(row());
    expect(csv.startsWith('\uFEFFnumber,opened_at,status,')).toBe(true);
    expect(csv.split('\r\n')[0]).toBe(`\uFEFF${EXPORT_COLUMNS.join(',')}`);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
  });

  it('writes every column of a case in its documented format', () => {
    const [record] = readBack(file(row()));
    expect(record).toEqual({
      number: '12',
      opened_at: '2026-11-09T09:00:00Z',
      status: 'closed',
      severity: 'high',
      category_id: 'delivery',
      category_name: 'Late or damaged delivery',
      summary: 'Parcel late',
      customer_name: 'Anna Nowak',
      source: 'email',
      owner_id: 'U0AAA0001',
      reporter_id: 'U0REP0001',
      first_response_at: '2026-11-09T10:00:00Z',
      first_response_business_minutes: '60',
      resolved_at: '2026-11-10T09:00:00Z',
      resolution_business_minutes: '480',
      first_response_breached: 'no',
      resolution_breached: 'yes',
      escalated: 'no',
      compensation_approved_minor: '12345',
      currency: 'PLN',
      closed_at: '2026-11-13T09:00:00Z',
      outcome: 'in_favour',
      satisfaction: '5',
      root_causes: 'delivery_partner;process_gap',
      channel_id: 'C0CASE0001',
    });
  });

  it('leaves the cells of what has not happened empty, and writes no compensation as 0', () => {
    const [record] = readBack(
      file(row({ ownerId: null, firstResponseAt: null, firstResponseBusinessMinutes: null, resolvedAt: null, resolutionBusinessMinutes: null, closedAt: null, outcome: null, satisfaction: null, rootCauses: [], channelId: null, compensationApprovedMinor: 0 })),
    );
    expect(record).toMatchObject({ owner_id: '', first_response_at: '', first_response_business_minutes: '', resolved_at: '', closed_at: '', outcome: '', satisfaction: '', root_causes: '', channel_id: '', compensation_approved_minor: '0' });
  });

  it('quotes commas, quotes and newlines as RFC 4180 says, and keeps unicode as it is', () => {
    const summary = 'Late, "very" late\r\nand a second line\nand a third';
    const customer = 'Żaneta Łukasiewicz — Иван Петров 🙂 \u202Eevil\u202C';
    const csv = file(row({ summary, customerName: customer }));
    expect(csv).toContain(',"Late, ""very"" late\r\nand a second line\nand a third",');
    expect(csv).toContain(`,${customer},`);
    const [record] = readBack(csv);
    expect(record?.summary).toBe(summary);
    expect(record?.customer_name).toBe(customer);
    expect(Buffer.from(csv, 'utf8').toString('utf8')).toBe(csv);
  });

  it.each([
    ['=', '=HYPERLINK("http://evil.example","click")'],
    ['+', '+48 600 100 200'],
    ['-', '-2+3'],
    ['@', '@SUM(A1:A9)'],
    ['tab', '\t=1+1'],
    ['carriage return', '\r=1+1'],
    ['full-width =', '\uFF1D1+1'],
  ])('neutralises a text cell starting with %s by a leading single quote', (_name, text) => {
    const [record] = readBack(file(row({ summary: text, customerName: text })));
    expect(record?.summary).toBe(`'${text}`);
    expect(record?.customer_name).toBe(`'${text}`);
  });

  it('leaves text that only contains those characters later alone', () => {
    const [record] = readBack(file(row({ summary: 'a=b, c+d, e-f, g@h' })));
    expect(record?.summary).toBe('a=b, c+d, e-f, g@h');
  });

  it('writes amounts and numbers as plain digits, never prefixed, even a negative number', () => {
    const cells = exportRecord(row({ compensationApprovedMinor: 199_999 }), CONTEXT);
    expect(cells[EXPORT_COLUMNS.indexOf('compensation_approved_minor')]).toBe(199_999);
    expect(readBack(file(row({ compensationApprovedMinor: 199_999 })))[0]?.compensation_approved_minor).toBe('199999');
    // csv-stringify prefixes '-' only on text: a number we write stays a number.
    const negative = exportCsvLines([row({ compensationApprovedMinor: -500, firstResponseBusinessMinutes: -1 })], CONTEXT);
    expect(negative).toContain(',-500,PLN,');
    expect(negative).toContain(',-1,');
  });

  it('shows a removed category by its id', () => {
    expect(readBack(file(row({ categoryId: 'gone' })))[0]).toMatchObject({ category_id: 'gone', category_name: 'gone' });
  });

  it('writes nothing for an empty page', () => {
    expect(exportCsvLines([], CONTEXT)).toBe('');
  });
});
