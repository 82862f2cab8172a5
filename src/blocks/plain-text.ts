/**
 * Making text a person typed safe to show in Slack `mrkdwn` and in a message's `text`.
 *
 * Slack reads `<…>` as a control sequence: `<!channel>`, `<!here>`, `<@U123>`,
 * `<!subteam^S123>`, `<#C123>`, `<!date^…>` and `<https://evil|innocent label>`. Escaping
 * `& < >` the way Slack documents turns all of them into visible characters. Bare
 * `@channel`, `@here` and `@everyone` become pings when a message is posted with
 * `link_names` or `parse: 'full'`, so a zero-width joiner (U+200D) goes after the `@`:
 * the word still reads the same but no longer matches. Bold, italic and code stay as
 * typed: they cannot ping anyone or hide a link.
 */

/** Goes between `@` and `channel`/`here`/`everyone`; invisible, and breaks Slack's match. */
export const ZERO_WIDTH_JOINER = '\u200D';

const ELLIPSIS = '…';
const BROADCAST_WORD = /@(?=(?:channel|here|everyone)\b)/gi;
const ENTITIES = ['&amp;', '&lt;', '&gt;'] as const;
const LONGEST_ENTITY = 5;

/**
 * Escapes text for a `mrkdwn` text object or a message `text`, so it can neither ping
 * nor hide a link.
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
 * Shortens text to at most `max` UTF-16 code units (what Slack's limits count, or
 * fewer), ending with `…` when something was cut. Never splits a surrogate pair
 * (emoji) or one of the entities `escapeMrkdwn` writes, so it is safe both before and
 * after escaping.
 *
 * @example
 * truncate('Parcel arrived broken', 10) // 'Parcel ar…'
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  let cut = max - ELLIPSIS.length;
  if (cut > 0 && isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
  cut = backOffFromEntity(text, cut);
  return text.slice(0, cut).trimEnd() + ELLIPSIS;
}

/**
 * Escapes, then shortens to at most `max` characters: the limit holds for what Slack
 * receives, however many characters escaping added.
 *
 * @example
 * escapeAndTruncate('a & b', 100) // 'a &amp; b'
 */
export function escapeAndTruncate(text: string, max: number): string {
  return truncate(escapeMrkdwn(text), max);
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
  return truncate(quoted, max);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Moves `cut` back to the `&` of an entity it would otherwise split. */
function backOffFromEntity(text: string, cut: number): number {
  const from = Math.max(0, cut - (LONGEST_ENTITY - 1));
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp < from) return cut;
  const splitsEntity = ENTITIES.some((entity) => text.startsWith(entity, amp) && amp + entity.length > cut);
  return splitsEntity ? amp : cut;
}
