import { Queue } from 'bullmq';
import { parse } from 'csv-parse/sync';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS } from '../../src/blocks/case-export-csv.js';
import { requestExport } from '../../src/cases/request-export.js';
import { parsePeriod } from '../../src/domain/period.js';
import { sendCaseExport } from '../../src/jobs/export-cases.js';
import { QUEUE_NAME } from '../../src/jobs/job-queue.js';
import { reconcile } from '../../src/jobs/reconcile.js';
import { REDIS_URL, startHarness, type Harness } from '../support/anthill-harness.js';
import { poll, submitComplaint, type OpenedCase } from '../support/case-flow.js';
import { captureLog, findLeaks, type CapturedLog } from '../support/log-capture.js';

const REPORTER = 'U0REP0001';
const AGENT = 'U0AAA0001';
const OTHER = 'U0LEAD001';
const GUEST = 'U0GUEST01';
const HOSTILE_NAME = '=HYPERLINK("http://evil.example","Ł, click")';
let h: Harness;
let redis: Redis;
let queue: Queue;
let logs: CapturedLog;
let first: OpenedCase;
let second: OpenedCase;

beforeAll(async () => {
  logs = captureLog('debug');
  h = await startHarness({ users: [REPORTER], reconcileEveryMs: 6 * 3600_000, logger: logs.logger });
  h.slack.addUser(GUEST, { is_restricted: true });
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue(QUEUE_NAME, { connection: redis, prefix: h.prefix });
  first = await submitComplaint(h, REPORTER, { summary: 'Export: parcel late, "again"', customerName: HOSTILE_NAME });
  second = await submitComplaint(h, REPORTER, { summary: 'Export: Żółta pralka — сломана', customerName: '+48 600 100 200' });
});
afterAll(async () => {
  await queue?.close();
  await redis?.quit();
  await h?.close();
});

/** `/complaint <text>` as `userId`, signed; the acknowledgement's JSON. */
async function command(text: string, userId = AGENT): Promise<{ text: string; response_type?: string }> {
  const response = await h.requests.slashCommand({ userId, channelId: 'C0ELSEWHERE', text });
  expect(response.status).toBe(200);
  return response.json as { text: string; response_type?: string };
}

const dmOf = (userId: string) => h.slack.calls('conversations.open').find((call) => call.params.users === userId)?.result as { channel?: { id: string } } | undefined;
const exportRows = () => h.database.db.selectFrom('case_exports').selectAll().orderBy('id').execute();
const settled = (id: string) =>
  poll(async () => {
    const row = await h.database.db.selectFrom('case_exports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return row.posted_at || row.failed_at ? row : undefined;
  });

/** The file's bytes as a reader gets them (files.info's url_private_download, with the bot token), decoded as UTF-8 with its BOM. */
async function download(fileId: string): Promise<string> {
  const { file } = await h.anthill.ctx.slack.files.info({ file: fileId });
  const response = await fetch(file?.url_private_download ?? '', { headers: { authorization: `Bearer ${h.slack.token}` } });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer()).toString('utf8');
}

/** The export the command records after acknowledging: the one after the `count` already there. */
const recorded = (count: number) => poll(async () => (await exportRows())[count]);

/** An export of the last 7 days recorded as the command does, but not queued: the test runs its job. */
async function heldExport(): Promise<string> {
  const ctx = h.anthill.ctx;
  const period = parsePeriod('7d', ctx.policy.calendar.timeZone, ctx.now());
  if ('problem' in period) throw new Error(period.problem);
  return (await requestExport(ctx.db, { teamId: h.slack.teamId, userId: AGENT, period, now: ctx.now() })).export.id;
}

