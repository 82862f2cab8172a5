import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/config/policy-schema.js';
import type { ActionItem } from '../../src/domain/action-item.js';
import { ROOT_CAUSES } from '../../src/domain/closure.js';
import type { RetroNote } from '../../src/domain/retro.js';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { timelineText } from '../../src/blocks/event-lines.js';
import { RETRO_CALLBACK_ID, RETRO_FIELDS, readRetroForm, retroModal } from '../../src/blocks/retro-modal.js';
import { retroAskMessage, retroRefusalText, retroReminderMessage, retroSavedView, retroSummaryMessage } from '../../src/blocks/retro.js';
import { createWords, type Words } from '../../src/i18n/words.js';
import { expectMessageWithinLimits, expectViewWithinLimits } from '../support/slack-limits.js';
import { ATTACK, ATTACK_ESCAPED, findUnsafe, makeCase } from './fixtures.js';

const wordsIn = (language: Language): Words => createWords({ language, timeZone: 'Europe/Warsaw', currency: 'PLN' });
const c = makeCase({ number: 42, channelId: 'C0CASE042', summary: 'Washer arrived with a cracked drum' });
const due = new Date('2026-12-04T15:00:00Z');
const at = new Date('2026-12-03T15:00:00Z');

function note(authorId: string, rootCause: string, overrides: Partial<RetroNote> = {}): RetroNote {
  return { id: authorId, closureId: '7', caseId: c.id, authorId, rootCause, rootCauseDetail: '', wentWell: 'Fast answer', lesson: 'Check photos', createdAt: at, updatedAt: at, ...overrides };
}

function actionItem(overrides: Partial<ActionItem> = {}): ActionItem {
  return {
    id: '1',
    caseId: c.id,
    teamId: 'T0TEAM001',
    retroNoteId: '1',
    description: 'Add a photo step',
    ownerId: 'U0AAA0001',
    dueOn: '2026-12-11',
    remindAt: due,
    remindedAt: null,
    createdBy: 'U0OWNER01',
    createdAt: at,
    doneAt: null,
    doneBy: null,
    ...overrides,
  };
}

const summaryInput = {
  case: c,
  notes: [note('U0OWNER01', 'process_gap'), note('U0AAA0001', 'process_gap', { rootCauseDetail: 'No photo step' }), note('U0REP0001', 'other', { rootCauseDetail: 'Storm' })],
  actionItems: [actionItem()],
  asked: ['U0OWNER01', 'U0AAA0001', 'U0REP0001', 'U0LEAD001', 'U0HEAD001'],
  missing: ['U0LEAD001', 'U0HEAD001'],
  unreachable: ['U0HEAD001'],
};

