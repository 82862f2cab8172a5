/**
 * Text for Markdown documents (the case record): what a person typed is escaped so it
 * reads as the words they typed and nothing else. It can open no heading, list, quote,
 * code block, table, link, image, footnote, math or HTML, and cannot emphasise or strike
 * through. Every character Markdown (CommonMark with GitHub's tables, strikethrough and
 * math) could read as markup is escaped with a backslash, which every Markdown reader
 * shows as the character itself. Bare web addresses and e-mail addresses stay as typed:
 * a reader that turns them into links shows the address it links to, so nothing is hidden.
 */

/** Characters that are markup wherever they stand. */
const INLINE_MARKUP = /[\\`*_[\]<>|~$&]/g;
/** Markers that start a block at the beginning of a line: heading, list item, setext underline. */
const LINE_START_MARKER = /^([#+\-=]|\d{1,9}[.)])/;
const LEADING_BLANKS = /^[ \t]+/;
const NO_BREAK_SPACE = '\u00A0';
const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/;

/**
 * Escapes text a person typed for a Markdown document, keeping its line breaks. Each line
 * is safe at the start of a Markdown line: its indentation becomes no-break spaces (so
 * it cannot become a code block) and a block marker at its start is escaped.
 *
 * @example
 * escapeMarkdown('# Refund [here](https://evil.example) <b>now</b>')
 * // '\\# Refund \\[here\\](https://evil.example) \\<b\\>now\\</b\\>'
 */
export function escapeMarkdown(text: string): string {
  return text
    .split(LINE_BREAK)
    .map((line) => escapeLine(line))
    .join('\n');
}

function escapeLine(line: string): string {
  const indented = line.replace(LEADING_BLANKS, (blanks) => blanks.replace(/\t/g, '    ').replace(/ /g, NO_BREAK_SPACE));
  const body = indented.slice(indented.length - indented.trimStart().length);
  const indent = indented.slice(0, indented.length - body.length);
  const escaped = body.replace(INLINE_MARKUP, (character) => `\\${character}`);
  const marker = LINE_START_MARKER.exec(escaped)?.[0];
  if (marker === undefined) return indent + escaped;
  const last = marker.length - 1;
  return `${indent}${marker.slice(0, last)}\\${marker[last]}${escaped.slice(marker.length)}`;
}

/**
 * Text a person typed as one escaped line of Markdown: line breaks and runs of blanks
 * become single spaces, for a list item or a value after a label.
 *
 * @example
 * escapeMarkdownInline('Anna *Nowak*\n# boss') // 'Anna \\*Nowak\\* # boss'
 */
export function escapeMarkdownInline(text: string): string {
  return escapeMarkdown(text.replace(/\s+/gu, ' ').trim());
}

/**
 * Text a person typed, word for word, as a Markdown block quote: every line escaped and
 * kept (a hard line break between lines, an empty quote line between paragraphs).
 * `empty` stands in for text that is blank.
 *
 * @example
 * markdownQuote('We refund 150 zł\n\n## by Friday', '—') // '> We refund 150 zł\n>\n> \\## by Friday'
 */
export function markdownQuote(text: string, empty: string): string {
  const lines = text.trim() === '' ? [empty] : escapeMarkdown(text.trim()).split('\n');
  return lines
    .map((line, index) => {
      if (line.trim() === '') return '>';
      const next = lines[index + 1];
      // Two trailing spaces: a hard line break, so the lines stay as they were typed.
      return next !== undefined && next.trim() !== '' ? `> ${line}  ` : `> ${line}`;
    })
    .join('\n');
}

const CONTROL_SEQUENCE = /<([^<>]*)>/g;
const LEADING_EMOJI = /^:[a-z0-9_+-]+:\s*/;
const USER = /^@([UW][A-Z0-9]+)(?:\|.*)?$/;
const CHANNEL = /^#([CG][A-Z0-9]+)(?:\|(.*))?$/;
const BROADCAST = /^!(here|channel|everyone)(?:\|.*)?$/;

/**
 * A line of Slack `mrkdwn` as we compose it (event-lines.ts: people's text escaped, our
 * own mentions as `<@U…>`) turned into one escaped line of Markdown: mentions become the
 * person's name (`nameOf`), entities their characters, and the line's leading emoji code
 * (ours, never a person's) is dropped. Slack's own formatting (`*bold*`) is not carried
 * over: it cannot be told apart from the stars a person typed, so both read as typed.
 *
 * @example
 * mrkdwnToMarkdown(':lock: <@U1> noted: 1 &lt; 2', (id) => `Anna (${id})`) // 'Anna (U1) noted: 1 \\< 2'
 */
export function mrkdwnToMarkdown(mrkdwn: string, nameOf: (userId: string) => string): string {
  const line = mrkdwn.replace(LEADING_EMOJI, '');
  let plain = '';
  let last = 0;
  for (const match of line.matchAll(CONTROL_SEQUENCE)) {
    plain += decodeEntities(line.slice(last, match.index));
    plain += controlSequenceText(match[1] ?? '', nameOf);
    last = match.index + match[0].length;
  }
  plain += decodeEntities(line.slice(last));
  return escapeMarkdownInline(plain);
}

function controlSequenceText(inside: string, nameOf: (userId: string) => string): string {
  const user = USER.exec(inside);
  if (user?.[1]) return nameOf(user[1]);
  const channel = CHANNEL.exec(inside);
  if (channel?.[1]) return `#${channel[2] ?? channel[1]}`;
  const broadcast = BROADCAST.exec(inside);
  if (broadcast?.[1]) return `@${broadcast[1]}`;
  // A link or anything else: its label when it has one, else what it holds.
  const bar = inside.indexOf('|');
  return decodeEntities(bar >= 0 ? inside.slice(bar + 1) : inside);
}

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
