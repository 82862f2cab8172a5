import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, escapeMarkdownInline, markdownQuote, mrkdwnToMarkdown } from '../../src/blocks/markdown-text.js';
import { HOSTILE_TOKENS, propertyRuns } from '../support/hostile-text.js';

// CommonMark with GitHub's tables and strikethrough, and raw HTML allowed: whatever markup
// a hostile text could smuggle in, this parser finds.
const markdown = new MarkdownIt({ html: true, linkify: false });

/** Text that tries every Markdown construct, mixed with the Slack hostile tokens. */
const MARKDOWN_TOKENS = [
  '# ',
  '## ',
  '=== ',
  '---',
  '***',
  '- ',
  '+ ',
  '* ',
  '1. ',
  '2) ',
  '> ',
  '    ',
  '\t',
  '```',
  '~~~',
  '~~',
  '**',
  '__',
  '[link](https://evil.example)',
  '![img](https://evil.example/x.png)',
  '[ref]: https://evil.example',
  '[^1]',
  '<https://evil.example>',
  '<b>',
  '</b>',
  '<!-- x -->',
  '<script>',
  '&copy;',
  '&#x3C;',
  '| a | b |',
  '|---|---|',
  '$x$',
  '\\',
  '\\*',
  ':',
  'www',
  '.',
  '!',
  '(',
  ')',
  '[',
  ']',
  ...HOSTILE_TOKENS,
] as const;

const markdownText = (maxLength = 60): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...MARKDOWN_TOKENS), maxLength });

const INLINE_TEXT = new Set(['text', 'softbreak', 'hardbreak']);

/** Every token of a document, inline children included. */
function tokensOf(source: string): Token[] {
  return markdown.parse(source, {}).flatMap((token) => [token, ...(token.children ?? [])]);
}

/** The text a reader sees: text tokens, line breaks as `\n`, paragraphs apart. */
function visibleText(tokens: readonly Token[]): string {
  return tokens
    .map((token) => (token.type === 'text' ? token.content : token.type === 'softbreak' || token.type === 'hardbreak' ? '\n' : token.type === 'paragraph_close' ? '\n\n' : ''))
    .join('');
}

/** Lines without their outer blanks, runs of empty lines as one paragraph break. */
function comparable(text: string): string {
  return text
    .replace(/\r\n|\r|\u2028|\u2029/g, '\n')
    .split('\n')
    .map((line) => line.replace(/^\s+|\s+$/gu, ''))
    .join('\n')
    .replace(/\n{2,}/g, '\n\n')
    .trim();
}

describe('escapeMarkdown', () => {
  it.each([
    ['a heading', '# Refund now', '\\# Refund now'],
    ['a setext underline', 'Refund\n===', 'Refund\n\\==='],
    ['a list', '- one\n+ two\n1. three\n2) four', '\\- one\n\\+ two\n1\\. three\n2\\) four'],
    ['a quote', '> said', '\\> said'],
    ['a link and an image', '[here](https://evil.example) ![x](y)', '\\[here\\](https://evil.example) !\\[x\\](y)'],
    ['an autolink and HTML', '<https://evil.example> <b>bold</b>', '\\<https://evil.example\\> \\<b\\>bold\\</b\\>'],
    ['emphasis, code, strikethrough and math', '*a* _b_ `c` ~~d~~ $e$', '\\*a\\* \\_b\\_ \\`c\\` \\~\\~d\\~\\~ \\$e\\$'],
    ['a table', '| a | b |\n|---|---|', '\\| a \\| b \\|\n\\|---\\|---\\|'],
    ['entities', '&copy; &#x3C;', '\\&copy; \\&#x3C;'],
    ['a backslash', 'C:\\new', 'C:\\\\new'],
    ['indentation', '    code', '\u00A0\u00A0\u00A0\u00A0code'],
  ])('escapes %s', (_name, text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });

  it('leaves ordinary words, numbers mid-line, e-mail addresses and punctuation alone', () => {
    const text = 'Anna Nowak, anna@example.com: parcel #42 (2 of 3) arrived 3 days late. Refund 150.00 - ok?';
    expect(escapeMarkdown(text)).toBe(text);
  });

  it('parses as the words typed and nothing else, whatever the text', () => {
    fc.assert(
      fc.property(markdownText(), (text) => {
        const tokens = tokensOf(escapeMarkdownInline(text));
        const markup = tokens.filter((token) => token.type !== 'inline' && token.type !== 'paragraph_open' && token.type !== 'paragraph_close' && !INLINE_TEXT.has(token.type));
        expect(markup.map((token) => token.type)).toEqual([]);
        expect(comparable(visibleText(tokens))).toBe(comparable(text.replace(/\s+/gu, ' ')));
      }),
      propertyRuns(300),
    );
  });
});

describe('escapeMarkdownInline', () => {
  it('keeps a person’s text on one line', () => {
    expect(escapeMarkdownInline('  Called back\n\n# then  wrote\r\n*again* ')).toBe('Called back # then wrote \\*again\\*');
  });
});

describe('markdownQuote', () => {
  it('quotes every line, with hard breaks between lines and empty quote lines between paragraphs', () => {
    expect(markdownQuote('We refund 150 zł\nby Friday.\n\n## No further claims', '—')).toBe(
      '> We refund 150 zł  \n> by Friday.\n>\n> \\## No further claims',
    );
  });

  it('stands in for blank text', () => {
    expect(markdownQuote(' \n ', '(nothing written)')).toBe('> (nothing written)');
  });

  it('is one quote of the words typed, line for line, whatever the text', () => {
    fc.assert(
      fc.property(markdownText(80), (text) => {
        const tokens = tokensOf(markdownQuote(text, 'EMPTY'));
        const allowed = new Set(['blockquote_open', 'blockquote_close', 'paragraph_open', 'paragraph_close', 'inline', ...INLINE_TEXT]);
        expect(tokens.filter((token) => !allowed.has(token.type)).map((token) => token.type)).toEqual([]);
        expect(tokens.filter((token) => token.type === 'blockquote_open')).toHaveLength(1);
        expect(comparable(visibleText(tokens))).toBe(text.trim() === '' ? 'EMPTY' : comparable(text));
      }),
      propertyRuns(300),
    );
  });
});

describe('mrkdwnToMarkdown', () => {
  const nameOf = (id: string) => (id === 'U0AAA0001' ? 'Anna *Nowak* (U0AAA0001)' : id);

  it('turns mentions into names, entities into characters, and drops the leading emoji code', () => {
    expect(mrkdwnToMarkdown(':mega: <@U0AAA0001> escalated: 1 &lt; 2 &amp; <#C0CASE001> <!here>', nameOf)).toBe(
      'Anna \\*Nowak\\* (U0AAA0001) escalated: 1 \\< 2 \\& #C0CASE001 @here',
    );
  });

  it('keeps an emoji code a person typed later in the line', () => {
    expect(mrkdwnToMarkdown('<@U0BBB0002> noted: :smile: ok', nameOf)).toBe('U0BBB0002 noted: :smile: ok');
  });
});