const expected: Record<Language, { ask: string; remind: string; button: string; text: string; lines: string[]; saved: string }> = {
  en: {
    ask: ':memo: Complaint #42 is closed. What can we learn from it? Please write your retro notes by Fri, 4 Dec 2026, 16:00 CET: the root cause, what went well, the lesson, and a procedure change if one would keep this from happening again. The case is in <#C0CASE042>.',
    remind: ':hourglass_flowing_sand: A quick reminder: your retro notes on complaint #42 are still missing. The summary goes out on Fri, 4 Dec 2026, 16:00 CET, and a few sentences are plenty. The case is in <#C0CASE042>.',
    button: 'Write retro notes',
    text: 'Retro of complaint #42: 3 of 5 people asked wrote notes.',
    lines: [
      '• Gap in our process: 2 notes',
      '    • No photo step — <@U0AAA0001>',
      '• Other: 1 note',
      '• Add a photo step — <@U0AAA0001>, by Fri, 11 Dec 2026',
      'No notes from <@U0LEAD001> and <@U0HEAD001>.',
      'Slack could not reach <@U0HEAD001>.',
    ],
    saved: 'The procedure change is an action item for <@U0AAA0001>, due Fri, 11 Dec 2026.',
  },
  pl: {
    ask: ':memo: Reklamacja #42 jest zamknięta. Czego możemy się z niej nauczyć? Zapisz, proszę, swoje notatki z retrospektywy do pt., 4 gru 2026, 16:00 CET: główną przyczynę, co poszło dobrze, wniosek na przyszłość i zmianę procedury, jeśli pomogłaby uniknąć powtórki. Reklamacja jest w <#C0CASE042>.',
    remind: ':hourglass_flowing_sand: Małe przypomnienie: wciąż brakuje twoich notatek z retrospektywy reklamacji #42. Podsumowanie wyjdzie pt., 4 gru 2026, 16:00 CET, a kilka zdań w zupełności wystarczy. Reklamacja jest w <#C0CASE042>.',
    button: 'Zapisz notatki',
    text: 'Retrospektywa reklamacji #42. Notatki zapisało 3 z 5 poproszonych osób.',
    lines: [
      '• Luka w naszej procedurze: 2 notatki',
      '    • No photo step — <@U0AAA0001>',
      '• Inna: 1 notatka',
      '• Add a photo step — <@U0AAA0001>, do pt., 11 gru 2026',
      'Brak notatek od: <@U0LEAD001> i <@U0HEAD001>.',
      'Slack nie mógł dotrzeć do: <@U0HEAD001>.',
    ],
    saved: 'Zmiana procedury jest teraz zadaniem dla <@U0AAA0001>, z terminem pt., 11 gru 2026.',
  },
  sv: {
    ask: ':memo: Ärende #42 är stängt. Vad kan vi lära oss av det? Skriv gärna dina retroanteckningar senast fre 4 dec. 2026 16:00 CET: grundorsaken, vad som gick bra, lärdomen och en ändring av rutinen om det skulle hindra att det händer igen. Ärendet finns i <#C0CASE042>.',
    remind: ':hourglass_flowing_sand: En liten påminnelse: dina retroanteckningar om ärende #42 saknas fortfarande. Sammanfattningen går ut fre 4 dec. 2026 16:00 CET, och några meningar räcker gott. Ärendet finns i <#C0CASE042>.',
    button: 'Skriv retroanteckningar',
    text: 'Retro för ärende #42: 3 av 5 tillfrågade skrev anteckningar.',
    lines: [
      '• Lucka i vår rutin: 2 anteckningar',
      '    • No photo step — <@U0AAA0001>',
      '• Annat: 1 anteckning',
      '• Add a photo step — <@U0AAA0001>, senast fre 11 dec. 2026',
      'Inga anteckningar från <@U0LEAD001> och <@U0HEAD001>.',
      'Slack nådde inte <@U0HEAD001>.',
    ],
    saved: 'Ändringen av rutinen är nu en åtgärd för <@U0AAA0001>, senast fre 11 dec. 2026.',
  },
  ru: {
    ask: ':memo: Жалоба #42 закрыта. Чему она нас учит? Пожалуйста, напишите заметки для ретроспективы до пт, 4 дек. 2026 г., 16:00 CET: главную причину, что получилось хорошо, вывод на будущее и изменение процедуры, если оно поможет избежать повторения. Жалоба в <#C0CASE042>.',
    remind: ':hourglass_flowing_sand: Небольшое напоминание: ваших заметок для ретроспективы по жалобе #42 пока нет. Итоги будут опубликованы пт, 4 дек. 2026 г., 16:00 CET, и нескольких предложений вполне достаточно. Жалоба в <#C0CASE042>.',
    button: 'Написать заметки',
    text: 'Ретроспектива жалобы #42. Заметки написали 3 из 5 приглашённых.',
    lines: [
      '• Пробел в нашей процедуре: 2 заметки',
      '    • No photo step — <@U0AAA0001>',
      '• Другое: 1 заметка',
      '• Add a photo step — <@U0AAA0001>, до пт, 11 дек. 2026 г.',
      'Нет заметок от: <@U0LEAD001> и <@U0HEAD001>.',
      'Slack не смог связаться с: <@U0HEAD001>.',
    ],
    saved: 'Изменение процедуры стало задачей для <@U0AAA0001>, срок: пт, 11 дек. 2026 г.',
  },
};

const sectionTexts = (blocks: readonly unknown[]): string =>
  blocks.map((block) => (block as { text?: { text?: string } }).text?.text ?? '').join('\n');

