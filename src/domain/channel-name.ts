import { transliterate } from 'transliteration';

/** Slack's limit for a channel name. */
export const MAX_CHANNEL_NAME_LENGTH = 80;

// Letters that Unicode does not decompose into a base letter plus a mark.
const EXTRA_LETTERS: Record<string, string> = { ł: 'l', đ: 'd', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', þ: 'th', ı: 'i' };

/**
 * Lowercase `a-z 0-9 -` form of free text, readable in every script: other scripts are
 * romanised by the `transliteration` library (Cyrillic, Greek, CJK…), accents dropped,
 * everything else a single hyphen.
 *
 * @example
 * slugify('Посылка пришла повреждённой') // => 'posylka-prishla-povrezhdyonnoy'
 */
export function slugify(text: string): string {
  // Latin letters with accents are left to the decomposition below, as before; the library romanises the rest.
  return transliterate(text.normalize('NFC'), { unknown: '-' })
    // Apostrophes some romanisations write (Ukrainian Ґ → G') belong to the word.
    .replace(/['’ʼ]/g, '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[łđøæœßþı]/g, (ch) => EXTRA_LETTERS[ch] ?? '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The case channel's name: `cmp-<number>-<slug of summary>`, within Slack's 80 characters.
 * `attempt` 1 is the plain name; later attempts (after `name_taken`) end in `-<attempt>`.
 *
 * @example
 * caseChannelName(42, 'Zepsuta pralka — łożysko!') // => 'cmp-42-zepsuta-pralka-lozysko'
 * caseChannelName(42, 'Broken washer', 2)          // => 'cmp-42-broken-washer-2'
 */
export function caseChannelName(number: number, summary: string, attempt = 1): string {
  const prefix = `cmp-${number}`;
  const suffix = attempt > 1 ? `-${attempt}` : '';
  const room = MAX_CHANNEL_NAME_LENGTH - prefix.length - suffix.length - 1;
  const slug = slugify(summary).slice(0, Math.max(0, room)).replace(/-+$/g, '');
  return slug ? `${prefix}-${slug}${suffix}` : `${prefix}${suffix}`;
}
