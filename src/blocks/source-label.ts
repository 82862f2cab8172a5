import type { ComplaintSource } from '../domain/case.js';
import type { Words } from '../i18n/words.js';

/**
 * Where a complaint reached the team, in the team's language (plain text, no markup).
 *
 * @example
 * sourceLabel(words, 'web_form') // 'Web form', 'Formularz na stronie'
 */
export function sourceLabel(words: Words, source: ComplaintSource): string {
  return words.t(`source.${source}`);
}