describe('retro DMs and summary', () => {
  for (const language of ['en', 'pl', 'sv', 'ru'] as const) {
    it(`asks, reminds and sums up in ${language}`, () => {
      const words = wordsIn(language);
      const ask = retroAskMessage(words, { case: c, closureId: '7', dueAt: due });
      expect(ask.text).toBe(expected[language].ask);
      expect(retroReminderMessage(words, { case: c, closureId: '7', dueAt: due }).text).toBe(expected[language].remind);
      const actions = ask.blocks.find((b) => b.type === 'actions') as { elements: { action_id: string; value: string; text: { text: string } }[] };
      expect(actions.elements.map((e) => [e.action_id, e.value, e.text.text])).toEqual([[ACTION_IDS.retroWrite, '7', expected[language].button]]);
      expectMessageWithinLimits(ask);

      const summary = retroSummaryMessage(words, summaryInput);
      expect(summary.text).toBe(expected[language].text);
      const body = sectionTexts(summary.blocks);
      for (const line of expected[language].lines) expect(body.split('\n')).toContain(line);
      expectMessageWithinLimits(summary);

      const saved = retroSavedView(words, { caseNumber: 42, rewritten: false, actionItem: actionItem(), summaryPostedAt: null, summaryNow: false, dueAt: due });
      expect(sectionTexts(saved.blocks)).toContain(expected[language].saved);
      expectViewWithinLimits(saved);
    });

    it(`the retro form fits Slack and names every root cause in ${language}`, () => {
      const words = wordsIn(language);
      const view = retroModal(words, { closureId: '7', caseNumber: 123456, summary: c.summary, today: '2026-12-03' });
      expectViewWithinLimits(view);
      expect(view.callback_id).toBe(RETRO_CALLBACK_ID);
      expect(view.private_metadata).toBe('7');
      const causes = JSON.stringify(view.blocks);
      for (const cause of ROOT_CAUSES) expect(causes).toContain(`"value":"${cause}"`);
      for (const cause of ROOT_CAUSES) expect(causes).toContain(JSON.stringify(words.t(`retro.cause.${cause}`)));
    });
  }

  it('escapes every word people typed, in the summary, the DMs and the form', () => {
    const words = wordsIn('en');
    const hostile = makeCase({ number: 42, channelId: 'C0CASE042', summary: ATTACK });
    const summary = retroSummaryMessage(words, {
      ...summaryInput,
      case: hostile,
      notes: [note('U0OWNER01', 'other', { rootCauseDetail: ATTACK, wentWell: ATTACK, lesson: ATTACK })],
      actionItems: [actionItem({ description: ATTACK })],
    });
    expect(findUnsafe(summary.blocks)).toEqual([]);
    expect(findUnsafe(summary.text)).toEqual([]);
    expect(sectionTexts(summary.blocks)).toContain(ATTACK_ESCAPED);
    expect(findUnsafe(retroAskMessage(words, { case: hostile, closureId: '7', dueAt: due }).blocks)).toEqual([]);
    const form = retroModal(words, { closureId: '7', caseNumber: 42, summary: ATTACK, today: '2026-12-03' });
    expect(findUnsafe(form.blocks)).toEqual([]);
    // A stored cause this version does not know is shown as written, escaped.
    const odd = retroSummaryMessage(words, { ...summaryInput, notes: [note('U0OWNER01', '<!here> weather')] });
    expect(sectionTexts(odd.blocks)).toContain('• &lt;!here&gt; weather: 1 note');
  });

  it('stays within Slack’s limits however much was written, and says some did not fit', () => {
    const words = wordsIn('pl');
    const notes = Array.from({ length: 200 }, (_, i) => note(`U${String(i).padStart(8, '0')}`, ROOT_CAUSES[i % ROOT_CAUSES.length]!, { rootCauseDetail: 'ż'.repeat(500), wentWell: 'ą'.repeat(2000), lesson: 'ę'.repeat(2000) }));
    const summary = retroSummaryMessage(words, { ...summaryInput, notes, actionItems: notes.map((n) => actionItem({ id: n.id, description: 'x'.repeat(1000), ownerId: n.authorId })) });
    expectMessageWithinLimits(summary);
    expect(summary.blocks).toHaveLength(50);
    expect(sectionTexts(summary.blocks)).toContain('Część notatek nie zmieściła się w tej wiadomości; zostają zapisane przy sprawie #42.');
  });

  it('says nobody wrote notes, and that there is no procedure change, when so', () => {
    const summary = retroSummaryMessage(wordsIn('en'), { ...summaryInput, notes: [], actionItems: [], missing: summaryInput.asked, unreachable: [] });
    const body = sectionTexts(summary.blocks);
    expect(summary.text).toBe('Retro of complaint #42: 0 of 5 people asked wrote notes.');
    expect(body).toContain('Nobody wrote retro notes before the deadline.');
    expect(body).toContain('No procedure change was proposed.');
    expect(body).not.toContain('Root causes');
  });

  it('tells the writer what happens next: later, now, or that the summary is out already', () => {
    const words = wordsIn('en');
    const text = (input: Partial<Parameters<typeof retroSavedView>[1]>) =>
      sectionTexts(retroSavedView(words, { caseNumber: 42, rewritten: false, summaryPostedAt: null, summaryNow: false, dueAt: due, ...input }).blocks);
    expect(text({})).toContain('The summary goes out when everyone has written theirs, or on Fri, 4 Dec 2026, 16:00 CET.');
    expect(text({ summaryNow: true })).toContain('Yours were the last notes we were waiting for');
    expect(text({ summaryPostedAt: at, rewritten: true })).toBe(
      ':white_check_mark: Updated: your retro notes on complaint #42 now say what you just wrote.\n\nThe summary was already posted on Thu, 3 Dec 2026, 16:00 CET, so it will not be posted again. Your notes are kept with the case.',
    );
  });

  it('refuses in words: gone, not closed, reopened', () => {
    const words = wordsIn('en');
    expect(retroRefusalText(words, { ok: false, code: 'retro_not_found' })).toContain('no longer there');
    expect(retroRefusalText(words, { ok: false, code: 'retro_not_closed', caseNumber: 42, reopened: false })).toBe(
      'Complaint #42 is not closed yet. Retro notes are asked for once it is closed.',
    );
    expect(retroRefusalText(words, { ok: false, code: 'retro_not_closed', caseNumber: 42, reopened: true })).toContain('was reopened');
  });

  it('gives every retro event a timeline line', () => {
    const words = wordsIn('en');
    const line = (kind: Parameters<typeof timelineText>[1]['kind'], data: Record<string, unknown>, actorId: string | null = 'U0OWNER01') => timelineText(words, { kind, actorId, data });
    expect(line('retro_submitted', { cause: 'process_gap', rewritten: false })).toBe('<@U0OWNER01> wrote their retro notes (root cause: Gap in our process).');
    expect(line('retro_submitted', { cause: 'other', rewritten: true })).toBe('<@U0OWNER01> rewrote their retro notes (root cause: Other).');
    expect(line('action_item_added', { owner: 'U0AAA0001', dueOn: '2026-12-11' })).toBe('<@U0OWNER01> added an action item for <@U0AAA0001>, due Fri, 11 Dec 2026.');
    expect(line('retro_reminded', { people: ['U0LEAD001', 'U0HEAD001'] }, null)).toBe('Reminded about retro notes: <@U0LEAD001> and <@U0HEAD001>.');
    expect(line('retro_summary_posted', { answered: 3, asked: 5 }, null)).toBe('Retro summary posted: notes from 3 of 5.');
    expect(line('channel_archived', { already: false }, null)).toBe('The case channel was archived after the retro.');
    expect(line('channel_archived', { already: true }, null)).toBe('The case channel was already archived when the retro ended.');
  });
});

