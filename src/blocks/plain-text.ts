/**
 * Fitting text into Slack: escaped where Slack parses it, cut to a limit where Slack
 * counts it, and never broken on the way.
 *
 * Slack reads `<…>` in `mrkdwn` and in a message's `text` as a control sequence:
 * `<!channel>`, `<!here>`, `<@U123>`, `<!subteam^S123>`, `<#C123>`, `<!date^…>` and
 * `<https://evil|innocent label>`. Escaping `& < >` the way Slack documents turns all of
 * them into visible characters. Bare `@channel`, `@here` and `@everyone` become pings when
 * a message is posted with `link_names` or `parse: 'full'`, so a zero-width joiner
 * (U+200D) goes after the `@`: the word still reads the same but no longer matches. It
 * goes into longer words too (`@heresy`), since a cut could make one a broadcast
 * (`@here…`). Bold, italic and code stay as typed: they cannot ping anyone or hide a link.
 *
 * A `plain_text` object is shown as it is sent: Slack parses no mentions or links in it,
 * so it is not escaped (escaping would show `&lt;` to the reader).
 */

/** Goes between `@` and `channel`/`here`/`everyone`; invisible, and breaks Slack's match. */
export const ZERO_WIDTH_JOINER = '\u200D';

/**
 * What a text is and where it goes:
 * - `mrkdwn`: text a person typed, going into `mrkdwn`, a message's `text` or a channel
 *   topic or purpose: escaped, then cut;
 * - `plain_text`: text a person typed, going into a `plain_text` object (header, button,
 *   option, modal title, input label, placeholder, hint or initial value): only cut;
 * - `markup`: `mrkdwn` we composed from already escaped parts and our own mentions and
 *   formatting: only cut, and never inside an entity or a `<…>` control sequence.
 */
export type TextKind = 'mrkdwn' | 'plain_text' | 'markup';

const ELLIPSIS = '…';
const BROADCAST_WORD = /@(?=channel|here|everyone)/gi;
const ENTITY = /&(?:amp|lt|gt);/g;
const CONTROL_SEQUENCE = /<[^<>]*>/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const WHITESPACE_ONLY = /^\s+$/u;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const SEGMENTATION_WINDOW = 256;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * The one way text meets a Slack limit: `text` of `kind` (see `TextKind`), escaped when
 * it goes into `mrkdwn`, then cut to at most `max` UTF-16 code units (Slack counts what
 * it receives; `&amp;` counts as 5), ending with `…` when something was cut. A cut never
 * splits a grapheme (an emoji with its skin tone or ZWJ sequence, a letter with its
 * combining marks, a surrogate pair), an entity, or, in `markup`, a mention.
 *
 * @example
 * fitText('Tom & Jerry <3', 12, 'mrkdwn')          // 'Tom &amp;…'
 * fitText('Tom & Jerry <3', 12, 'plain_text')      // 'Tom & Jerry…'
 * fitText('*Owner*\n<@U0AAA0001>', 12, 'markup')   // '*Owner*…'
 */
export function fitText(text: string, max: number, kind: TextKind): string {
  const wellFormed = text.replace(LONE_SURROGATE, '\uFFFD');
  const safe = kind === 'mrkdwn' ? escapeMrkdwn(wellFormed) : wellFormed;
  return cut(safe, max, kind === 'plain_text' ? [ENTITY] : [ENTITY, CONTROL_SEQUENCE]);
}

/**
 * Escapes text for a `mrkdwn` text object or a message `text`, so it can neither ping
 * nor hide a link. Use it to compose `markup`; `fitText` escapes on its own.
 *
 * @example
 * escapeMrkdwn('<!channel> see <https://evil|here>')
 * // '&lt;!channel&gt; see &lt;https://evil|here&gt;'
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(BROADCAST_WORD, `@${ZERO_WIDTH_JOINER}`);
}

/**
 * Escaped text as a Slack block quote (`>` before every line), at most `max` characters;
 * marks clearly where someone else's words start and end.
 *
 * @example
 * quoteUserText('Box was wet\n<!here>', 3000) // '>Box was wet\n>&lt;!here&gt;'
 */
export function quoteUserText(text: string, max: number): string {
  const quoted = escapeMrkdwn(text.trim())
    .split(/\r?\n/)
    .map((line) => `>${line}`)
    .join('\n');
  return fitText(quoted, max, 'markup');
}

/**
 * `text` cut to `max` code units with an ellipsis, at the last grapheme boundary that
 * fits, lies outside every match of `atomic`, and does not leave whitespace before `…`.
 */
function cut(text: string, max: number, atomic: readonly RegExp[]): string {
  if (text.length <= max) return text;
  if (max < ELLIPSIS.length) return '';
  const budget = max - ELLIPSIS.length;
  const spans = atomicSpans(text, budget, atomic);
  const from = segmentationStart(text, budget);
  const end = lastCut(text, from, budget, spans) ?? (from > 0 ? lastCut(text, 0, budget, spans) : undefined) ?? 0;
  return text.slice(0, end) + ELLIPSIS;
}

/**
 * A grapheme boundary at most `budget` from which segmenting gives the same graphemes as
 * segmenting the whole text (Intl.Segmenter is slow, so only the end is segmented): a
 * boundary between two ASCII characters (other than CR LF), or after a line feed, where no
 * rule looks further back. 0 when there is none near the end.
 */
function segmentationStart(text: string, budget: number): number {
  for (let i = budget; i > 0 && i > budget - SEGMENTATION_WINDOW; i--) {
    const before = text.charCodeAt(i - 1);
    const after = text.charCodeAt(i);
    if (before === LINE_FEED || (before < 0x80 && after < 0x80 && !(before === CARRIAGE_RETURN && after === LINE_FEED))) return i;
  }
  return 0;
}

/** The last allowed cut in `[from, budget]`, or undefined when there is none there. */
function lastCut(text: string, from: number, budget: number, spans: readonly [number, number][]): number | undefined {
  let span = 0;
  const outsideSpans = (boundary: number): boolean => {
    while (span < spans.length && spans[span]![1] <= boundary) span += 1;
    return !(span < spans.length && spans[span]![0] < boundary);
  };
  let best: number | undefined;
  if (from > 0 && !WHITESPACE_ONLY.test(text.slice(from - 1, from)) && outsideSpans(from)) best = from;
  // The slice ends past `budget` so the last grapheme that fits is seen whole.
  for (const { index, segment } of graphemes.segment(text.slice(from, budget + SEGMENTATION_WINDOW))) {
    const boundary = from + index + segment.length;
    if (boundary > budget) break;
    if (outsideSpans(boundary) && !WHITESPACE_ONLY.test(segment)) best = boundary;
  }
  return best;
}

/** `[start, end)` of every match of `patterns` that starts before `limit`, by start. */
function atomicSpans(text: string, limit: number, patterns: readonly RegExp[]): [number, number][] {
  const spans: [number, number][] = [];
  for (const pattern of patterns) {
    const matcher = new RegExp(pattern.source, 'g');
    for (let match = matcher.exec(text); match !== null && match.index < limit; match = matcher.exec(text)) {
      spans.push([match.index, match.index + match[0].length]);
    }
  }
  return spans.sort((a, b) => a[0] - b[0]);
}
