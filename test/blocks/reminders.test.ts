import type { ActionsBlock, Button, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../src/config/policy-schema.js';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { breachMessage, deadlineWarningMessage, type LeadChannelState } from '../../src/blocks/reminders.js';
import type { DeadlineKind } from '../../src/domain/deadlines.js';
import { createWords } from '../../src/i18n/words.js';
import { expectMessageWithinLimits } from '../support/slack-limits.js';
import { ATTACK, ATTACK_ESCAPED, NOW, findUnsafe, makeCase } from './fixtures.js';

const HOUR = 3_600_000;
const wordsIn = (language: Language) => createWords({ language, timeZone: 'Europe/Warsaw', currency: 'PLN' });
/** Due 2 h 30 min after NOW (16:00 in Warsaw), at 18:30. */
const input = (kind: DeadlineKind = 'first_response', overrides: Parameters<typeof makeCase>[0] = {}) => ({
  case: makeCase(overrides),
  kind,
  dueAt: new Date(NOW.getTime() + 2.5 * HOUR),
  now: NOW,
});
const button = (blocks: ReturnType<typeof deadlineWarningMessage>['blocks']) => (blocks[1] as ActionsBlock).elements[0] as Button;

describe('the deadline reminder DM in each language', () => {
  const expected: Record<Language, { first: string; resolution: string; noChannel: string; buttons: [string, string] }> = {
    en: {
      first: ':warning: First response for complaint #42 is due in 2 hrs 30 mins (Mon, 23 Nov 2026, 18:30 CET) in <#C0CASE042>.',
      resolution: ':warning: Resolution for complaint #42 is due in 2 hrs 30 mins (Mon, 23 Nov 2026, 18:30 CET) in <#C0CASE042>.',
      noChannel: ':warning: First response for complaint #42 is due in 2 hrs 30 mins (Mon, 23 Nov 2026, 18:30 CET).',
      buttons: ['First response sent', 'Resolve'],
    },
    pl: {
      first: ':warning: Reklamacja #42: za 2 godz. 30 min mija termin pierwszej odpowiedzi (pon., 23 lis 2026, 18:30 CET). Zajrzyj do <#C0CASE042>.',
      resolution: ':warning: Reklamacja #42: za 2 godz. 30 min mija termin rozwiązania (pon., 23 lis 2026, 18:30 CET). Zajrzyj do <#C0CASE042>.',
      noChannel: ':warning: Reklamacja #42: za 2 godz. 30 min mija termin pierwszej odpowiedzi (pon., 23 lis 2026, 18:30 CET).',
      buttons: ['Pierwsza odpowiedź wysłana', 'Rozwiąż'],
    },
    sv: {
      first: ':warning: Ärende #42: tidsfristen för första svar går ut om 2 tim 30 min (mån 23 nov. 2026 18:30 CET). Titta in i <#C0CASE042>.',
      resolution: ':warning: Ärende #42: tidsfristen för lösning går ut om 2 tim 30 min (mån 23 nov. 2026 18:30 CET). Titta in i <#C0CASE042>.',
      noChannel: ':warning: Ärende #42: tidsfristen för första svar går ut om 2 tim 30 min (mån 23 nov. 2026 18:30 CET).',
      buttons: ['Första svar skickat', 'Markera som löst'],
    },
    ru: {
      first: ':warning: Жалоба #42: срок первого ответа истекает через 2 ч 30 мин (пн, 23 нояб. 2026 г., 18:30 CET). Загляните в <#C0CASE042>.',
      resolution: ':warning: Жалоба #42: срок решения истекает через 2 ч 30 мин (пн, 23 нояб. 2026 г., 18:30 CET). Загляните в <#C0CASE042>.',
      noChannel: ':warning: Жалоба #42: срок первого ответа истекает через 2 ч 30 мин (пн, 23 нояб. 2026 г., 18:30 CET).',
      buttons: ['Первый ответ отправлен', 'Решить'],
    },
  };

  it.each(LANGUAGES)('%s: which deadline, how long is left, where, and the button that meets it', (language) => {
    const words = wordsIn(language);
    const want = expected[language];
    const first = deadlineWarningMessage(words, input('first_response'));
    expect(first.text).toBe(want.first);
    expect((first.blocks[0] as SectionBlock).text?.text).toBe(`${want.first}\n>Parcel arrived broken`);
    expect(button(first.blocks)).toMatchObject({ action_id: ACTION_IDS.responded, value: makeCase().id, text: { text: want.buttons[0] } });
    const resolution = deadlineWarningMessage(words, input('resolution'));
    expect(resolution.text).toBe(want.resolution);
    expect(button(resolution.blocks)).toMatchObject({ action_id: ACTION_IDS.resolve, text: { text: want.buttons[1] } });
    expect(deadlineWarningMessage(words, input('first_response', { channelId: null })).text).toBe(want.noChannel);
    expectMessageWithinLimits(first);
  });

  it('keeps the same blocks and action ids in every language', () => {
    const shape = (language: Language) =>
      deadlineWarningMessage(wordsIn(language), input()).blocks.map((b) => [b.type, b.block_id ?? null, b.type === 'actions' ? b.elements.map((e) => (e as Button).action_id) : null]);
    for (const language of LANGUAGES) expect(shape(language)).toEqual(shape('en'));
  });

  it('quotes the summary escaped', () => {
    const message = deadlineWarningMessage(wordsIn('pl'), input('first_response', { summary: ATTACK }));
    expect((message.blocks[0] as SectionBlock).text?.text).toContain(`>${ATTACK_ESCAPED}`);
    expect(findUnsafe(message)).toEqual([]);
  });
});

describe('the breach DM to a lead in each language', () => {
  const expected: Record<Language, { passed: string; noChannel: string; next: Record<LeadChannelState, string> }> = {
    en: {
      passed: ':rotating_light: First response deadline for complaint #42 passed (was due Mon, 23 Nov 2026, 18:30 CET) in <#C0CASE042>: Parcel arrived broken.',
      noChannel: ':rotating_light: Resolution deadline for complaint #42 passed (was due Mon, 23 Nov 2026, 18:30 CET): Parcel arrived broken.',
      next: {
        invited: 'You have been added to the case channel.',
        not_invited: 'Slack would not let Anthill add you to the case channel; see `/complaint show #42`.',
        no_channel: 'Its channel could not be set up; see `/complaint show #42`.',
      },
    },
    pl: {
      passed:
        ':rotating_light: Minął termin pierwszej odpowiedzi w reklamacji #42 (pon., 23 lis 2026, 18:30 CET): Parcel arrived broken. Kanał reklamacji: <#C0CASE042>.',
      noChannel: ':rotating_light: Minął termin rozwiązania w reklamacji #42 (pon., 23 lis 2026, 18:30 CET): Parcel arrived broken.',
      next: {
        invited: 'Masz już do niego dostęp.',
        not_invited: 'Slack nie pozwolił Anthillowi dodać cię do kanału reklamacji. Szczegóły pokaże `/complaint show #42`.',
        no_channel: 'Nie udało się założyć kanału tej reklamacji. Szczegóły pokaże `/complaint show #42`.',
      },
    },
    sv: {
      passed: ':rotating_light: Tidsfristen för första svar i ärende #42 har gått ut (mån 23 nov. 2026 18:30 CET): Parcel arrived broken. Ärendekanal: <#C0CASE042>.',
      noChannel: ':rotating_light: Tidsfristen för lösning i ärende #42 har gått ut (mån 23 nov. 2026 18:30 CET): Parcel arrived broken.',
      next: {
        invited: 'Du är nu med i ärendekanalen.',
        not_invited: 'Slack lät inte Anthill lägga till dig i ärendekanalen. Du hittar allt med `/complaint show #42`.',
        no_channel: 'Ärendekanalen kunde inte skapas. Du hittar allt med `/complaint show #42`.',
      },
    },
    ru: {
      passed: ':rotating_light: Истёк срок первого ответа по жалобе #42 (пн, 23 нояб. 2026 г., 18:30 CET): Parcel arrived broken. Канал жалобы: <#C0CASE042>.',
      noChannel: ':rotating_light: Истёк срок решения по жалобе #42 (пн, 23 нояб. 2026 г., 18:30 CET): Parcel arrived broken.',
      next: {
        invited: 'Вы добавлены в канал жалобы.',
        not_invited: 'Slack не дал Anthill добавить вас в канал жалобы. Все подробности — в `/complaint show #42`.',
        no_channel: 'Канал для этой жалобы создать не удалось. Все подробности — в `/complaint show #42`.',
      },
    },
  };

  it.each(LANGUAGES)('%s: which deadline passed, when, where, and what the lead can do now', (language) => {
    const words = wordsIn(language);
    const want = expected[language];
    for (const channel of ['invited', 'not_invited'] as const) {
      expect(breachMessage(words, { ...input('first_response'), channel }).text).toBe(`${want.passed} ${want.next[channel]}`);
    }
    expect(breachMessage(words, { ...input('resolution', { channelId: null }), channel: 'no_channel' }).text).toBe(
      `${want.noChannel} ${want.next.no_channel}`,
    );
  });

  it('escapes the summary', () => {
    const { text } = breachMessage(wordsIn('ru'), { ...input('first_response', { summary: ATTACK }), channel: 'invited' });
    expect(text).toContain(ATTACK_ESCAPED);
    expect(findUnsafe(text)).toEqual([]);
  });
});
