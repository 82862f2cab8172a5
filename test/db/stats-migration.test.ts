import { Migrator, sql, type MigrationProvider } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { fillBusinessTimes } from '../../src/db/case-times-repository.js';
import type { BusinessCalendar } from '../../src/domain/business-calendar.js';
import { parseOpeningHours } from '../../src/domain/opening-hours.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const provider: MigrationProvider = { getMigrations: async () => migrations };
const H = 3_600_000;
const local = (wall: string) => new Date(`${wall}+01:00`);
const hours = parseOpeningHours('Mon-Fri 09:00-17:00');
if (!hours.ok) throw new Error(hours.error);
const calendar: BusinessCalendar = { timeZone: 'Europe/Warsaw', hours: hours.hours, holidays: ['2026-11-11'] };
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
});
afterAll(async () => {
  await database.drop();
});

describe('migration 0013: stats', () => {
  it('takes the first response and first resolution from the timeline; start-up fills their business times on the calendar', async () => {
    const migrator = new Migrator({ db: database.db, provider });
    expect((await migrator.migrateTo('20261203_0012_channel_restored')).error).toBeUndefined();
    const insertCase = async (number: number, openedAt: Date) => {
      const { rows } = await sql<{ id: string }>`
        insert into cases (team_id, number, summary, customer_name, customer_contact, category_id, severity, source, description,
                           status, reporter_id, created_at, updated_at)
        values ('T1', ${number}, 's', 'n', 'c', 'delivery', 'high', 'email', 'd', 'open', 'U1', ${openedAt}, ${openedAt})
        returning id`.execute(database.db);
      return rows[0]?.id ?? '';
    };
    const event = (caseId: string, kind: string, at: Date) =>
      sql`insert into case_events (case_id, team_id, kind, created_at) values (${caseId}, 'T1', ${kind}, ${at})`.execute(database.db);
    // Answered Tuesday 10:00 after opening Monday 16:00 (2h), resolved Thursday 10:00 over the holiday (1h + 8h + 1h), reopened and resolved again.
    const answered = await insertCase(1, local('2026-11-09T16:00:00'));
    await event(answered, 'opened', local('2026-11-09T16:00:00'));
    await event(answered, 'responded', local('2026-11-10T10:00:00'));
    await event(answered, 'resolved', local('2026-11-12T10:00:00'));
    await event(answered, 'reopened', local('2026-11-12T11:00:00'));
    await event(answered, 'resolved', local('2026-11-13T10:00:00'));
    // Closed without a response or a resolution: the close is both.
    const closed = await insertCase(2, local('2026-11-09T10:00:00'));
    await event(closed, 'closed', local('2026-11-09T12:30:00'));
    await insertCase(3, local('2026-11-09T10:00:00'));

    expect((await migrator.migrateTo('20261204_0013_stats')).error).toBeUndefined();
    const read = () =>
      database.db
        .selectFrom('cases')
        .select(['number', 'first_response_at', 'first_response_business_ms', 'resolved_at', 'resolution_business_ms'])
        .orderBy('number')
        .execute();
    expect(await read()).toEqual([
      { number: 1, first_response_at: local('2026-11-10T10:00:00'), first_response_business_ms: null, resolved_at: local('2026-11-12T10:00:00'), resolution_business_ms: null },
      { number: 2, first_response_at: local('2026-11-09T12:30:00'), first_response_business_ms: null, resolved_at: local('2026-11-09T12:30:00'), resolution_business_ms: null },
      { number: 3, first_response_at: null, first_response_business_ms: null, resolved_at: null, resolution_business_ms: null },
    ]);

    expect(await fillBusinessTimes(database.db, calendar, 1)).toBe(2);
    expect(await read()).toMatchObject([
      { number: 1, first_response_business_ms: String(2 * H), resolution_business_ms: String(10 * H) },
      { number: 2, first_response_business_ms: String(2.5 * H), resolution_business_ms: String(2.5 * H) },
      { number: 3, first_response_business_ms: null, resolution_business_ms: null },
    ]);
    // Once filled, start-up finds nothing to do.
    expect(await fillBusinessTimes(database.db, calendar)).toBe(0);

    expect((await migrator.migrateDown()).error).toBeUndefined();
    const { rows } = await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'cases' and column_name = 'resolved_at'`.execute(database.db);
    expect(rows).toEqual([]);
  });
});
