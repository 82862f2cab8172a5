// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { renderMrkdwn, renderPlainText } from '../../../sandbox/page/blocks/index.js';
import { holder, recordingContext } from './context.js';

const ctx = recordingContext();
const html = (text: string): string => holder(renderMrkdwn(text, ctx)).innerHTML;
const shown = (text: string): string => holder(renderMrkdwn(text, ctx)).textContent ?? '';

describe('renderMrkdwn', () => {
  it.each([
    ['*bold*', '<b>bold</b>'],
    ['_italic_', '<i>italic</i>'],
    ['~struck~', '<s>struck</s>'],
    ['`a < b`', '<code class="bk-code">a &lt; b</code>'],
    ['a *b* c', 'a <b>b</b> c'],
    ['*bold _and italic_*', '<b>bold <i>and italic</i></b>'],
    ['(*in brackets*)', '(<b>in brackets</b>)'],
    ['*Owner*\nAlice', '<b>Owner</b><br>Alice'],
  ])('formats %j', (text, expected) => {
    expect(html(text)).toBe(expected);
  });

  it.each([
    ['2*3*4', 'stars inside a word'],
    ['snake_case_name', 'underscores inside a word'],
    ['* not bold *', 'blanks inside the markers'],
    ['*not\nbold*', 'markers on two lines'],
    ['**', 'an empty pair'],
  ])('leaves %j as typed (%s)', (text) => {
    expect(html(text).replace(/<br>/g, '\n')).toBe(text);
  });

  it('draws a ``` block as preformatted text, markup and all', () => {
    expect(html('Before\n```*x* &lt;b&gt;\n  indented```\nafter')).toBe('Before<pre class="bk-pre">*x* &lt;b&gt;\n  indented</pre>after');
    expect(html('```\none```\n\nnext')).toBe('<pre class="bk-pre">one</pre><br>next');
  });

  it('quotes lines that start with > (raw or escaped), one quote for consecutive lines', () => {
    expect(html('*Description*\n>The box was crushed\n&gt; and *broke*\nThanks')).toBe(
      '<b>Description</b><blockquote class="bk-quote">The box was crushed<br>and <b>broke</b></blockquote>Thanks',
    );
    expect(html('a > b')).toBe('a &gt; b');
  });

  it('links <url|text> and <url>, opening a new tab', () => {
    const links = holder(renderMrkdwn('See <https://example.com/a?b=1&amp;c=2|the *docs*> or <https://example.com>', ctx)).querySelectorAll('a');
    expect(links).toHaveLength(2);
    expect(links[0]?.getAttribute('href')).toBe('https://example.com/a?b=1&c=2');
    expect(links[0]?.textContent).toBe('the *docs*');
    expect(links[0]?.target).toBe('_blank');
    expect(links[0]?.rel).toBe('noopener noreferrer');
    expect(links[1]?.textContent).toBe('https://example.com');
    expect(holder(renderMrkdwn('<mailto:anna@example.com|Anna>', ctx)).querySelector('a')?.getAttribute('href')).toBe('mailto:anna@example.com');
  });

  it('links a bare web address as Slack does, showing the address itself', () => {
    const links = holder(renderMrkdwn('Photos: https://example.com/a_b?x=1&amp;y=2. Or (http://example.org/x).', ctx)).querySelectorAll('a');
    expect(Array.from(links, (a) => [a.getAttribute('href'), a.textContent])).toEqual([
      ['https://example.com/a_b?x=1&y=2', 'https://example.com/a_b?x=1&y=2'],
      ['http://example.org/x', 'http://example.org/x'],
    ]);
    expect(html('no link in `https://example.com`')).toBe('no link in <code class="bk-code">https://example.com</code>');
  });

  it('names people and channels with the context, falling back to the label or the id', () => {
    expect(shown('<@U0ALICE01> took it')).toBe('@Alice took it');
    expect(shown('<@U0NOBODY1> and <@U0NOBODY2|gus>')).toBe('@U0NOBODY1 and @gus');
    expect(shown('in <#C0CASE042> and <#C0OTHER01|support-inbox> and <#C0OTHER02>')).toBe('in #case-42-parcel-arrived-broken and #support-inbox and #C0OTHER02');
    const mention = holder(renderMrkdwn('<@U0ALICE01>', ctx)).querySelector('.bk-mention-user');
    expect(mention?.getAttribute('data-id')).toBe('U0ALICE01');
  });

  it('shows broadcasts, user groups and dates as Slack does', () => {
    const broadcasts = holder(renderMrkdwn('<!here> <!channel> <!everyone>', ctx)).querySelectorAll('.bk-mention-broadcast');
    expect(Array.from(broadcasts, (b) => b.textContent)).toEqual(['@here', '@channel', '@everyone']);
    expect(shown('<!subteam^S0SUPPORT|@support> and <!subteam^S0OTHER>')).toBe('@support and @S0OTHER');
    expect(shown('due <!date^1700000000^{date_short}|Nov 14, 2023>')).toBe('due Nov 14, 2023');
  });

  // emojibase spells emoji with the presentation selector U+FE0F where Unicode allows a text style.
  it('turns Slack shortcodes into emoji, skin tones included, and leaves unknown names and times alone', () => {
    expect(shown(':white_check_mark: Done :rotating_light: :mega: :large_orange_circle:')).toBe('✅\uFE0F Done 🚨 📣 🟠');
    expect(shown(':+1::skin-tone-3: :thumbsup:')).toBe('👍🏼 👍️');
    expect(shown(':not_an_emoji: at 12:00:30 :x:')).toBe(':not_an_emoji: at 12:00:30 ❌\uFE0F');
    expect(holder(renderMrkdwn(':lock:', ctx)).querySelector('.bk-emoji')?.getAttribute('title')).toBe(':lock:');
  });

  it('decodes Slack’s three entities once', () => {
    expect(shown('1 &lt; 2 &amp;&amp; 3 &gt; 2, &amp;lt; stays')).toBe('1 < 2 && 3 > 2, &lt; stays');
  });
});

