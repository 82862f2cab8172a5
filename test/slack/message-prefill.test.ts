import { describe, expect, it } from 'vitest';
import { contactInText, firstLineSummary, mentionedUserIds, slackTextToPlain } from '../../src/slack/message-prefill.js';

const names = (id: string) => ({ U0AAA0001: 'Ola' })[id];

describe('slackTextToPlain', () => {
  it.each([
    ['Tom &amp; Jerry &lt;3 &gt;', 'Tom & Jerry <3 >'],
    ['typed &amp;lt; stays', 'typed &lt; stays'],
    ['hi <@U0AAA0001>', 'hi @Ola'],
    ['hi <@U0ZZZ0009>', 'hi @someone'],
    ['hi <@U0ZZZ0009|zed>', 'hi @zed'],
    ['in <#C0TEAM0001|support> and <#C0TEAM0002>', 'in #support and #C0TEAM0002'],
    ['<!here> <!channel> <!everyone>', '@here @channel @everyone'],
    ['<!subteam^S0GRP0001|@agents> look', '@agents look'],
    ['<!date^1392734382^{date}|Feb 18, 2014>', 'Feb 18, 2014'],
    ['see <https://x.example/a|the order>', 'see the order (https://x.example/a)'],
    ['see <https://x.example/a>', 'see https://x.example/a'],
    ['see <https://x.example|x.example>', 'see https://x.example'],
    ['<mailto:a@b.example|a@b.example>', 'a@b.example'],
    ['<mailto:a@b.example|Anna>', 'Anna (a@b.example)'],
    ['*bold* _it_ ~s~ `code` :smile: :+1::skin-tone-2:', '*bold* _it_ ~s~ `code` :smile: :+1::skin-tone-2:'],
  ])('%j reads as %j', (text, plain) => {
    expect(slackTextToPlain(text, names, 'someone')).toBe(plain);
  });

  it('lists the people mentioned once each', () => {
    expect(mentionedUserIds('<@U0AAA0001> <@W0BBB0002|b> <@U0AAA0001> <#C0X|x>')).toEqual(['U0AAA0001', 'W0BBB0002']);
  });
});

describe('firstLineSummary', () => {
  it('takes the first line that has text', () => {
    expect(firstLineSummary('\n  \n  Parcel crushed  \nmore', 150)).toBe('Parcel crushed');
  });

  it('cuts after the last whole word that fits', () => {
    expect(firstLineSummary('Parcel came broken and wet', 20)).toBe('Parcel came broken…');
  });

  it('cuts one long word on a grapheme, never inside an emoji', () => {
    const summary = firstLineSummary(`${'a'.repeat(8)}👩‍👩‍👧‍👦👩‍👩‍👧‍👦`, 12);
    expect(summary.length).toBeLessThanOrEqual(12);
    expect(summary).toBe(`${'a'.repeat(8)}…`);
  });
});

describe('contactInText', () => {
  it.each([
    ['write to anna.nowak+shop@example.co.uk please', 'anna.nowak+shop@example.co.uk'],
    ['Call me on +48 601 234 567 about order 12345678', '+48 601 234 567'],
    ['my number is 601-234-567', '601-234-567'],
    ['tel: 0812345678', '0812345678'],
    ['(08) 123 45 67 in the evening', '(08) 123 45 67'],
  ])('%j carries %j', (text, contact) => {
    expect(contactInText(text)).toBe(contact);
  });

  it.each([['order 12345678 is late'], ['delivered on 2026-12-02'], ['on 02.12.2026 at 10'], ['costs 1299.00 PLN']])('%j carries none', (text) => {
    expect(contactInText(text)).toBeUndefined();
  });
});
