import { documentOf, h, isSafeLink, link } from './dom.js';
import { splitShortcodes } from './emoji.js';
import type { RenderContext } from './types.js';

/**
 * Slack's `mrkdwn`, drawn with DOM nodes only (the bot echoes customer text, so no string
 * ever becomes HTML). The text arrives escaped (`&amp; &lt; &gt;`), so every raw `<…>` is a
 * control sequence: a link, a mention, a channel, a broadcast, a user group or a date.
 * Formatting follows Slack: ```` ``` ```` blocks, `>` quotes at a line's start, then
 * `*bold*`, `_italic_`, `~strike~` and `` `code` `` that open and close at word
 * boundaries on one line, bare web addresses as links, and `:emoji:` shortcodes.
 */
export function renderMrkdwn(text: string, ctx: RenderContext): DocumentFragment {
  const doc = documentOf(ctx);
  const fragment = doc.createDocumentFragment();
  const parts = text.split(CODE_BLOCK);
  for (const [index, part] of parts.entries()) {
    if (index % 2 === 1) fragment.append(h(doc, 'pre', 'bk-pre', decodeEntities(part.replace(/^\n/, ''))));
    // A code block stands on its own lines: the line breaks around it are its edges, not empty lines.
    else fragment.append(...renderLines(part.slice(index > 0 && part.startsWith('\n') ? 1 : 0, index < parts.length - 1 && part.endsWith('\n') ? -1 : undefined), ctx, doc));
  }
  return fragment;
}

/** Odd pieces of a split are the insides of ``` blocks. */
const CODE_BLOCK = /```([\s\S]*?)```/;
const QUOTE = /^(?:>|&gt;) ?/;

/** Lines joined by breaks; consecutive quoted lines become one quote. */
function renderLines(text: string, ctx: RenderContext, doc: Document): Node[] {
  const nodes: Node[] = [];
  let quote: HTMLQuoteElement | undefined;
  for (const [index, line] of text.split('\n').entries()) {
    const quoted = QUOTE.exec(line);
    if (quoted) {
      if (quote === undefined) {
        quote = h(doc, 'blockquote', 'bk-quote');
        nodes.push(quote);
      } else {
        quote.append(h(doc, 'br', undefined));
      }
      quote.append(...renderInline(line.slice(quoted[0].length), ctx, doc));
      continue;
    }
    // A quote ends its own line; a break follows only between unquoted lines.
    if (index > 0 && quote === undefined) nodes.push(h(doc, 'br', undefined));
    quote = undefined;
    nodes.push(...renderInline(line, ctx, doc));
  }
  return nodes;
}

interface Rule {
  pattern: RegExp;
  render(match: RegExpExecArray, ctx: RenderContext, doc: Document): Node[];
}

/** Opens after a non-word character, closes before one, and holds no blank at either end. */
const styled = (marker: string): RegExp => {
  const m = marker === '*' ? '\\*' : marker;
  return new RegExp(`(?<![\\p{L}\\p{N}${m}])${m}(?! )([^${m}\\n]*?[^ ${m}\\n]|[^ ${m}\\n])${m}(?![\\p{L}\\p{N}${m}])`, 'u');
};

/**
 * A bare web address, linked as Slack links it in mrkdwn (not `verbatim`): the link shows
 * its own address, so nothing is hidden. It ends before an escaped `<`/`>`, a `|` and the
 * punctuation that ends a sentence.
 */
