import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { INTAKE_CALLBACK_ID } from '../../src/blocks/intake-modal.js';
import { CATALOGS } from '../../src/i18n/translator.js';
import { startHarness, testPolicy, type Harness } from '../support/anthill-harness.js';
import { englishIn, englishSentences, payloadStrings } from '../support/english-sentences.js';
import { intakeValues } from '../support/intake-values.js';
import { closeValues } from '../support/close-values.js';
import type { SlackHttpResponse } from '../../fake-slack/slack-requests.js';

// A Polish team on a 24/7 calendar with deadlines of seconds, so a reminder and a breach come within the run.
const POLISH_SECONDS = (yaml: string) =>
  `${yaml.replace(
    /sla:\n(?:\s+\w+:.*\n){4}warn_at: 0\.75/,
    `sla:
  critical: { first_response: 2s, resolution: 4s }
  high:     { first_response: 1h, resolution: 1d }
  normal:   { first_response: 4h, resolution: 2d }
  low:      { first_response: 1d, resolution: 5d }
warn_at: 0.5`,
  )}\nlanguage: pl\n`;

const REPORTER = 'U0REP0001';
const AGENT = 'U0AAA0001';
const LEAD = 'U0LEAD001';
const GUEST = 'U0GUEST01';
let h: Harness;
/** Everything the bot answered on the HTTP requests themselves (acknowledgements, form errors). */
const answers: unknown[] = [];

beforeAll(async () => {
  h = await startHarness({ policy: await testPolicy(POLISH_SECONDS), users: [REPORTER] });
  h.slack.addUserGroup('S0GRP0001', ['U0GRP0001']);
  h.slack.addUser(GUEST, { is_restricted: true });
});
afterAll(async () => {
  await h?.close();
});

async function answer(response: SlackHttpResponse): Promise<{ text: string; blocks?: unknown }> {
  answers.push(response.json);
  if (response.json && typeof response.json === 'object' && 'text' in response.json) return response.json as { text: string };
  const post = await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl)[0]);
  return post.body as { text: string };
}

async function command(text: string, channelId: string, userId = AGENT) {
  const response = await h.requests.slashCommand({ userId, channelId, text });
  expect(response.status).toBe(200);
  return answer(response);
}

/** Every text the bot sent anywhere: Web API calls, response URLs, acknowledgements. */
function everythingSaid(): string[] {
  return [
    ...h.slack.calls().flatMap((call) => payloadStrings(call.params)),
    ...h.catcher.posts().flatMap((post) => payloadStrings(post.body)),
    ...answers.flatMap((body) => payloadStrings(body)),
  ];
}

describe('the English sentence scan', () => {
  it('finds the English catalog’s sentences in English text, so finding none in Polish means something', () => {
    const sentences = englishSentences();
    expect(sentences.length).toBeGreaterThan(50);
    expect(englishIn(Object.values(CATALOGS.en), sentences)).toHaveLength(sentences.length);
  });
});

