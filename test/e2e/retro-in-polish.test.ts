import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETRO_FIELDS } from '../../src/blocks/retro-modal.js';
import { remindAboutRetro } from '../../src/jobs/retro-reminder.js';
import type { AppContext } from '../../src/context.js';
import { startHarness, testPolicy, type Harness } from '../support/anthill-harness.js';
import { englishIn, payloadStrings } from '../support/english-sentences.js';
import { clickWrite, closeCase, closureOf, command, openCase, poll, retroCommand, retroDms, savedText, submitRetro } from '../support/retro-flow.js';

// A Polish team: every word of the retro (DMs, form, errors, thank-you, reminder, summary) is Polish.
const REPORTER = 'U0REP0001';
const OWNER = 'U0OWNER01';
const AGENT = 'U0AAA0001';
const TEAM_CHANNEL = 'C0TEAM0001';
let h: Harness;
const answers: unknown[] = [];

beforeAll(async () => {
  const policy = await testPolicy((yaml) => `${yaml.replace('retro_due: 1d', 'retro_due: 1h')}\nlanguage: pl\n`);
  h = await startHarness({ policy, users: [REPORTER, OWNER] });
  h.slack.addUserGroup('S0GRP0001', ['U0GRP0001']);
});
afterAll(async () => {
  await h?.close();
});

const later = (ms: number): AppContext => ({ ...h.anthill.ctx, now: () => new Date(Date.now() + ms) });

describe('retro in Polish', () => {
  it('asks, refuses, reminds, thanks and sums up in Polish only', async () => {
    expect(h.policy.language).toBe('pl');
    const c = await openCase(h, REPORTER, 'Pralka z pękniętym bębnem');
    const notClosed = await retroCommand(h, OWNER, c.channelId);
    expect(notClosed.refusal).toBe(`Reklamacja #${c.number} nie jest jeszcze zamknięta. O notatki z retrospektywy poprosimy, gdy zostanie zamknięta.`);
    answers.push(notClosed.refusal);
    await command(h, c, 'take', OWNER);
    await closeCase(h, c, OWNER);
    const closure = await closureOf(h, c);
    const dm = await h.slack.waitFor(() => retroDms(h, c, OWNER)[0]);
    expect(dm.text).toContain(`:memo: Reklamacja #${c.number} jest zamknięta. Czego możemy się z niej nauczyć?`);
    await h.slack.waitFor(() => retroDms(h, c, REPORTER).length === 1);

    await remindAboutRetro(later(31 * 60_000), closure.id);
    const reminder = await h.slack.waitFor(() => retroDms(h, c, REPORTER)[1]);
    expect(reminder.text).toContain(`Małe przypomnienie: wciąż brakuje twoich notatek z retrospektywy reklamacji #${c.number}.`);

    const { view } = await clickWrite(h, OWNER, dm);
    const wrong = await submitRetro(h, OWNER, view!, { cause: 'other', wentWell: '', lesson: 'Zdjęcia', change: 'Nowy krok', owner: AGENT, due: '2020-01-01' });
    answers.push(wrong);
    expect(wrong.errors).toEqual({
      [RETRO_FIELDS.rootCauseDetail.blockId]: 'Wybrano „Inna”: napisz w kilku słowach, co było przyczyną.',
      [RETRO_FIELDS.wentWell.blockId]: 'Napisz, co poszło dobrze, nawet jeśli to drobiazg.',
      [RETRO_FIELDS.changeDue.blockId]: 'Ten dzień już minął. Wybierz dzisiejszy albo późniejszy.',
    });
    const saved = await submitRetro(h, OWNER, view!, {
      cause: 'other',
      detail: 'Kurier zgubił etykietę',
      wentWell: 'Szybka odpowiedź',
      lesson: 'Zdjęcia paczek',
      change: 'Dodać zdjęcie do pakowania',
      owner: AGENT,
      due: '2099-01-15',
    });
    answers.push(saved);
    expect(savedText(saved)).toContain(`Zmiana procedury jest teraz zadaniem dla <@${AGENT}>, z terminem czw., 15 sty 2099.`);
    const { view: second } = await clickWrite(h, REPORTER, retroDms(h, c, REPORTER)[0]!);
    const last = await submitRetro(h, REPORTER, second!, { cause: 'delivery_partner', wentWell: 'Miła rozmowa', lesson: 'Pytać o zdjęcia' });
    answers.push(last);
    expect(savedText(last)).toContain('Na twoje notatki czekaliśmy jako ostatnie');

    const summary = await h.slack.waitFor(() => h.slack.messages(TEAM_CHANNEL).find((m) => m.text.startsWith(`Retrospektywa reklamacji #${c.number}.`)));
    expect(summary.text).toBe(`Retrospektywa reklamacji #${c.number}. Notatki zapisało 2 z 2 poproszonych osób.`);
    const body = JSON.stringify(summary.blocks);
    for (const line of ['*Główne przyczyny*', '• Firma kurierska: 1 notatka', '• Inna: 1 notatka', '*Co poszło dobrze*', '*Wnioski*', '*Zadania*']) expect(body).toContain(line);
    expect(body).toContain(`• Dodać zdjęcie do pakowania — <@${AGENT}>, do czw., 15 sty 2099`);
    await poll(async () => ((await closureOf(h, c)).archived_at ? true : undefined));

    const { view: late } = await retroCommand(h, AGENT, TEAM_CHANNEL, `retro #${c.number}`);
    const after = await submitRetro(h, AGENT, late!, { cause: 'process_gap', wentWell: 'Współpraca', lesson: 'Szybciej' });
    answers.push(after);
    expect(savedText(after)).toMatch(/Podsumowanie zostało już opublikowane .+, więc nie pojawi się drugi raz\./);

    const said = [
      ...h.slack.calls().flatMap((call) => payloadStrings(call.params)),
      ...h.catcher.posts().flatMap((post) => payloadStrings(post.body)),
      ...answers.flatMap((body) => payloadStrings(body)),
    ];
    expect(said.join('\n')).toContain('Kurier zgubił etykietę');
    expect(englishIn(said)).toEqual([]);
  }, 30_000);
});
