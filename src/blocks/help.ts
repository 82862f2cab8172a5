import { SEVERITIES } from '../domain/severity.js';
import type { MessageKey } from '../i18n/translator.js';
import type { Words } from '../i18n/words.js';
import { escapeMrkdwn, fitText } from './plain-text.js';

/** The `/complaint` subcommands Anthill answers today, in the order help lists them; typed as they are in every language. */
export const WORKING_SUBCOMMANDS = [
  'new',
  'help',
  'list',
  'show',
  'take',
  'assign',
  'responded',
  'note',
  'severity',
  'escalate',
  'resolve',
  'close',
  'reopen',
  'retro',
  'compensate',
  'stats',
  'export',
  'retry',
] as const;

export type Subcommand = (typeof WORKING_SUBCOMMANDS)[number];

/** Every subcommand is explained in every language: a subcommand without its `help.<name>` key does not compile. */
// Compensation's and export's help are in their own catalog sections (`comp.help`, `export.help`).
type HelpKey = `help.${Exclude<Subcommand, 'compensate' | 'export'>}`;
const everySubcommandIsExplained: HelpKey extends MessageKey ? true : never = true;
void everySubcommandIsExplained;

/** Subcommands whose arguments `/complaint` checks itself before running them. */
export type CheckedSubcommand = Extract<Subcommand, 'list' | 'show' | 'take' | 'retry' | 'close' | 'retro' | 'assign' | 'note' | 'severity'>;

const CASE = '[#N]';

/** What follows the subcommand: typed words (`open`, `#N`, severities) as they are, placeholders in the language. */
const ARGUMENTS: Record<Subcommand, (words: Words) => string> = {
  new: (words) => `[${words.t('usage.summary')}]`,
  help: () => '',
  list: () => '[open|mine|overdue|actions]',
  show: () => CASE,
  take: () => CASE,
  assign: (words) => `@${words.t('usage.person')} ${CASE}`,
  responded: (words) => `[${words.t('usage.note')}]`,
  note: (words) => `<${words.t('usage.text')}>`,
  severity: () => `<${SEVERITIES.join('|')}>`,
  escalate: (words) => `[${words.t('usage.reason')}]`,
  resolve: (words) => `[${words.t('usage.how')}]`,
  close: () => CASE,
  retro: () => CASE,
  reopen: (words) => `[${words.t('usage.reason')}]`,
  compensate: (words) => `${CASE} [<${words.t('comp.usage.amount')}> <${words.t('comp.usage.kind')}> [${words.t('comp.usage.note')}]]`,
  stats: (words) => `[${words.t('stats.usage.period')}]`,
  export: (words) => `[${words.t('stats.usage.period')}]`,
  retry: () => CASE,
};

const ECHO_LENGTH = 100;

/**
 * How a subcommand is typed, as plain text: `/complaint note <text>`, `/complaint note <tekst>`.
 *
 * @example
 * usageLine(words, 'assign') // '/complaint assign @person [#N]'
 */
export function usageLine(words: Words, subcommand: Subcommand): string {
  const args = ARGUMENTS[subcommand](words);
  return args ? `/complaint ${subcommand} ${args}` : `/complaint ${subcommand}`;
}

/** A command to type, as `mrkdwn` code: escaped, so `<text>` shows as written instead of becoming a link. */
export function commandText(typed: string): string {
  return `\`${escapeMrkdwn(typed)}\``;
}

/**
 * The ephemeral answer to `/complaint help`: every subcommand as typed, explained in the
 * team's language.
 *
 * @example
 * await ack({ response_type: 'ephemeral', text: helpText(ctx.words) });
 */
export function helpText(words: Words): string {
  return [words.t('help.title'), subcommandList(words), words.t('help.footer')].join('\n');
}

/**
 * The short ephemeral answer to input `/complaint` does not understand; echoes the
 * input escaped, so it cannot ping.
 *
 * @example
 * usageError(words, 'frobnicate') // 'I don’t know "frobnicate". Try `/complaint help`\n• `/complaint new [summary]` …'
 */
export function usageError(words: Words, input: string): string {
  const echo = fitText(input.trim(), ECHO_LENGTH, 'mrkdwn');
  return `${words.t('help.unknown', { input: echo })}\n${subcommandList(words)}`;
}

/**
 * The answer to a subcommand typed with arguments it does not take: how to type it.
 *
 * @example
 * invalidUsageText(words, 'take') // 'Use `/complaint take` in a case channel, or `/complaint take #42`.'
 */
export function invalidUsageText(words: Words, subcommand: CheckedSubcommand): string {
  switch (subcommand) {
    case 'list':
      return words.t('usage.list');
    case 'assign':
      return words.t('usage.assign');
    case 'note':
      return words.t('error.empty_note', { command: commandText(usageLine(words, 'note')) });
    case 'severity':
      return words.t('usage.severity', { command: commandText(usageLine(words, 'severity')) });
    default:
      return words.t('usage.caseOnly', { verb: subcommand });
  }
}

/** Each team's list, once: help is asked for often and its words never change while the process runs. */
const listsByWords = new WeakMap<Words, string>();

function subcommandList(words: Words): string {
  let list = listsByWords.get(words);
  if (list === undefined) {
    list = writeSubcommandList(words);
    listsByWords.set(words, list);
  }
  return list;
}

function writeSubcommandList(words: Words): string {
  const explain = (name: Subcommand) => {
    if (name === 'compensate') return words.t('comp.help');
    if (name === 'export') return words.t('export.help');
    return words.t(`help.${name}`);
  };
  return WORKING_SUBCOMMANDS.map((name) => `• ${commandText(usageLine(words, name))}: ${explain(name)}`).join('\n');
}
