import type { Harness } from './anthill-harness.js';
import { intakeValues, type IntakeForm } from './intake-values.js';
import { INTAKE_CALLBACK_ID } from '../../src/blocks/intake-modal.js';

/** A case the tests opened through the intake form, once its channel is set up. */
export interface OpenedCase {
  readonly id: string;
  readonly number: number;
  readonly channelId: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads until `read` gives a value (not undefined or false), or fails after `timeoutMs`. */
export async function poll<T>(read: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  for (const until = Date.now() + timeoutMs; Date.now() < until; await sleep(20)) {
    const value = await read();
    if (value !== undefined && value !== false) return value;
  }
  throw new Error('poll: condition not met in time');
}

/**
 * Submits the intake form as `reporter` (summaries are unique per test) and waits until the
 * case is provisioned: the reporter is told last, once every step is recorded.
 */
export async function submitComplaint(h: Harness, reporter: string, form: Partial<IntakeForm> & { summary: string }): Promise<OpenedCase> {
  await h.requests.viewSubmission({ userId: reporter, callbackId: INTAKE_CALLBACK_ID, values: intakeValues(form) });
  const row = await poll(() =>
    h.database.db
      .selectFrom('cases')
      .innerJoin('case_channels', 'case_channels.case_id', 'cases.id')
      .select(['cases.id', 'cases.number', 'case_channels.channel_id'])
      .where('summary', '=', form.summary)
      .where('case_channels.reporter_told_at', 'is not', null)
      .executeTakeFirst(),
  );
  return { id: row.id, number: row.number, channelId: row.channel_id ?? '' };
}
