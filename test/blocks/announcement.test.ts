import { describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { announcementMessage } from '../../src/blocks/announcement.js';
import { expectBlocksWithinLimits } from '../support/slack-limits.js';
import { ATTACK, ATTACK_ESCAPED, allTexts, findUnsafe, makeCase } from './fixtures.js';
import { LANGUAGES, type Language } from '../../src/config/policy-schema.js';
import { createWords } from '../../src/i18n/words.js';

const wordsIn = (language: Language) => createWords({ language, timeZone: 'Europe/Warsaw', currency: 'PLN' });
const EN = wordsIn('en');

describe('announcementMessage', () => {
  const message = announcementMessage(EN, { case: makeCase(), channelId: 'C0CASE042', categoryName: 'Late or damaged delivery' });

  it('pings @here once, names the complaint and links the case channel', () => {
    expect(message.text).toMatch(/^<!here> New complaint #42: Parcel arrived broken/);
    expect(message.text).toContain('<#C0CASE042>');
    const blockText = allTexts(message.blocks).join('\n');
    expect(blockText).toContain('<!here>');
    expect(blockText.split('<!here>')).toHaveLength(2);
    expect(blockText).toContain('*New complaint #42*: Parcel arrived broken');
    expect(blockText).toContain(':large_orange_circle: High');
    expect(blockText).toContain('<#C0CASE042>');
    expectBlocksWithinLimits(message.blocks);
  });

  it('escapes the summary and category; the only ping is its own', () => {
    const risky = announcementMessage(EN, { case: makeCase({ summary: ATTACK }), channelId: 'C0CASE042', categoryName: ATTACK });
    expect(risky.text).toContain(`New complaint #42: ${ATTACK_ESCAPED}`);
    expect(allTexts(risky.blocks).join('\n')).toContain(ATTACK_ESCAPED);
    expect(findUnsafe(risky, ['<!here> '])).toEqual([]);
  });

  it('does not link a channel id that is not one', () => {
    const odd = announcementMessage(EN, { case: makeCase(), channelId: 'C1|x> <!channel', categoryName: 'x' });
    expect(findUnsafe(odd, ['<!here> '])).toEqual([]);
  });

  it('has no buttons for a public case channel, and a Join button naming the case for a private one', () => {
    expect(JSON.stringify(message.blocks)).not.toContain('"button"');
    const joinable = announcementMessage(EN, { case: makeCase(), channelId: 'C0CASE042', categoryName: 'x', withJoinButton: true });
    const actions = joinable.blocks.find((block) => block.type === 'actions');
    expect(actions).toMatchObject({ elements: [{ type: 'button', action_id: ACTION_IDS.join, value: makeCase().id, text: { text: 'Join the case channel' } }] });
    expectBlocksWithinLimits(joinable.blocks);
  });

  it('stays within the limits with the longest summary', () => {
    const long = announcementMessage(EN, { case: makeCase({ summary: '<'.repeat(3000) }), channelId: 'C0CASE042', categoryName: '&'.repeat(1000) });
    expectBlocksWithinLimits(long.blocks);
  });
});

/** The post in each language: notification text, heading, details line and the Join button. */
const POSTS: Record<Language, { text: string; heading: string; details: string; join: string }> = {
  en: {
    text: '<!here> New complaint #42: Parcel arrived broken · High · <#C0CASE042>',
    heading: '<!here> :mega: *New complaint #42*: Parcel arrived broken',
    details: '*Severity:* :large_orange_circle: High   *Category:* Late or damaged delivery   *Case channel:* <#C0CASE042>',
    join: 'Join the case channel',
  },
  pl: {
    text: '<!here> Nowa reklamacja #42: Parcel arrived broken · Wysoki · <#C0CASE042>',
    heading: '<!here> :mega: *Nowa reklamacja #42*: Parcel arrived broken',
    details: '*Priorytet:* :large_orange_circle: Wysoki   *Kategoria:* Late or damaged delivery   *Kanał reklamacji:* <#C0CASE042>',
    join: 'Dołącz do kanału reklamacji',
  },
  sv: {
    text: '<!here> Nytt ärende #42: Parcel arrived broken · Hög · <#C0CASE042>',
    heading: '<!here> :mega: *Nytt ärende #42*: Parcel arrived broken',
    details: '*Prioritet:* :large_orange_circle: Hög   *Kategori:* Late or damaged delivery   *Ärendekanal:* <#C0CASE042>',
    join: 'Gå med i ärendekanalen',
  },
  ru: {
    text: '<!here> Новая жалоба #42: Parcel arrived broken · Высокий · <#C0CASE042>',
    heading: '<!here> :mega: *Новая жалоба #42*: Parcel arrived broken',
    details: '*Приоритет:* :large_orange_circle: Высокий   *Категория:* Late or damaged delivery   *Канал жалобы:* <#C0CASE042>',
    join: 'Присоединиться к каналу жалобы',
  },
};

describe.each(LANGUAGES)('the announcement in %s', (language) => {
  const message = announcementMessage(wordsIn(language), { case: makeCase(), channelId: 'C0CASE042', categoryName: 'Late or damaged delivery', withJoinButton: true });
  const expected = POSTS[language];

  it('says the case, its severity and its channel in the language, pinging @here once', () => {
    expect(message.text).toBe(expected.text);
    expect(message.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: expected.heading } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: expected.details }] },
      {
        type: 'actions',
        block_id: 'announcement_join',
        elements: [{ type: 'button', action_id: ACTION_IDS.join, value: makeCase().id, style: 'primary', text: { type: 'plain_text', text: expected.join } }],
      },
    ]);
    expect(allTexts(message.blocks).join('\n').split('<!here>')).toHaveLength(2);
    expectBlocksWithinLimits(message.blocks);
  });

  it('escapes the summary in every language', () => {
    const risky = announcementMessage(wordsIn(language), { case: makeCase({ summary: ATTACK }), channelId: 'C0CASE042', categoryName: ATTACK });
    expect(findUnsafe(risky, ['<!here> '])).toEqual([]);
  });
});