describe('renderMrkdwn never lets message text become markup', () => {
  const hostile = [
    '<script>alert(1)</script>',
    '&lt;img src=x onerror=alert(1)&gt;',
    '<javascript:alert(1)|click me>',
    '<data:text/html,<b>x</b>|x>',
    '*<img src=x onerror=alert(1)>*',
    '```</pre><script>alert(1)</script>```',
    '`<b>code</b>`',
    '<https://example.com|<img src=x onerror=alert(1)>>',
    '<@U0ALICE01|<img src=x onerror=alert(1)>>',
  ];

  it.each(hostile)('%j adds no element a message could use', (text) => {
    const rendered = holder(renderMrkdwn(text, ctx));
    expect(rendered.querySelector('script, img, iframe, object, embed, [onerror], [onclick]')).toBeNull();
    for (const anchor of Array.from(rendered.querySelectorAll('a'))) expect(anchor.getAttribute('href')).toMatch(/^(https?|mailto|tel|slack):/);
  });

  it('shows a javascript: link as its text, not a link', () => {
    const rendered = holder(renderMrkdwn('<javascript:alert(1)|click me>', ctx));
    expect(rendered.querySelector('a')).toBeNull();
    expect(rendered.textContent).toBe('<javascript:alert(1)|click me>');
  });

  it('shows what an escaped customer text says, word for word', () => {
    const typed = '&lt;!channel&gt; hi &lt;@U123&gt; &lt;https://evil|click&gt; @\u200Dhere';
    const rendered = holder(renderMrkdwn(typed, ctx));
    expect(rendered.textContent).toBe('<!channel> hi <@U123> <https://evil|click> @\u200Dhere');
    expect(rendered.querySelector('.bk-mention')).toBeNull();
    // The typed address is linked as Slack links it, showing where it goes; the label hides nothing.
    expect(Array.from(rendered.querySelectorAll('a'), (a) => [a.getAttribute('href'), a.textContent])).toEqual([['https://evil', 'https://evil']]);
  });

  it('ends a typed address in angle brackets before the escaped bracket', () => {
    const rendered = holder(renderMrkdwn('&lt;https://evil&gt;', ctx));
    expect(rendered.textContent).toBe('<https://evil>');
    expect(Array.from(rendered.querySelectorAll('a'), (a) => a.getAttribute('href'))).toEqual(['https://evil']);
  });
});

describe('renderPlainText', () => {
  it('shows the text exactly as sent, emoji on by default', () => {
    expect(holder(renderPlainText({ text: 'Take it :raised_hand: &lt;b&gt; *not bold* <@U0ALICE01>' })).innerHTML).toBe(
      'Take it <span class="bk-emoji" title=":raised_hand:">✋\uFE0F</span> &amp;lt;b&amp;gt; *not bold* &lt;@U0ALICE01&gt;',
    );
  });

  it('keeps shortcodes as typed when emoji is false', () => {
    expect(holder(renderPlainText({ text: ':raised_hand: <script>', emoji: false })).innerHTML).toBe(':raised_hand: &lt;script&gt;');
  });
});
