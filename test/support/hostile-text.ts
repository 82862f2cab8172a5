import fc from 'fast-check';
import { CATALOGS } from '../../src/i18n/translator.js';

/**
 * Text a person could type that is hard on Slack's limits and on cutting: `& < >` (which
 * grow fivefold when escaped), pings and links, emoji made of surrogate pairs, skin tones,
 * ZWJ sequences and flags, letters with combining marks, right-to-left words and marks,
 * and newlines. Every token is whole graphemes, so a cut that splits one is visible.
 */
export const HOSTILE_TOKENS = [
  '&',
  '<',
  '>',
  '&amp;',
  '<!here>',
  '<!channel>',
  '<@U123>',
  '<https://evil.example|click>',
  '@here',
  '@everyone',
  ' ',
  '\n',
  '\r\n',
  'a',
  'Z',
  '*',
  '_',
  '`',
  '|',
  '😀',
  '👍🏽',
  '👨‍👩‍👧',
  '🇵🇱',
  '❤️',
  'ж\u0301',
  'й\u0308\u0301',
  'שלום',
  'בּ',
  'سلام',
  'بَ',
  '\u200F',
  '\u202E',
] as const;

/** The longest token, in UTF-16 code units: a string of N tokens is at most N × this long. */
const LONGEST_TOKEN = Math.max(...HOSTILE_TOKENS.map((token) => token.length));

/**
 * Strings of up to `maxLength` UTF-16 code units (default 10,000) made of hostile tokens:
 * short ones, long mixed ones, and long runs of nothing but `& < >`.
 *
 * @example
 * fc.assert(fc.property(hostileText(), (text) => fitText(text, 250, 'mrkdwn').length <= 250));
 */
export function hostileText(maxLength = 10_000): fc.Arbitrary<string> {
  const token = fc.constantFrom(...HOSTILE_TOKENS);
  return fc.oneof(
    fc.string({ unit: token, maxLength: 40 }),
    fc.string({ unit: token, maxLength: Math.floor(maxLength / LONGEST_TOKEN), size: 'max' }),
    fc.string({ unit: fc.constantFrom('&', '<', '>'), maxLength, size: 'max' }),
  );
}

/**
 * Options for a property over hostile text: `numRuns` runs, and never more than 20 s in
 * all, so a failure shrinking 10,000-character strings is still reported inside the
 * test's time-out (a slow machine runs fewer cases instead of hanging).
 *
 * @example
 * fc.assert(fc.property(hostileText(), check), propertyRuns(40));
 */
export function propertyRuns(numRuns: number): fc.Parameters<unknown> {
  return { numRuns, plugins: [fc.interruptAfterTimeLimit(20_000)] };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const segmentsOf = (text: string): string[] => Array.from(graphemes.segment(text), (s) => s.segment);

/** Graphemes of more than one code point among the tokens: the ones a bad cut would break. */
const WHOLE_GRAPHEMES = [...new Set(HOSTILE_TOKENS.flatMap(segmentsOf).filter((g) => [...g].length > 1))];
/** Every code point of the bot's own words: `ж` is a whole letter in `жалоба`, whatever tokens combine it with. */
const CATALOG_CODE_POINTS = new Set(Object.values(CATALOGS).flatMap((catalog) => Object.values(catalog).flatMap((message) => [...message])));
/**
 * Code points that, in a token, only ever appear inside such a grapheme (ZWJ is also ours,
 * after `@`), and never in the catalogs: a cut is still caught by the mark it leaves.
 */
const FRAGILE_CODE_POINTS = new Set(
  WHOLE_GRAPHEMES.flatMap((g) => [...g]).filter((cp) => !/[\s@\u200D]/u.test(cp) && !CATALOG_CODE_POINTS.has(cp)),
);
const WHOLE_GRAPHEME = new RegExp(WHOLE_GRAPHEMES.sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'gu');
// A base letter (the `ж` of `ж\u0301`) is also an ordinary letter of a language the bot speaks,
// so alone it is a split only where a cut ended (`…`); a mark, a modifier or half a flag is one anywhere.
const isLetter = (cp: string): boolean => /\p{L}/u.test(cp);
const codePointClass = (cps: string[]): string => `[${cps.map(escapeRegExp).join('')}]`;
const FRAGILE = new RegExp(
  `${codePointClass([...FRAGILE_CODE_POINTS].filter((cp) => !isLetter(cp)))}|${codePointClass([...FRAGILE_CODE_POINTS].filter(isLetter))}(?=…)`,
  'u',
);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Problems of one string Anthill built from hostile text: unpaired surrogates, and pieces
 * of a multi-code-point grapheme (a letter without its combining mark, half a flag, an
 * emoji without the rest of its ZWJ sequence), which only a cut can produce. (A regular
 * expression, not Intl.Segmenter, which is too slow to run over every text of every run.)
 */
export function brokenText(text: string): string[] {
  const problems: string[] = [];
  if (LONE_SURROGATE.test(text)) problems.push('has an unpaired surrogate');
  const rest = text.replace(WHOLE_GRAPHEME, '');
  const piece = FRAGILE.exec(rest);
  if (piece !== null) problems.push(`splits a grapheme: ${JSON.stringify(rest.slice(Math.max(0, piece.index - 8), piece.index + 8))}`);
  return problems;
}

/**
 * Problems of `mrkdwn` (or a message `text`, or a topic) built from hostile text: an `&`
 * that starts no entity (a cut inside `&amp;`), a `<` or `>` that is neither one of our
 * mentions nor a quote mark at a line start, or a person's ping or link that survived.
 */
export function brokenMrkdwn(text: string): string[] {
  const problems = brokenText(text);
  if (/&(?!amp;|lt;|gt;)/.test(text)) problems.push('has an & that starts no entity (a split escape)');
  for (const { 0: sequence, index } of text.matchAll(/<[^<>]*>/g)) {
    // Ours: mentions of real-looking ids, and the announcement's one `<!here>` at its very start.
    const ours = /^<(?:@[UW]0[A-Z0-9]+|#[CG][A-Z0-9]+)>$/.test(sequence) || (sequence === '<!here>' && index === 0);
    if (!ours) problems.push(`has a control sequence a person wrote: ${sequence}`);
  }
  const rest = text.replace(/<[^<>]*>/g, '').replace(/(^|\n)>/g, '$1');
  if (/[<>]/.test(rest)) problems.push('has a raw < or > (a split mention or an unescaped character)');
  if (/@(?:here|channel|everyone)\b/i.test(text)) problems.push('has a bare broadcast word');
  return problems;
}
