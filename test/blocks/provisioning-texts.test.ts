import { describe, expect, it } from 'vitest';
import { caseOpenedText, cardStuckText, caseTopic, provisioningStuckText } from '../../src/blocks/provisioning-texts.js';
import { LANGUAGES, type Language } from '../../src/config/policy-schema.js';
import { createWords } from '../../src/i18n/words.js';

const wordsIn = (language: Language) => createWords({ language, timeZone: 'Europe/Warsaw', currency: 'PLN' });
const EN = wordsIn('en');
const NEXT_TRY = new Date('2026-12-01T09:05:00Z');

describe('caseTopic', () => {
  it('is number, severity and summary, escaped', () => {
    expect(caseTopic(EN, { number: 42, severity: 'high', summary: 'Tom & Jerry <!here>' })).toBe('Complaint #42 · High · Tom &amp; Jerry &lt;!here&gt;');
  });

  it('counts the 250 characters after escaping, and never cuts an entity', () => {
    const topic = caseTopic(EN, { number: 7, severity: 'critical', summary: '<b>&</b>'.repeat(19).slice(0, 150) });
    expect(topic.length).toBeLessThanOrEqual(250);
    expect(topic.endsWith('…')).toBe(true);
    expect(topic.slice(0, -1)).toMatch(/^Complaint #7 · Critical · (&lt;|&gt;|&amp;|[b/])+$/);
  });

  const TOPICS: Record<Language, string> = {
    en: 'Complaint #42 · High · Tom &amp; Jerry',
    pl: 'Reklamacja #42 · Wysoki · Tom &amp; Jerry',
    sv: 'Ärende #42 · Hög · Tom &amp; Jerry',
    ru: 'Жалоба #42 · Высокий · Tom &amp; Jerry',
  };

  it.each(LANGUAGES)('is in %s, and stays within 250 characters with the longest escaped summary', (language) => {
    const words = wordsIn(language);
    expect(caseTopic(words, { number: 42, severity: 'high', summary: 'Tom & Jerry' })).toBe(TOPICS[language]);
    const longest = caseTopic(words, { number: 999_999_999, severity: 'critical', summary: '&'.repeat(150) });
    expect(longest.length).toBeLessThanOrEqual(250);
    expect(longest.endsWith('&amp;…')).toBe(true);
  });
});

describe('DMs to the reporter', () => {
  it('says where the case lives', () => {
    expect(caseOpenedText(EN, 42, 'C0CASE042')).toBe('Complaint #42 is open in <#C0CASE042>. The team has been told.');
  });

  it.each([
    ['pl', 'Reklamacja #42 jest otwarta w kanale <#C0CASE042>. Zespół już o niej wie.'],
    ['sv', 'Ärende #42 är öppet i <#C0CASE042>. Teamet har fått besked.'],
    ['ru', 'Жалоба #42 открыта в канале <#C0CASE042>. Команда уже в курсе.'],
  ] as const)('says where the case lives in %s', (language, text) => {
    expect(caseOpenedText(wordsIn(language), 42, 'C0CASE042')).toBe(text);
  });

  it('explains a stuck set-up, naming the channel when there is one, when it tries again and how to retry', () => {
    expect(provisioningStuckText(EN, { number: 42, slackError: 'is_archived', channelId: 'C0CASE042', nextTryAt: NEXT_TRY })).toBe(
      'Complaint #42 is saved, but Anthill could not finish setting it up in Slack: a channel Anthill needs is archived. ' +
        'Its channel is <#C0CASE042>. An administrator has to fix this. Anthill tries again at Tue, 1 Dec 2026, 10:05 CET, ' +
        'then less and less often; once the cause is fixed, `/complaint retry #42` tries at once.',
    );
    expect(provisioningStuckText(EN, { number: 42, slackError: '<odd>', channelId: null, nextTryAt: NEXT_TRY })).toContain(
      'in Slack: Slack refused a request (&lt;odd&gt;). An administrator',
    );
  });

  it('explains a stuck set-up in Polish, with the next try as a Polish date in the workspace zone', () => {
    expect(provisioningStuckText(wordsIn('pl'), { number: 42, slackError: 'token_revoked', channelId: null, nextTryAt: NEXT_TRY })).toBe(
      'Reklamacja #42 jest zapisana, ale Anthill nie może dokończyć jej przygotowania w Slacku: token bota został unieważniony. ' +
        'Potrzebna jest pomoc administratora. Kolejna próba: wt., 1 gru 2026, 10:05 CET, potem coraz rzadziej. ' +
        'Po usunięciu przyczyny `/complaint retry #42` spróbuje od razu.',
    );
  });

  it('explains a stuck set-up in Russian, naming its channel and the next try as a Russian date', () => {
    const text = provisioningStuckText(wordsIn('ru'), { number: 42, slackError: 'is_archived', channelId: 'C0CASE042', nextTryAt: NEXT_TRY });
    expect(text).toContain('Жалоба #42 сохранена, но Anthill не может до конца подготовить её в Slack: нужный канал в архиве. Её канал — <#C0CASE042>.');
    expect(text).toContain('Следующая попытка: вт, 1 дек. 2026 г., 10:05');
  });

  it('says in the channel that the card is out of date', () => {
    expect(cardStuckText(EN, 'message_not_found')).toBe(
      ':construction: Updating the case card failed: the message is gone (someone deleted it). ' +
        'The card may be out of date; `/complaint show` has the case as it is now. ' +
        'Anthill tries again later; once the cause is fixed, `/complaint retry` tries at once.',
    );
    expect(cardStuckText(EN, '<card>')).toContain('failed: Slack refused a request (&lt;card&gt;).');
    expect(cardStuckText(wordsIn('sv'), 'message_not_found')).toContain(
      ':construction: Det gick inte att uppdatera ärendekortet: meddelandet finns inte längre (någon har tagit bort det). Kortet kan vara inaktuellt;',
    );
  });
});
