import { describe, expect, it } from 'vitest';
import { createTranslator, type MessageKey, type MessageParams } from '../../src/i18n/translator.js';

const COUNTS = [0, 1, 2, 5, 21, 22, 25] as const;

/** The messages of the card, channel lines and reminders that count something, with what they say at each count. */
interface PluralRow {
  readonly key: MessageKey;
  readonly params: MessageParams;
  /** One expected text per entry of COUNTS. */
  readonly pl: readonly string[];
  readonly ru: readonly string[];
}

const LEADS = '<@U0LEAD001>';
const actor = '<@U0AAA0001>';

/** Polish addresses one lead as "ty" and several as "wy"; Russian "вы" is the same for both. */
const polishByCount = (none: string, one: string, several: string) => COUNTS.map((n) => (n === 0 ? none : n === 1 ? one : several));
const russianByCount = (none: string, any: string) => COUNTS.map((n) => (n === 0 ? none : any));

const ROWS: readonly PluralRow[] = [
  {
    key: 'case.count',
    params: {},
    pl: ['0 reklamacji', '1 reklamacja', '2 reklamacje', '5 reklamacji', '21 reklamacji', '22 reklamacje', '25 reklamacji'],
    ru: ['0 жалоб', '1 жалоба', '2 жалобы', '5 жалоб', '21 жалоба', '22 жалобы', '25 жалоб'],
  },
  {
    key: 'line.breached',
    params: { deadline: 'first_response', leads: LEADS },
    pl: polishByCount(
      ':rotating_light: Minął termin pierwszej odpowiedzi. Kierownicy, zajmijcie się tym, proszę.',
      `:rotating_light: Minął termin pierwszej odpowiedzi. ${LEADS}, zajmij się tym, proszę.`,
      `:rotating_light: Minął termin pierwszej odpowiedzi. ${LEADS}, zajmijcie się tym, proszę.`,
    ),
    ru: russianByCount(
      ':rotating_light: Истёк срок первого ответа. Руководители, подключитесь, пожалуйста.',
      `:rotating_light: Истёк срок первого ответа. ${LEADS}, подключитесь, пожалуйста.`,
    ),
  },
  {
    key: 'line.escalated',
    params: { actor, leads: LEADS },
    pl: polishByCount(
      `:mega: ${actor} eskaluje reklamację. Kierownicy, potrzebna jest wasza decyzja.`,
      `:mega: ${actor} eskaluje reklamację. ${LEADS}, potrzebna jest twoja decyzja.`,
      `:mega: ${actor} eskaluje reklamację. ${LEADS}, potrzebna jest wasza decyzja.`,
    ),
    ru: russianByCount(
      `:mega: ${actor} эскалирует жалобу. Руководители, нужно ваше решение.`,
      `:mega: ${actor} эскалирует жалобу. ${LEADS}, нужно ваше решение.`,
    ),
  },
  {
    key: 'line.escalatedWithReason',
    params: { actor, leads: LEADS, reason: 'duża strata' },
    pl: polishByCount(
      `:mega: ${actor} eskaluje reklamację: duża strata. Kierownicy, potrzebna jest wasza decyzja.`,
      `:mega: ${actor} eskaluje reklamację: duża strata. ${LEADS}, potrzebna jest twoja decyzja.`,
      `:mega: ${actor} eskaluje reklamację: duża strata. ${LEADS}, potrzebna jest wasza decyzja.`,
    ),
    ru: russianByCount(
      `:mega: ${actor} эскалирует жалобу: duża strata. Руководители, нужно ваше решение.`,
      `:mega: ${actor} эскалирует жалобу: duża strata. ${LEADS}, нужно ваше решение.`,
    ),
  },
];

describe('plural forms of the card, channel lines and reminders at 0, 1, 2, 5, 21, 22, 25', () => {
  describe.each(['pl', 'ru'] as const)('%s', (language) => {
    const { t } = createTranslator(language);
    it.each(ROWS.map((row) => [row.key, row] as const))('%s', (_, row) => {
      expect(COUNTS.map((count) => t(row.key, { ...row.params, count }))).toEqual(row[language]);
    });
  });
});
