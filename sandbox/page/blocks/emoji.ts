import compact from 'emojibase-data/en/compact.json';
import iamcal from 'emojibase-data/en/shortcodes/iamcal.json';

/**
 * Slack's emoji names are the iamcal set (`:white_check_mark:`, `:+1:`,
 * `:skin-tone-2:`), which emojibase ships as shortcodes keyed by hexcode; the characters
 * come from emojibase's compact data, which spells each emoji with its presentation
 * selector (`❤️`, not the text-style `❤`).
 */

interface CompactEmoji {
  hexcode: string;
  unicode: string;
  skins?: CompactEmoji[];
}

const SKIN_TONES: Record<string, string> = {
  'skin-tone-2': '1F3FB',
  'skin-tone-3': '1F3FC',
  'skin-tone-4': '1F3FD',
  'skin-tone-5': '1F3FE',
  'skin-tone-6': '1F3FF',
};

let byHexcode: Map<string, string> | undefined;
let hexcodeByName: Map<string, string> | undefined;

/** Built on first use: the page may show no emoji at all. */
function tables(): { byHexcode: Map<string, string>; hexcodeByName: Map<string, string> } {
  if (byHexcode === undefined || hexcodeByName === undefined) {
    byHexcode = new Map();
    for (const emoji of compact as CompactEmoji[]) {
      byHexcode.set(emoji.hexcode, emoji.unicode);
      for (const skin of emoji.skins ?? []) byHexcode.set(skin.hexcode, skin.unicode);
    }
    hexcodeByName = new Map();
    for (const [hexcode, names] of Object.entries(iamcal as Record<string, string | string[]>)) {
      for (const name of Array.isArray(names) ? names : [names]) hexcodeByName.set(name, hexcode);
    }
  }
  return { byHexcode, hexcodeByName };
}

/**
 * The emoji a Slack shortcode name stands for, with an optional skin tone
 * (`skin-tone-2` … `skin-tone-6`), or `undefined` for a name Slack would not know either.
 *
 * @example
 * emojiFor('white_check_mark') // '✅'
 * emojiFor('+1', 'skin-tone-3') // '👍🏼'
 */
export function emojiFor(name: string, skinTone?: string): string | undefined {
  const { byHexcode: characters, hexcodeByName: names } = tables();
  const hexcode = names.get(name);
  if (hexcode === undefined) return undefined;
  const tone = skinTone === undefined ? undefined : SKIN_TONES[skinTone];
  if (tone !== undefined) {
    const toned = characters.get(`${hexcode}-${tone}`);
    if (toned !== undefined) return toned;
  }
  return characters.get(hexcode) ?? String.fromCodePoint(...hexcode.split('-').map((part) => Number.parseInt(part, 16)));
}

const SHORTCODE = /:([a-z0-9_+'-]+):(?::(skin-tone-[2-6]):)?/g;

/** A piece of text: as typed, or an emoji with the shortcode it was written as. */
export type EmojiPiece = string | { emoji: string; shortcode: string };

/**
 * Text cut into its words and its known `:name:` emoji; unknown names stay as typed
 * (`12:00:30` stays a time), and their closing colon may open the next name.
 *
 * @example
 * splitShortcodes('Done :white_check_mark:') // ['Done ', { emoji: '✅', shortcode: ':white_check_mark:' }]
 */
export function splitShortcodes(text: string): EmojiPiece[] {
  const pieces: EmojiPiece[] = [];
  let plain = '';
  let at = 0;
  SHORTCODE.lastIndex = 0;
  for (let match = SHORTCODE.exec(text); match !== null; match = SHORTCODE.exec(text)) {
    const emoji = emojiFor(match[1] ?? '', match[2]);
    if (emoji === undefined) {
      SHORTCODE.lastIndex = match.index + 1;
      continue;
    }
    plain += text.slice(at, match.index);
    if (plain !== '') pieces.push(plain);
    plain = '';
    pieces.push({ emoji, shortcode: match[0] });
    at = match.index + match[0].length;
  }
  plain += text.slice(at);
  if (plain !== '') pieces.push(plain);
  return pieces;
}