describe('/complaint export', () => {
  it('acknowledges at once, then sends the CSV of the period’s cases to the requester’s DM alone, parsing back to what was typed', async () => {
    const ack = await command('export 7d');
    expect(ack.response_type).toBe('ephemeral');
    expect(ack.text).toContain('Preparing your export of the complaints opened');
    const row = await recorded(0);
    const done = await settled(row.id);
    expect(done).toMatchObject({ user_id: AGENT, team_id: h.slack.teamId, row_count: 2, failed_at: null });

    const dm = dmOf(AGENT)?.channel?.id;
    expect(dm).toMatch(/^D/);
    const files = h.slack.files();
    expect(files).toHaveLength(1);
    const [file] = files;
    expect(file).toMatchObject({ id: done.file_id, channel: dm });
    expect(file?.name).toMatch(/^complaints-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file?.initial_comment).toContain('2 rows, one per case');
    expect(file?.initial_comment).toContain('personal data');
    // Shared once, in that DM, and nowhere else.
    const completions = h.slack.calls('files.completeUploadExternal');
    expect(completions).toHaveLength(1);
    expect(completions[0]?.params.channel_id).toBe(dm);
    expect(h.slack.dms(AGENT).filter((m) => m.files?.includes(file?.id ?? ''))).toHaveLength(1);
    for (const channel of h.slack.channels()) expect(h.slack.messages(channel.id).some((m) => m.files?.length)).toBe(false);
    const info = (await h.anthill.ctx.slack.files.info({ file: file?.id ?? '' })).file as { shares?: { private?: Record<string, unknown> }; ims?: string[] };
    expect(Object.keys(info.shares?.private ?? {})).toEqual([dm]);

    const content = await download(file?.id ?? '');
    expect(content).toBe(file?.content);
    expect(content.startsWith('\uFEFFnumber,opened_at,')).toBe(true);
    const records = parse(content, { bom: true, columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    expect(Object.keys(records[0] ?? {})).toEqual([...EXPORT_COLUMNS]);
    expect(records.map((r) => Number(r.number))).toEqual([first.number, second.number]);
    expect(records[0]).toMatchObject({
      summary: 'Export: parcel late, "again"',
      customer_name: `'${HOSTILE_NAME}`,
      status: 'open',
      severity: 'high',
      category_id: 'delivery',
      category_name: 'Late or damaged delivery',
      source: 'email',
      reporter_id: REPORTER,
      owner_id: '',
      escalated: 'no',
      compensation_approved_minor: '0',
      currency: h.policy.currency,
      channel_id: first.channelId,
    });
    expect(records[0]?.opened_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(records[1]).toMatchObject({ summary: 'Export: Żółta pralka — сломана', customer_name: "'+48 600 100 200", channel_id: second.channelId });

    // Nothing of the file reached the logs.
    expect(findLeaks(logs.text(), ['Export: parcel late', HOSTILE_NAME, 'Żółta pralka', '+48 600 100 200', content.slice(0, 40)])).toEqual([]);
  });

  it('sends a friendly message instead of an empty file for a period without cases', async () => {
    const before = h.slack.files().length;
    const count = (await exportRows()).length;
    expect((await command('export 2020-01-01..2020-01-31')).text).toContain('Preparing your export');
    const row = await recorded(count);
    expect(await settled(row.id)).toMatchObject({ row_count: 0, file_id: null, failed_at: null });
    expect(h.slack.dms(AGENT).at(-1)?.text).toContain('so there is no file to send');
    expect(h.slack.files()).toHaveLength(before);
  });

  it('explains a period it cannot read, like stats, and records nothing', async () => {
    const count = (await exportRows()).length;
    expect((await command('export fortnight')).text).toBe(
      'I could not read `fortnight` as a period. Try `7d`, `30d`, `90d` or whole days like `2026-10-01..2026-10-31`.',
    );
    expect((await command('export 2026-10-31..2026-10-01')).text).toContain('ends before it starts');
    expect(await exportRows()).toHaveLength(count);
  });

  it('refuses a guest before anything is recorded', async () => {
    const count = (await exportRows()).length;
    const response = await h.requests.slashCommand({ userId: GUEST, channelId: 'C0ELSEWHERE', text: 'export 7d' });
    expect(JSON.stringify(response.json)).not.toContain('Preparing');
    expect(await exportRows()).toHaveLength(count);
  });

  it('a crash between the upload and recording it does not send a second file', async () => {
    const id = await heldExport();
    const before = h.slack.files().length;
    await expect(sendCaseExport(h.anthill.ctx, id, { afterUpload: async () => { throw new Error('worker killed'); } })).rejects.toThrow('worker killed');
    const stored = await h.database.db.selectFrom('case_exports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ posted_at: null, row_count: 2 });
    expect(h.slack.files()).toHaveLength(before + 1);

    // Reconciliation asks for it again; the run asks Slack about the stored file and only records it.
    const report = await reconcile(h.anthill.ctx, queue, { atStartup: false });
    expect(report.requestedIds).toContain(`export-${id}`);
    const done = await settled(id);
    expect(done).toMatchObject({ file_id: stored.file_id, row_count: 2, failed_at: null });
    expect(h.slack.files()).toHaveLength(before + 1);
    expect(h.slack.calls('files.info').some((call) => call.params.file === stored.file_id)).toBe(true);
    expect((await reconcile(h.anthill.ctx, queue, { atStartup: false })).requestedIds).not.toContain(`export-${id}`);
  });

  it('a crash after Slack gave the file id but before the bytes went up uploads it again, once', async () => {
    const id = await heldExport();
    const before = h.slack.files().length;
    await expect(sendCaseExport(h.anthill.ctx, id, { afterReserve: async () => { throw new Error('worker killed'); } })).rejects.toThrow('worker killed');
    const stored = await h.database.db.selectFrom('case_exports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.file_id).toMatch(/^F/);
    expect(h.slack.files()).toHaveLength(before);

    await sendCaseExport(h.anthill.ctx, id);
    const done = await settled(id);
    expect(done.file_id).not.toBe(stored.file_id);
    expect(h.slack.files()).toHaveLength(before + 1);
    expect(h.slack.files().at(-1)).toMatchObject({ id: done.file_id, channel: dmOf(AGENT)?.channel?.id });
    // Run again (a duplicate job): nothing more.
    await sendCaseExport(h.anthill.ctx, id);
    expect(h.slack.files()).toHaveLength(before + 1);
  });

  it('gives up on a permanent refusal: recorded, the person told, never tried again', async () => {
    const id = await heldExport();
    h.slack.failNext('files.completeUploadExternal', { error: 'not_allowed_token_type' });
    await sendCaseExport(h.anthill.ctx, id);
    const done = await settled(id);
    expect(done).toMatchObject({ posted_at: null, failure: 'not_allowed_token_type' });
    expect(done.failed_at).not.toBeNull();
    expect(h.slack.dms(AGENT).at(-1)?.text).toContain('Slack answered `not_allowed_token_type`');
    expect((await reconcile(h.anthill.ctx, queue, { atStartup: false })).requestedIds).not.toContain(`export-${id}`);
    const completions = h.slack.calls('files.completeUploadExternal').length;
    await sendCaseExport(h.anthill.ctx, id);
    expect(h.slack.calls('files.completeUploadExternal')).toHaveLength(completions);
  });

  it('sends each person their own export only', async () => {
    const count = (await exportRows()).length;
    expect((await command('export 7d', OTHER)).text).toContain('Preparing');
    const row = await recorded(count);
    expect(row.user_id).toBe(OTHER);
    const done = await settled(row.id);
    const otherDm = dmOf(OTHER)?.channel?.id;
    expect(otherDm).toBeDefined();
    expect(otherDm).not.toBe(dmOf(AGENT)?.channel?.id);
    expect(h.slack.files().find((f) => f.id === done.file_id)?.channel).toBe(otherDm);
  });
});
