import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_CALLBACK_ID, INTAKE_FIELDS } from '../../src/blocks/intake-modal.js';
import { startHarness, testPolicy, type Harness } from '../support/anthill-harness.js';
import { intakeValues, type IntakeForm } from '../support/intake-values.js';

// The intake's words reach people in the policy language: the form, its errors, the team
// announcement, the topic and the reporter's DMs, through the real bot over signed requests.
// (Start-up still refuses `language: pl` until every text is in the catalogs; the policy is
// set here directly.) Time is the harness's clock, so the stuck DM's date is known.

const REPORTER = 'U0REP0001';
const clockMs = Date.parse('2026-12-01T09:00:00Z');
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ policy: { ...(await testPolicy()), language: 'pl' }, now: () => new Date(clockMs), users: [REPORTER] });
});
afterAll(async () => {
  await h.close();
});

function submit(form: Partial<IntakeForm> = {}) {
  return h.requests.viewSubmission({ userId: REPORTER, callbackId: INTAKE_CALLBACK_ID, values: intakeValues(form) });
}

describe('the intake in Polish', () => {
  it('opens the form in Polish', async () => {
    const opened = await h.requests.slashCommand({ userId: REPORTER, channelId: 'C0SOMEWHERE', text: 'new Pralka' });
    const view = await h.slack.waitFor(() => h.slack.views().find((v) => v.trigger_id === opened.triggerId));
    expect(view.definition).toMatchObject({ title: { text: 'Nowa reklamacja' }, submit: { text: 'Otwórz reklamację' }, close: { text: 'Anuluj' } });
    expect(JSON.stringify(view.definition)).toContain('Kwota w PLN, np. 123,45. Zostaw puste, jeśli klient nie zgłasza straty.');
  });

  it('shows the form’s errors in Polish', async () => {
    const response = await submit({ summary: '', claimedLoss: '-5' });
    expect(response.json).toEqual({
      response_action: 'errors',
      errors: {
        [INTAKE_FIELDS.summary.blockId]: 'Wpisz temat.',
        [INTAKE_FIELDS.claimedLoss.blockId]: 'Zgłoszona strata nie może być ujemna.',
      },
    });
  });

  it('announces the case, sets the topic and tells the reporter in Polish', async () => {
    const response = await submit({ summary: 'Pralka przyszła pęknięta' });
    expect(response.status).toBe(200);
    const announcement = await h.slack.waitFor(() => h.slack.messages(h.policy.teamChannel).find((m) => m.text.includes('Pralka przyszła pęknięta')));
    const channelId = announcement.text.match(/<#(C\w+)>/)?.[1] ?? '';
    expect(announcement.text).toBe(`<!here> Nowa reklamacja #1: Pralka przyszła pęknięta · Wysoki · <#${channelId}>`);
    expect(JSON.stringify(announcement.blocks)).toContain('*Priorytet:* :large_orange_circle: Wysoki');
    const told = await h.slack.waitFor(() => h.slack.dms(REPORTER).find((m) => m.text.startsWith('Reklamacja #1 ')));
    expect(told.text).toBe(`Reklamacja #1 jest otwarta w kanale <#${channelId}>. Zespół już o niej wie.`);
    expect(h.slack.channel(channelId)?.topic).toBe('Reklamacja #1 · Wysoki · Pralka przyszła pęknięta');
  });

  it('tells the reporter in Polish when the set-up is stuck, with the next try as a Polish date', async () => {
    const team = h.slack.channel(h.policy.teamChannel);
    if (!team) throw new Error('no team channel');
    team.is_archived = true;
    try {
      await submit({ summary: 'Zapowiedź w zarchiwizowanym kanale' });
      const told = await h.slack.waitFor(() => h.slack.dms(REPORTER).find((m) => m.text.startsWith('Reklamacja #2 jest zapisana')));
      // The first retry waits 5 minutes: 09:05 UTC is 10:05 in Warsaw.
      expect(told.text).toMatch(
        /^Reklamacja #2 jest zapisana, ale Anthill nie może dokończyć jej przygotowania w Slacku: potrzebny kanał jest zarchiwizowany\. Jej kanał to <#C\w+>\. /,
      );
      expect(told.text).toContain('Kolejna próba: wt., 1 gru 2026, 10:05 CET, potem coraz rzadziej. Po usunięciu przyczyny `/complaint retry #2` spróbuje od razu.');
    } finally {
      team.is_archived = false;
    }
  });
});
