import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/config/policy-schema.js';
import { CATALOGS, LOCALES } from '../../src/i18n/translator.js';

/** Messages that may read the same in another language: no words, only placeholders or emoji. */
const SAME_AS_ENGLISH_ALLOWED = new Set<string>(['playbook.stepLeft', 'record.byAt', 'record.playbookStep', 'record.satisfactionScore',
  // Stats: layouts of values alone, and Swedish `period`.
  'stats.change.both', 'stats.change.delta', 'stats.count.line', 'stats.figure', 'stats.none', 'stats.usage.period',
  // App Home: an action item's line is values alone.
  'home.items.line']);

interface Element {
  type: number;
  value?: string;
  options?: Record<string, { value: Element[] }>;
  children?: Element[];
}

/** The names of every placeholder in a message, plural and select branches included. */
function placeholders(elements: readonly Element[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    // 0 is literal text and 7 is the # of a plural; every other element names an argument.
    if (element.type !== 0 && element.type !== 7 && element.value !== undefined) found.add(element.value);
    for (const option of Object.values(element.options ?? {})) placeholders(option.value, found);
    if (element.children) placeholders(element.children, found);
  }
  return found;
}

function ast(message: string, locale: string): Element[] {
  return new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).getAst() as unknown as Element[];
}

const english = CATALOGS.en;

describe('catalogs', () => {
  it.each(LANGUAGES)('%s has exactly the English keys', (language) => {
    expect(Object.keys(CATALOGS[language]).sort()).toEqual(Object.keys(english).sort());
  });

  it.each(LANGUAGES)('every %s message is valid ICU with the English placeholders', (language) => {
    for (const [key, message] of Object.entries(CATALOGS[language])) {
      const expected = placeholders(ast(english[key as keyof typeof english], 'en'));
      expect([key, [...placeholders(ast(message, LOCALES[language]))].sort()]).toEqual([key, [...expected].sort()]);
    }
  });

  it.each(LANGUAGES.filter((language) => language !== 'en'))('%s copies no English sentence unchanged', (language) => {
    const copied = Object.entries(CATALOGS[language])
      .filter(([key, message]) => message === english[key as keyof typeof english] && !SAME_AS_ENGLISH_ALLOWED.has(key))
      .map(([key]) => key);
    expect(copied).toEqual([]);
  });

  it('Polish and Russian plurals name one, few and many', () => {
    for (const language of ['pl', 'ru'] as const) {
      const message = CATALOGS[language]['case.count'];
      for (const form of ['one', 'few', 'many', 'other']) expect(message).toContain(`${form} {`);
    }
  });
});