const BARE_URL = /\bhttps?:\/\/(?:(?!&lt;|&gt;)[^\s<>|])*(?!&lt;|&gt;)[^\s<>|.,;:!?'")\]]/;

const RULES: Rule[] = [
  { pattern: /<([^<>\n]+)>/, render: (match, ctx, doc) => [controlSequence(match[1] ?? '', ctx, doc)] },
  { pattern: BARE_URL, render: (match, _ctx, doc) => [link(doc, decodeEntities(match[0]), decodeEntities(match[0]))] },
  { pattern: /`([^`\n]+)`/, render: (match, _ctx, doc) => [h(doc, 'code', 'bk-code', decodeEntities(match[1] ?? ''))] },
  { pattern: styled('*'), render: (match, ctx, doc) => [h(doc, 'b', undefined, ...renderInline(match[1] ?? '', ctx, doc))] },
  { pattern: styled('_'), render: (match, ctx, doc) => [h(doc, 'i', undefined, ...renderInline(match[1] ?? '', ctx, doc))] },
  { pattern: styled('~'), render: (match, ctx, doc) => [h(doc, 's', undefined, ...renderInline(match[1] ?? '', ctx, doc))] },
];

/** One line: the earliest rule that matches wins, the text before it is plain. */
function renderInline(text: string, ctx: RenderContext, doc: Document): Node[] {
  const nodes: Node[] = [];
  let rest = text;
  while (rest !== '') {
    let first: { rule: Rule; match: RegExpExecArray } | undefined;
    for (const rule of RULES) {
      const match = rule.pattern.exec(rest);
      if (match && (first === undefined || match.index < first.match.index)) first = { rule, match };
    }
    if (first === undefined) {
      nodes.push(...plainNodes(rest, doc));
      break;
    }
    nodes.push(...plainNodes(rest.slice(0, first.match.index), doc));
    nodes.push(...first.rule.render(first.match, ctx, doc));
    rest = rest.slice(first.match.index + first.match[0].length);
  }
  return nodes;
}

/** Plain words with their entities decoded and their shortcodes as emoji. */
function plainNodes(text: string, doc: Document): Node[] {
  if (text === '') return [];
  return emojiNodes(decodeEntities(text), doc);
}

/** Text nodes with each known shortcode as an emoji span that names its code on hover. */
export function emojiNodes(text: string, doc: Document): Node[] {
  return splitShortcodes(text).map((piece) => {
    if (typeof piece === 'string') return doc.createTextNode(piece);
    const emoji = h(doc, 'span', 'bk-emoji', piece.emoji);
    emoji.title = piece.shortcode;
    return emoji;
  });
}

const USER = /^@([UW][A-Z0-9]+)(?:\|(.*))?$/;
const CHANNEL = /^#([CGD][A-Z0-9]+)(?:\|(.*))?$/;
const BROADCAST = /^!(here|channel|everyone)(?:\|.*)?$/;
const SUBTEAM = /^!subteam\^([A-Z0-9]+)(?:\|(.*))?$/;
const DATE = /^!date\^[^|]*\|(.*)$/;

/** What a `<…>` shows; a sequence Slack would not read is shown as typed. */
function controlSequence(inside: string, ctx: RenderContext, doc: Document): Node {
  const user = USER.exec(inside);
  if (user?.[1]) return mention(doc, 'bk-mention-user', `@${ctx.userName(user[1]) ?? decodeEntities(user[2] ?? user[1])}`, user[1]);
  const channel = CHANNEL.exec(inside);
  if (channel?.[1]) return mention(doc, 'bk-mention-channel', `#${ctx.channelName(channel[1]) ?? decodeEntities(channel[2] ?? channel[1])}`, channel[1]);
  const broadcast = BROADCAST.exec(inside);
  if (broadcast?.[1]) return mention(doc, 'bk-mention-broadcast', `@${broadcast[1]}`, broadcast[1]);
  const subteam = SUBTEAM.exec(inside);
  if (subteam?.[1]) return mention(doc, 'bk-mention-group', decodeEntities(subteam[2] ?? `@${subteam[1]}`), subteam[1]);
  const date = DATE.exec(inside);
  if (date) return doc.createTextNode(decodeEntities(date[1] ?? ''));
  const bar = inside.indexOf('|');
  const url = decodeEntities(bar >= 0 ? inside.slice(0, bar) : inside);
  const label = bar >= 0 ? inside.slice(bar + 1) : url;
  if (!isSafeLink(url)) return doc.createTextNode(`<${decodeEntities(inside)}>`);
  return link(doc, url, ...(bar >= 0 ? emojiNodes(decodeEntities(label), doc) : [label]));
}

function mention(doc: Document, kind: string, text: string, id: string): HTMLElement {
  const span = h(doc, 'span', `bk-mention ${kind}`, text);
  span.dataset['id'] = id;
  return span;
}

/** Slack escapes exactly these three. */
function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