describe('the retro form', () => {
  it('starts from what the author wrote before, but not from a due day already past', () => {
    const words = wordsIn('en');
    const prefill = { rootCause: 'other', rootCauseDetail: 'Storm', wentWell: 'Calm', lesson: 'Plan', change: { description: 'Add a step', ownerId: 'U0AAA0001', dueOn: '2026-12-01' } };
    const view = JSON.stringify(retroModal(words, { closureId: '7', caseNumber: 42, summary: c.summary, today: '2026-12-03', prefill }).blocks);
    expect(view).toContain('"initial_option":{"text":{"type":"plain_text","text":"Other"},"value":"other"}');
    expect(view).toContain('"initial_value":"Storm"');
    expect(view).toContain('"initial_user":"U0AAA0001"');
    expect(view).not.toContain('initial_date');
    const upcoming = JSON.stringify(retroModal(words, { closureId: '7', caseNumber: 42, summary: c.summary, today: '2026-12-01', prefill }).blocks);
    expect(upcoming).toContain('"initial_date":"2026-12-01"');
  });

  it('reads what Slack submits, choices included', () => {
    const field = (name: keyof typeof RETRO_FIELDS, state: Record<string, unknown>) => ({ [RETRO_FIELDS[name].blockId]: { [RETRO_FIELDS[name].actionId]: state } });
    const values = {
      ...field('rootCause', { selected_option: { value: 'system_error' } }),
      ...field('rootCauseDetail', { value: null }),
      ...field('wentWell', { value: 'Quick' }),
      ...field('lesson', { value: 'Monitor' }),
      ...field('change', { value: 'Add an alert' }),
      ...field('changeOwner', { selected_user: 'U0AAA0001' }),
      ...field('changeDue', { selected_date: '2026-12-10' }),
    };
    expect(readRetroForm(values)).toEqual({
      rootCause: 'system_error',
      rootCauseDetail: '',
      wentWell: 'Quick',
      lesson: 'Monitor',
      change: 'Add an alert',
      changeOwnerId: 'U0AAA0001',
      changeDueOn: '2026-12-10',
    });
    expect(readRetroForm({})).toEqual({ rootCauseDetail: '', wentWell: '', lesson: '', change: '' });
  });
});
