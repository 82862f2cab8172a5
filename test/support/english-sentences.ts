import { IntlMessageFormat } from 'intl-messageformat';
import { CATALOGS, LOCALES } from '../../src/i18n/translator.js';

interface Element {
  type: number;
  value?: string;
  options?: Record<string, { value: Element[] }>;
  children?: Element[];
}

/** Every piece of literal text of a message, plural and select branches included. */
function literals(elements: readonly Element[], found: string[] = []): string[] {
  for (const element of elements) {
    if (element.type === 0 && element.value !== undefined) found.push(element.value);
    for (const option of Object.values(element.options ?? {})) literals(option.value, found);
    if (element.children) literals(element.children, found);
  }
  return found;
}

function messageLiterals(message: string, locale: string): string[] {
  const ast = new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).getAst() as unknown as Element[];
  return literals(ast);
}

const WORD = /\p{L}{2,}/gu;
// Slack markup and emoji split a sentence into the runs of words a payload holds verbatim.
const MARKUP = /[*_`~\n]|:[a-z0-9_+-]+:|<[^>]*>/;

/**
 * The English catalog's sentences as they would appear in a payload: runs of at least
 * two words of literal text (placeholders, markup and emoji cut them), leaving out
 * any run another language's catalog also holds (a command such as `/complaint take`).
 */
export function englishSentences(): string[] {
  const elsewhere = (['pl', 'sv', 'ru'] as const)
    .flatMap((language) => Object.values(CATALOGS[language]).flatMap((message) => messageLiterals(message, LOCALES[language])))
    .join('\n');
  const runs = Object.values(CATALOGS.en)
    .flatMap((message) => messageLiterals(message, LOCALES.en))
    .flatMap((literal) => literal.split(MARKUP))
    .map((run) => run.trim().replace(/^[\s.,;:!?()·—–-]+|[\s.,;:!?()·—–-]+$/g, ''))
    .filter((run) => (run.match(WORD) ?? []).length >= 2 && !elsewhere.includes(run));
  return [...new Set(runs)];
}

/** Every string inside a payload (request parameters, a response body), at any depth. */
export function payloadStrings(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) for (const item of value) payloadStrings(item, found);
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) if (key !== 'token') payloadStrings(item, found);
  return found;
}

/** The English sentences found in the given texts, with where each was found. */
export function englishIn(texts: readonly string[], sentences = englishSentences()): Array<{ sentence: string; in: string }> {
  const found: Array<{ sentence: string; in: string }> = [];
  for (const sentence of sentences) {
    const text = texts.find((candidate) => candidate.includes(sentence));
    if (text !== undefined) found.push({ sentence, in: text.slice(0, 300) });
  }
  return found;
}
