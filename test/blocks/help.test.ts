import { parseComplaintCommand } from '../../src/slack/commands/parse-arguments.js';
import { describe, expect, it } from 'vitest';
import { WORKING_SUBCOMMANDS, helpText, invalidUsageText, usageError, usageLine } from '../../src/blocks/help.js';
import { escapeMrkdwn } from '../../src/blocks/plain-text.js';
import type { Language } from '../../src/config/policy-schema.js';
import { LANGUAGES } from '../../src/config/policy-schema.js';
import { createWords } from '../../src/i18n/words.js';
import { ATTACK, ATTACK_ESCAPED, findUnsafe } from './fixtures.js';

const wordsIn = (language: Language) => createWords({ language, timeZone: 'Europe/Warsaw', currency: 'PLN' });
const en = wordsIn('en');

describe('helpText', () => {
  it('lists every working subcommand and nothing unfinished', () => {
    expect(WORKING_SUBCOMMANDS).toEqual(['new', 'help', 'list', 'show', 'take', 'assign', 'responded', 'note', 'severity', 'escalate', 'resolve', 'close', 'reopen', 'retro', 'compensate', 'stats', 'export', 'retry']);
    // Everything help lists is understood by the router.
    for (const name of WORKING_SUBCOMMANDS) expect(parseComplaintCommand(name).kind).not.toBe('unknown');
    const text = helpText(en);
    for (const name of WORKING_SUBCOMMANDS) expect(text).toContain(`\`${escapeMrkdwn(usageLine(en, name))}\``);
    expect(text).toContain('/complaint list [open|mine|overdue|actions]');
    expect(text).toContain('#42');
    expect(text).toContain('/complaint retro [#N]');
    expect(text).toContain('/complaint stats [period]');
    expect(text).toContain('/complaint export [period]`: a CSV file of the cases opened in a period');
    expect(text).not.toMatch(/coming soon/i);
  });

  it.each(LANGUAGES)('in %s: one line per subcommand, typed as in every language, between a title and the footer', (language) => {
    const lines = helpText(wordsIn(language)).split('\n');
    expect(lines).toHaveLength(WORKING_SUBCOMMANDS.length + 2);
    expect(lines[0]).toContain('`/complaint`');
    expect(lines.at(-1)).toContain('`/complaint show #42`');
    WORKING_SUBCOMMANDS.forEach((name, i) => {
      const line = lines[i + 1] ?? '';
      expect(line.startsWith(`• \`/complaint ${name}`)).toBe(true);
      // An explanation follows the command, in the language.
      expect(line.split('`: ')[1]?.length ?? 0).toBeGreaterThan(5);
    });
    expect(lines).toContain('• `/complaint list [open|mine|overdue|actions]`: ' + wordsIn(language).t('help.list'));
    expect(lines).toContain('• `/complaint severity &lt;critical|high|normal|low&gt;`: ' + wordsIn(language).t('help.severity'));
  });

  it.each<[Language, string[]]>([
    [
      'en',
      [
        '*How to use `/complaint`*',
        '• `/complaint note &lt;text&gt;`: add a note to the case timeline',
        '• `/complaint assign @person [#N]`: make someone else the owner',
        'Inside a case channel the case is implied; elsewhere name it, e.g. `/complaint show #42`.',
      ],
    ],
    [
      'pl',
      [
        '*Jak używać `/complaint`*',
        '• `/complaint note &lt;tekst&gt;`: dodaje notatkę do historii reklamacji',
        '• `/complaint assign @osoba [#N]`: przekazuje reklamację innej osobie',
        '• `/complaint take [#N]`: zostajesz opiekunem reklamacji',
        'W kanale reklamacji komenda dotyczy tej reklamacji; gdzie indziej podaj jej numer, np. `/complaint show #42`.',
      ],
    ],
    [
      'sv',
      [
        '*Så använder du `/complaint`*',
        '• `/complaint note &lt;anteckning&gt;`: lägger till en anteckning i ärendets historik',
        '• `/complaint take [#N]`: gör dig till ansvarig för ärendet',
        '• `/complaint reopen [orsak]`: öppnar ärendet igen, med en ny tidsfrist för lösning',
      ],
    ],
    [
      'ru',
      [
        '*Как пользоваться `/complaint`*',
        '• `/complaint note &lt;текст&gt;`: добавить заметку в историю жалобы',
        '• `/complaint resolve [как]`: отметить жалобу как решённую (без аргументов откроется форма)',
        'В канале жалобы номер можно не указывать; в других местах укажите его, например `/complaint show #42`.',
      ],
    ],
  ])('in %s, says exactly', (language, expected) => {
    const lines = helpText(wordsIn(language)).split('\n');
    for (const line of expected) expect(lines).toContain(line);
  });
});

describe('usageError', () => {
  it('echoes the input and points to help', () => {
    const text = usageError(en, 'frobnicate now');
    expect(text.split('\n')[0]).toBe('I don’t know "frobnicate now". Try `/complaint help`');
    expect(text).toContain('`/complaint note &lt;text&gt;`');
  });

  it.each<[Language, string]>([
    ['pl', 'Nie znam polecenia „frobnicate”. Wpisz `/complaint help`'],
    ['sv', 'Jag känner inte till ”frobnicate”. Prova `/complaint help`'],
    ['ru', 'Не знаю команду «frobnicate». Попробуйте `/complaint help`'],
  ])('in %s', (language, first) => {
    const text = usageError(wordsIn(language), 'frobnicate');
    expect(text.split('\n')[0]).toBe(first);
    expect(text.split('\n')).toHaveLength(WORKING_SUBCOMMANDS.length + 1);
  });

  it('escapes the echoed input', () => {
    const text = usageError(en, ATTACK);
    expect(text).toContain(`"${ATTACK_ESCAPED}"`);
    expect(findUnsafe(text)).toEqual([]);
  });

  it('keeps a long input short', () => {
    // The echo is cut to about 100 characters, however many subcommands the list holds.
    expect(usageError(en, 'x'.repeat(5000)).length).toBeLessThan(usageError(en, 'x').length + 110);
  });
});

describe('invalidUsageText', () => {
  it('says how to type each checked subcommand', () => {
    expect(invalidUsageText(en, 'take')).toBe('Use `/complaint take` in a case channel, or `/complaint take #42`.');
    expect(invalidUsageText(en, 'list')).toBe('Use `/complaint list`, `/complaint list mine`, `/complaint list overdue` or `/complaint list actions`.');
    expect(invalidUsageText(en, 'severity')).toBe('Name the new severity: `/complaint severity &lt;critical|high|normal|low&gt;`.');
    expect(invalidUsageText(en, 'note')).toBe('Write the note after the command: `/complaint note &lt;text&gt;`.');
    expect(invalidUsageText(en, 'assign')).toBe('Use `/complaint assign @person` in a case channel, or `/complaint assign @person #42`.');
  });

  it.each<[Language, string]>([
    ['pl', 'Wpisz `/complaint retry` w kanale reklamacji albo `/complaint retry #42`.'],
    ['sv', 'Skriv `/complaint retry` i en ärendekanal, eller `/complaint retry #42`.'],
    ['ru', 'Используйте `/complaint retry` в канале жалобы или `/complaint retry #42`.'],
  ])('in %s, with the subcommand as typed', (language, expected) => {
    expect(invalidUsageText(wordsIn(language), 'retry')).toBe(expected);
  });
});
