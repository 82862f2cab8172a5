import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/anthill-harness.js';
import { poll, submitComplaint, type OpenedCase } from '../support/case-flow.js';
import { captureLog, type CapturedLog } from '../support/log-capture.js';

const REPORTER = 'U0REP0001';
const AGENT = 'U0AAA0001';
const LEAD = 'U0LEAD001';
const GUEST = 'U0GUEST01';
let h: Harness;
let log: CapturedLog;
let c: OpenedCase;

/** Every text of the person's published Home, joined. */
function homeText(userId: string): string | undefined {
  const view = h.slack.views().find((v) => v.type === 'home' && v.user_id === userId);
  if (!view) return undefined;
  return ((view.definition.blocks ?? []) as { text?: { text: string }; elements?: { text?: string }[] }[])
    .map((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text ?? '')].join('\n'))
    .join('\n');
}

const publishes = (userId: string) => h.slack.calls('views.publish').filter((call) => call.params.user_id === userId && call.status === 200);

function openHome(userId: string, options: { eventId?: string; retryNum?: number; tab?: string } = {}) {
  return h.requests.event(
    { type: 'app_home_opened', user: userId, channel: `D${userId.slice(1)}`, tab: options.tab ?? 'home' },
    options.retryNum !== undefined ? { headers: { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' } } : {},
    options.eventId !== undefined ? { eventId: options.eventId } : {},
  );
}

async function command(userId: string, text: string): Promise<string> {
  const response = await h.requests.slashCommand({ userId, channelId: c.channelId, text });
  expect(response.status).toBe(200);
  const post = await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl)[0]);
  return (post.body as { text: string }).text;
}

beforeAll(async () => {
  log = captureLog('info');
  h = await startHarness({ users: [REPORTER], logger: log.logger });
  h.slack.addUser(GUEST, { is_restricted: true });
  c = await submitComplaint(h, REPORTER, { summary: 'Kettle arrived without a lid' });
  expect(await command(AGENT, 'take')).toContain('You own case #1 now.');
});
afterAll(async () => {
  await h.close();
});

describe('App Home', () => {
  it('shows the owner their open case with its next deadline, and the team’s figures', async () => {
    const response = await openHome(AGENT);
    expect(response.status).toBe(200);
    const text = await poll(async () => homeText(AGENT));
    expect(text).toContain('Your complaints desk');
    expect(text).toContain('*:file_folder: Your open cases* (1)');
    expect(text).toMatch(/• \*#1\* · :hourglass_flowing_sand: First response due .+ · Kettle arrived without a lid · <#C/);
    expect(text).toContain('*:moneybag: Waiting for your approval* (0)');
    expect(text).toContain('*:bar_chart: The team, last 30 days*');
    expect(text).toContain('• Opened: *1*');
    // Not a lead: no team list of overdue cases.
    expect(text).not.toContain('past a deadline');
  });

  it('handles a retried delivery of the same event once', async () => {
    const before = await h.database.db.selectFrom('handled_events').select('event_id').execute();
    const openedAt = async () => (await h.database.db.selectFrom('home_views').select('opened_at').where('user_id', '=', AGENT).executeTakeFirstOrThrow()).opened_at;
    const earlier = await openedAt();
    await openHome(AGENT, { eventId: 'Ev0RETRIED01' });
    // The first delivery is handled: the open is recorded.
    await poll(async () => (await openedAt()).getTime() !== earlier.getTime());
    const opened = { opened_at: await openedAt() };
    const retry = await openHome(AGENT, { eventId: 'Ev0RETRIED01', retryNum: 1 });
    expect(retry.status).toBe(200);
    await poll(async () => log.entries().some((entry) => entry.msg === 'app_home_opened delivered again; handled already' && entry.retryNum === 1));
    const after = await h.database.db.selectFrom('home_views').select('opened_at').where('user_id', '=', AGENT).executeTakeFirstOrThrow();
    expect(after.opened_at).toEqual(opened.opened_at);
    expect((await h.database.db.selectFrom('handled_events').select('event_id').execute()).length).toBe(before.length + 1);
  });

  it('refreshes the owner’s Home when their case changes', async () => {
    await poll(async () => homeText(AGENT));
    expect(await command(AGENT, 'responded Called the customer')).toContain('#1');
    const text = await poll(async () => homeText(AGENT)?.includes(':hourglass_flowing_sand: Resolution due') && homeText(AGENT));
    expect(text).toContain('*#1*');
  });

  it('shows the approver the compensation waiting for them, and a lead the team’s cases past a deadline', async () => {
    expect(await command(AGENT, 'compensate 500 refund Kettle lid never came')).toContain('Proposed');
    // The lead opens the Home after the proposal: it lists what waits for the lead's decision.
    await openHome(LEAD);
    const text = await poll(async () => homeText(LEAD)?.includes('Waiting for your approval* (1)') && homeText(LEAD));
    expect(text).toMatch(/• \*#1\* PLN\s500\.00 \(Refund\) proposed by <@U0AAA0001>: Kettle arrived without a lid/);
    expect(text).toContain('*:rotating_light: Team cases past a deadline* (0)');
    expect(text).toContain('_No case is past a deadline. Nice work, everyone._');
    expect(text).toContain('*:file_folder: Your open cases* (0)');
  });

  it('gives guests nothing, and ignores the Messages tab', async () => {
    await openHome(GUEST);
    await openHome(REPORTER, { tab: 'messages' });
    // A member opening the Home afterwards is published; the two before it never were.
    await openHome('U0HEAD001');
    await poll(async () => homeText('U0HEAD001'));
    await poll(async () => log.entries().some((entry) => entry.msg === 'request refused: the requester may not see complaints'));
    expect(publishes(GUEST)).toEqual([]);
    expect(publishes(REPORTER)).toEqual([]);
    expect(await h.database.db.selectFrom('home_views').select('user_id').where('user_id', 'in', [GUEST, REPORTER]).execute()).toEqual([]);
  });
});