describe('a Polish team, end to end through signed requests', () => {
  it('hears nothing but Polish from the bot from intake to reopening', async () => {
    expect(h.policy.language).toBe('pl');

    // The form, its help and a wrong command.
    const opened = await h.requests.slashCommand({ userId: REPORTER, channelId: 'C0ELSEWHERE', text: '' });
    const form = await h.slack.waitFor(() => h.slack.views().find((v) => v.trigger_id === opened.triggerId));
    expect(form.callback_id).toBe(INTAKE_CALLBACK_ID);
    expect((await command('help', 'C0ELSEWHERE')).text).toContain('/complaint take');
    expect((await command('frobnicate', 'C0ELSEWHERE')).text).toContain('/complaint help');

    // A form with a bad amount is refused on the field; a guest is refused; then the complaint is filed.
    const bad = await h.requests.viewSubmission({ userId: REPORTER, callbackId: INTAKE_CALLBACK_ID, values: intakeValues({ summary: 'Pralka', claimedLoss: 'dużo' }) });
    answers.push(bad.json);
    expect(bad.json).toMatchObject({ response_action: 'errors' });
    await answer(await h.requests.slashCommand({ userId: GUEST, channelId: 'C0ELSEWHERE', text: '' }));
    const filed = await h.requests.viewSubmission({
      userId: REPORTER,
      callbackId: INTAKE_CALLBACK_ID,
      values: intakeValues({ summary: 'Pralka przyszła z pękniętym bębnem', severity: 'critical', customerName: 'Anna Nowak', description: 'Bęben pęknięty, cieknie.' }),
    });
    answers.push(filed.json);
    const channel = await h.slack.waitFor(() => h.slack.channels().find((c) => c.name.startsWith('cmp-1-')));
    expect(channel.name).toBe('cmp-1-pralka-przyszla-z-peknietym-bebnem');
    await h.slack.waitFor(() => h.slack.dms(REPORTER).find((m) => m.text.includes(`<#${channel.id}>`)));
    const caseId = (await h.database.db.selectFrom('cases').select('id').where('number', '=', 1).executeTakeFirstOrThrow()).id;

    // The deadlines run out: a reminder, then a breach that brings the lead in.
    await h.slack.waitFor(() => h.slack.dms(LEAD).length > 0 && h.slack.dms(LEAD), 15_000);

    // Everything a team does with a case.
    const card = () => h.slack.messages(channel.id)[0]!;
    answers.push((await h.requests.blockAction({ userId: AGENT, channelId: channel.id, actionId: ACTION_IDS.take, message: card() })).json);
    await command('note Klient dzwonił ponownie', channel.id);
    const severity = await h.requests.blockAction({
      userId: AGENT,
      channelId: channel.id,
      actionId: ACTION_IDS.severity,
      actionType: 'static_select',
      message: card(),
      actionFields: { selected_option: { value: `${caseId}:high` } },
    });
    answers.push(severity.json);
    answers.push((await h.requests.blockAction({ userId: AGENT, channelId: channel.id, actionId: ACTION_IDS.responded, message: card() })).json);
    await command('responded', channel.id);
    await command('escalate', channel.id);
    await command('show', channel.id);
    await command('list', 'C0ELSEWHERE');
    await command('list mine', 'C0ELSEWHERE');
    await command('retry', channel.id);
    await command('take', 'C0ELSEWHERE');

    const resolving = await h.requests.slashCommand({ userId: AGENT, channelId: channel.id, text: 'resolve' });
    answers.push(resolving.json);
    const resolveForm = await h.slack.waitFor(() => h.slack.views().find((v) => v.trigger_id === resolving.triggerId));
    const empty = await h.requests.viewSubmission({ userId: AGENT, view: resolveForm, values: { resolve_how: { how: { type: 'plain_text_input', value: ' ' } } } });
    answers.push(empty.json);
    expect(empty.json).toMatchObject({ response_action: 'errors' });
    await h.requests.viewSubmission({ userId: AGENT, view: resolveForm, values: { resolve_how: { how: { type: 'plain_text_input', value: 'Wymieniony bęben' } } } });
    for (const until = Date.now() + 10_000; ; await new Promise((resolve) => setTimeout(resolve, 20))) {
      const { status } = await h.database.db.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow();
      if (status === 'resolved') break;
      if (Date.now() > until) throw new Error(`case still ${status}`);
    }
    await command('resolve Jeszcze raz', channel.id);
    await command('reopen Klient dzwonił', channel.id);
    await command('show', channel.id);

    // Closing: the form with a missing answer, then complete; closing again; reopening the closed case.
    await command('resolve Wymieniony bęben', channel.id);
    const closing = await h.requests.slashCommand({ userId: AGENT, channelId: channel.id, text: 'close' });
    answers.push(closing.json);
    const closeForm = await h.slack.waitFor(() => h.slack.views().find((v) => v.trigger_id === closing.triggerId));
    const incomplete = await h.requests.viewSubmission({ userId: AGENT, view: closeForm, values: closeValues({ satisfaction: '', thanked: '' }) });
    answers.push(incomplete.json);
    expect(incomplete.json).toMatchObject({ response_action: 'errors' });
    await h.requests.viewSubmission({ userId: AGENT, view: closeForm, values: closeValues({ agreement: 'Zwrot 49 zł do 10 grudnia', explanation: 'Przeprosiliśmy i wymieniliśmy bęben.' }) });
    for (const until = Date.now() + 10_000; ; await new Promise((resolve) => setTimeout(resolve, 20))) {
      const { status } = await h.database.db.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow();
      if (status === 'closed') break;
      if (Date.now() > until) throw new Error(`case still ${status}`);
    }
    await h.slack.waitFor(() => h.slack.messages(channel.id).some((m) => m.text.includes('zamyka sprawę')));
    await command('close', channel.id);
    await command('reopen Klient napisał znowu', channel.id);
    await command('show', channel.id);

    // Wait until the channel lines of every change are posted.
    await h.slack.waitFor(() => h.slack.messages(channel.id).length >= 9 && true);

    const said = everythingSaid();
    expect(said.join('\n')).toContain('Pralka przyszła z pękniętym bębnem');
    expect(englishIn(said)).toEqual([]);
  }, 60_000);
});
