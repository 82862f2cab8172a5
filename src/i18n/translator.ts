import { IntlMessageFormat } from 'intl-messageformat';
import type { Language } from '../config/policy-schema.js';
import { en, type Catalog, type MessageKey } from './catalogs/en.js';
import { pl } from './catalogs/pl.js';
import { ru } from './catalogs/ru.js';
import { sv } from './catalogs/sv.js';

export type { MessageKey } from './catalogs/en.js';

export const CATALOGS: Readonly<Record<Language, Catalog>> = { en, pl, sv, ru };

/** The locale whose `Intl` rules (plurals, dates, numbers) each language follows. */
export const LOCALES: Readonly<Record<Language, string>> = { en: 'en-GB', pl: 'pl-PL', sv: 'sv-SE', ru: 'ru-RU' };

export type MessageParams = Readonly<Record<string, string | number>>;

/** Says a catalog message in one language; plurals follow `Intl.PluralRules` of its locale. */
export interface Translator {
  readonly language: Language;
  readonly locale: string;
  t(key: MessageKey, params?: MessageParams): string;
}

/** Made once per process from the policy language; each message is compiled on first use. */
export function createTranslator(language: Language): Translator {
  const locale = LOCALES[language];
  const catalog = CATALOGS[language];
  const compiled = new Map<MessageKey, IntlMessageFormat>();
  return {
    language,
    locale,
    t(key, params) {
      let message = compiled.get(key);
      if (message === undefined) {
        // Slack's own <@U…>, <#C…> and <!here> are text here, not ICU rich-text tags.
        message = new IntlMessageFormat(catalog[key], locale, undefined, { ignoreTag: true });
        compiled.set(key, message);
      }
      const result = message.format(params);
      if (typeof result !== 'string') throw new Error(`message ${key} did not format to text`);
      return result;
    },
  };
}
