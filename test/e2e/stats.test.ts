import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_CALLBACK_ID } from '../../src/blocks/intake-modal.js';
import { startHarness, type Harness } from '../support/anthill-harness.js';
import { intakeValues } from '../support/intake-values.js';

const REPORTER = 'U0REP0001';
const AGENT = 'U0AAA0001';
let h: Harness;

async function stats(text: string): Promise<{ text: string; blocks?: Array<{ text?: { text: string } }>; response_type?: string }> {
  const response = await h.requests.slashCommand({ userId: AGENT, channelId: 'C0ELSEWHERE', text });
  expect(response.status).toBe(200);
  const post = await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl)[0]);
  return post.body as { text: string; blocks?: Array<{ text?: { text: string } }>; response_type?: string };
}

const shown = (reply: { blocks?: Array<{ text?: { text: string } }> }) => (reply.blocks ?? []).map((b) => b.text?.text ?? '').join('\n');

beforeAll(async () => {
  h = await startHarness({ users: [REPORTER] });
  await h.requests.viewSubmission({ userId: REPORTER, callbackId: INTAKE_CALLBACK_ID, values: intakeValues({ summary: 'Stats case' }) });
  await h.slack.waitFor(() => h.slack.messages('C0TEAM0001')[0]);
});
afterAll(async () => {
  await h.close();
});

describe('/complaint stats', () => {
  it('answers 7d with the period’s figures beside the week before, ephemerally', async () => {
    const reply = await stats('stats 7d');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('Complaint stats for');
    const body = shown(reply);
    expect(body).toContain('Open now (not yet resolved): 1');
    expect(body).toContain('• Opened: *1*   _before: 0, +1_');
    expect(body).toContain('• Late or damaged delivery: 1');
    expect(body).toContain('*Cases opened per day*');
  });

  it('explains a period it cannot read, and one that ends before it starts', async () => {
    expect((await stats('stats fortnight')).text).toBe(
      'I could not read `fortnight` as a period. Try `7d`, `30d`, `90d` or whole days like `2026-10-01..2026-10-31`.',
    );
    expect((await stats('stats 2026-10-31..2026-10-01')).text).toContain('ends before it starts');
  });

  it('says kindly when nothing happened', async () => {
    const reply = await stats('stats 2020-01-01..2020-01-31');
    expect(shown(reply)).toContain('Nothing happened in this period');
  });
});
