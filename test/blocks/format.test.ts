import { describe, expect, it } from 'vitest';
import { channelLink, userMention } from '../../src/blocks/format.js';

describe('userMention and channelLink', () => {
  it('mentions only real-looking Slack ids', () => {
    expect(userMention('U0AAA0001')).toBe('<@U0AAA0001>');
    expect(userMention('W0AAA0001')).toBe('<@W0AAA0001>');
    expect(userMention(null)).toBe('—');
    expect(userMention('U123> <!channel')).toBe('U123&gt; &lt;!channel');
    expect(userMention('!channel')).toBe('!channel');
  });

  it('writes what it is told for no id, including ids that are not strings (stored event data)', () => {
    expect(userMention(null, 'someone')).toBe('someone');
    expect(userMention(undefined, 'someone')).toBe('someone');
    expect(userMention(42, 'someone')).toBe('someone');
  });

  it('links only real-looking channel ids', () => {
    expect(channelLink('C0CASE042')).toBe('<#C0CASE042>');
    expect(channelLink('C1|x> <!here')).toBe('C1|x&gt; &lt;!here');
  });
});
