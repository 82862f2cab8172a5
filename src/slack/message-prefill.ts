import { fitText } from '../blocks/plain-text.js';

/**
 * Reading a Slack message as the person wrote it, for the intake form of "Open a complaint":
 * Slack's control sequences and escapes undone into plain text, the first line as a summary,
 * and an email address or phone number in it as the customer's contact.
 */

const CONTROL_SEQUENCE = /<([^<>]*)>/g;

/** How the people a message mentions are named: their Slack name, or undefined when unknown. */
export type NameOf = (userId: string) => string | undefined;

/**
 * A message's `text` as plain text, readable as typed: `&lt; &gt; &amp;` undone,
 * `<@U…>` → `@name` (or `@someone`), `<#C…|name>` → `#name`, `<https://x|label>` →
 * `label (https://x)`, `<!here>` → `@here`; emoji shortcodes and `*bold*` marks stay as typed.
 * The result is shown in `plain_text` (a form's initial value): it cannot ping anyone, and it
 * is escaped like any typed text wherever it is posted later.
 *
 * @example
 * slackTextToPlain('Hi <@U0AAA0001>, see <https://x.example|the order> &amp; <#C0TEAM0001|support>', () => 'Ola', 'someone')
 * // 'Hi @Ola, see the order (https://x.example) & #support'
 */
export function slackTextToPlain(text: string, nameOf: NameOf, someone: string): string {
  const replaced = text.replace(CONTROL_SEQUENCE, (_whole, inner: string) => controlSequenceText(inner, nameOf, someone));
  return unescapeEntities(replaced);
}

/** The user ids a message mentions (`<@U…>`), each once, in order. */
export function mentionedUserIds(text: string): string[] {
  const ids = [...text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>/g)].map((match) => match[1] ?? '');
  return [...new Set(ids.filter((id) => id !== ''))];
}

function controlSequenceText(inner: string, nameOf: NameOf, someone: string): string {
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? '' : inner.slice(bar + 1);
  if (target.startsWith('@')) return `@${nameOf(target.slice(1)) ?? (label.replace(/^@/, '') || someone)}`;
  if (target.startsWith('#')) return `#${label || target.slice(1)}`;
  if (target.startsWith('!')) return specialText(target.slice(1), label, someone);
  if (target.startsWith('mailto:')) {
    const address = target.slice('mailto:'.length);
    return label === '' || label === address ? address : `${label} (${address})`;
  }
  if (target.startsWith('tel:')) return label || target.slice('tel:'.length);
  if (label === '' || label === target || label === target.replace(/^https?:\/\//, '')) return target;
  return `${label} (${target})`;
}

/** `<!here>`, `<!channel>`, `<!everyone>`, `<!subteam^S…|@group>`, `<!date^…|fallback>`. */
function specialText(command: string, label: string, someone: string): string {
  const [name = ''] = command.split('^');
  if (name === 'here' || name === 'channel' || name === 'everyone') return `@${name}`;
  if (name === 'subteam') return label.startsWith('@') ? label : `@${label || someone}`;
  return label;
}

function unescapeEntities(text: string): string {
  // &amp; last, so `&amp;lt;` (a typed "&lt;") stays "&lt;".
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * The summary a message suggests: its first line that has text, at most `max` characters,
 * cut after the last whole word that fits (or the last whole grapheme, for one long word).
 *
 * @example
 * firstLineSummary('Parcel came broken and wet\nOrder 1234', 20) // 'Parcel came broken…'
 */
export function firstLineSummary(plain: string, max: number): string {
  const line = plain.split(/\r?\n/).map((candidate) => candidate.trim()).find((candidate) => candidate !== '') ?? '';
  if (line.length <= max) return line;
  const cut = fitText(line, max, 'plain_text');
  const kept = cut.slice(0, -1);
  // The cut already fell between two words.
  if (/\s/.test(line.charAt(kept.length))) return cut;
  const lastSpace = kept.search(/\s\S*$/);
  // Back to a word boundary, unless that throws away more than half of what fits.
  return lastSpace > max / 2 ? `${kept.slice(0, lastSpace).trimEnd()}…` : cut;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
// A run of digits with the separators people write in phone numbers, optionally after `+`.
const PHONE_CANDIDATE = /(?<![\w+])\+?\(?\d[\d\s().\-/]{5,}\d(?![\w])/g;
const PHONE_WORD = /(?:phone|tel|mobile|call|telefon|tfn|mobil|телефон|тел)\.?:?\s*$/i;

/**
 * The customer's contact a message carries: its first email address, else its first
 * phone number. A phone number is 7 to 15 digits (E.164's longest) that either start with
 * `+`, are written in groups (`601 234 567`, `(0)8-123 45 67`), or follow a word such as
 * "phone" or "tel"; a bare run of digits is more often an order number than a phone.
 *
 * @example
 * contactInText('Call me on +48 601 234 567 about order 12345678') // '+48 601 234 567'
 */
export function contactInText(plain: string): string | undefined {
  const email = EMAIL.exec(plain)?.[0];
  if (email !== undefined) return email;
  for (const match of plain.matchAll(PHONE_CANDIDATE)) {
    const written = match[0].trim();
    const digits = written.replace(/\D/g, '').length;
    if (digits < 7 || digits > 15) continue;
    const grouped = /\d[\s().\-/]+\d/.test(written);
    const named = PHONE_WORD.test(plain.slice(Math.max(0, (match.index ?? 0) - 12), match.index));
    // A date like 2026-12-02 or 02.12.2026 is grouped digits too, but no phone.
    const date = /^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}$/.test(written);
    if (!date && (written.startsWith('+') || grouped || named)) return written;
  }
  return undefined;
}
