import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/config/policy-schema.js';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { followUpAnsweredText, followUpLeadsMessage, followUpMessage, followUpStaleText } from '../../src/blocks/follow-up.js';
import { eventLine } from '../../src/blocks/event-lines.js';
import { createWords, type Words } from '../../src/i18n/words.js';
import { expectMessageWithinLimits } from '../support/slack-limits.js';
import { ATTACK, findUnsafe, makeCase } from './fixtures.js';

const wordsIn = (language: Language): Words => createWords({ language, timeZone: 'Europe/Warsaw', currency: 'PLN' });
const c = makeCase({ number: 42, channelId: 'C0CASE042' });

const expected: Record<Language, { ask: string; again: string; buttons: [string, string]; thanks: string; leads: string }> = {
  en: {
    ask: ':telephone_receiver: Check that the customer is satisfied with how complaint #42 was resolved. The case is in <#C0CASE042>.',
    again: ':telephone_receiver: Check again that the customer is satisfied with how complaint #42 was resolved (follow-up 2 of 3). The case is in <#C0CASE042>.',
    buttons: ['Customer satisfied', 'Not yet'],
    thanks: ':white_check_mark: Thank you! Recorded that the customer is satisfied with complaint #42. No more follow-ups.',
    leads: ':warning: The customer is still not satisfied with complaint #42 after 3 follow-ups (last answer from <@U0OWNER01>). Please step in. The case is in <#C0CASE042>.',
  },
  pl: {
    ask: ':telephone_receiver: Sprawdź, czy klient jest zadowolony z rozwiązania reklamacji #42. Reklamacja jest w <#C0CASE042>.',
    again: ':telephone_receiver: Sprawdź jeszcze raz, czy klient jest zadowolony z rozwiązania reklamacji #42 (przypomnienie 2 z 3). Reklamacja jest w <#C0CASE042>.',
    buttons: ['Klient zadowolony', 'Jeszcze nie'],
    thanks: ':white_check_mark: Dzięki! Zapisano, że klient jest zadowolony z rozwiązania reklamacji #42. Więcej przypomnień nie będzie.',
    leads:
      ':warning: Klient wciąż nie jest zadowolony z rozwiązania reklamacji #42 po 3 przypomnieniach (ostatnia odpowiedź: <@U0OWNER01>). Zajmij się tym, proszę. Reklamacja jest w <#C0CASE042>.',
  },
  sv: {
    ask: ':telephone_receiver: Kolla att kunden är nöjd med hur ärende #42 löstes. Ärendet finns i <#C0CASE042>.',
    again: ':telephone_receiver: Kolla igen att kunden är nöjd med hur ärende #42 löstes (uppföljning 2 av 3). Ärendet finns i <#C0CASE042>.',
    buttons: ['Kunden är nöjd', 'Inte än'],
    thanks: ':white_check_mark: Tack! Nu står det att kunden är nöjd med ärende #42. Inga fler uppföljningar.',
    leads:
      ':warning: Kunden är fortfarande inte nöjd med ärende #42 efter 3 uppföljningar (senaste svaret från <@U0OWNER01>). Kan du ta dig an det? Ärendet finns i <#C0CASE042>.',
  },
  ru: {
    ask: ':telephone_receiver: Проверьте, доволен ли клиент тем, как решена жалоба #42. Жалоба в <#C0CASE042>.',
    again: ':telephone_receiver: Проверьте ещё раз, доволен ли клиент тем, как решена жалоба #42 (напоминание 2 из 3). Жалоба в <#C0CASE042>.',
    buttons: ['Клиент доволен', 'Пока нет'],
    thanks: ':white_check_mark: Спасибо! Записано, что клиент доволен решением жалобы #42. Больше напоминаний не будет.',
    leads:
      ':warning: Клиент всё ещё не доволен решением жалобы #42 после 3 напоминаний (последний ответ: <@U0OWNER01>). Пожалуйста, подключитесь. Жалоба в <#C0CASE042>.',
  },
};

describe('follow-up DM', () => {
  for (const language of ['en', 'pl', 'sv', 'ru'] as const) {
    it(`asks, thanks and tells the leads in ${language}`, () => {
      const words = wordsIn(language);
      const first = followUpMessage(words, { case: c, followUpId: '7', round: 1 });
      expect(first.text).toBe(expected[language].ask);
      expect(followUpMessage(words, { case: c, followUpId: '8', round: 2 }).text).toBe(expected[language].again);
      const actions = first.blocks.find((b) => b.type === 'actions') as { elements: { action_id: string; value: string; text: { text: string } }[] };
      expect(actions.elements.map((e) => [e.action_id, e.value, e.text.text])).toEqual([
        [ACTION_IDS.followUpSatisfied, '7', expected[language].buttons[0]],
        [ACTION_IDS.followUpNotYet, '7', expected[language].buttons[1]],
      ]);
      expectMessageWithinLimits(first);
      expect(followUpAnsweredText(words, { number: 42, answer: 'satisfied' })).toBe(expected[language].thanks);
      expect(followUpAnsweredText(words, { number: 42, answer: 'not_yet', nextAt: new Date('2026-11-25T15:00:00Z') })).toContain('16:00');
      expect(followUpLeadsMessage(words, { case: c, answeredBy: 'U0OWNER01' }).text).toBe(expected[language].leads);
      expect(followUpStaleText(words, 42)).toContain('#42');
      for (const answer of ['satisfied', 'not_yet']) {
        const line = eventLine(words, { kind: 'follow_up_answered', actorId: 'U0OWNER01', data: { round: 1, answer } });
        expect(line).toContain('<@U0OWNER01>');
      }
      expect(eventLine(words, { kind: 'follow_up_escalated', actorId: null, data: { round: 3, leads: ['U0LEAD001'] } })).toContain('<@U0LEAD001>');
    });
  }

  it('points to /complaint show while the case has no channel, and shows the summary escaped', () => {
    const words = wordsIn('en');
    const message = followUpMessage(words, { case: makeCase({ number: 42, channelId: null, summary: ATTACK }), followUpId: '7', round: 1 });
    expect(message.text).toContain('`/complaint show #42`');
    expect(findUnsafe(message.blocks)).toEqual([]);
  });
});
