import { escapeMrkdwn, fitText } from './plain-text.js';

export interface SubcommandHelp {
  /** The word after `/complaint`. */
  name: string;
  usage: string;
  description: string;
}

/** The `/complaint` subcommands Anthill answers today, in the order help lists them. */
export const WORKING_SUBCOMMANDS: readonly SubcommandHelp[] = [
  { name: 'new', usage: '/complaint new [summary]', description: 'open the intake form (also plain `/complaint`)' },
  { name: 'help', usage: '/complaint help', description: 'show this help' },
  { name: 'list', usage: '/complaint list [open|mine|overdue]', description: 'list cases (default: open)' },
  { name: 'show', usage: '/complaint show [#N]', description: 'case summary with deadlines and timeline' },
  { name: 'take', usage: '/complaint take [#N]', description: 'become the owner of the case' },
  { name: 'assign', usage: '/complaint assign @user [#N]', description: 'make someone else the owner' },
  { name: 'responded', usage: '/complaint responded [note]', description: 'the first response was sent to the customer' },
  { name: 'note', usage: '/complaint note <text>', description: 'add a note to the case timeline' },
  { name: 'severity', usage: '/complaint severity <critical|high|normal|low>', description: 'change the severity; deadlines move' },
  { name: 'escalate', usage: '/complaint escalate [reason]', description: 'ask for a central decision: leads are invited and pinged' },
  { name: 'resolve', usage: '/complaint resolve [how]', description: 'mark resolved (a form without arguments)' },
  { name: 'reopen', usage: '/complaint reopen [reason]', description: 'back to open, with a new resolution deadline' },
  { name: 'retry', usage: '/complaint retry [#N]', description: 'try the stuck Slack steps of a case again now, once their cause is fixed' },
];

const ECHO_LENGTH = 100;

/**
 * The ephemeral answer to `/complaint help`.
 *
 * @example
 * await ack({ response_type: 'ephemeral', text: helpText() });
 */
export function helpText(): string {
  return [
    '*How to use `/complaint`*',
    subcommandList(),
    'Inside a case channel the case is implied; elsewhere name it, e.g. `/complaint show #42`.',
  ].join('\n');
}

/**
 * The short ephemeral answer to input `/complaint` does not understand; echoes the
 * input escaped, so it cannot ping.
 *
 * @example
 * usageError('frobnicate') // 'I don't know "frobnicate". Try `/complaint help`\n• `/complaint new [summary]` …'
 */
export function usageError(input: string): string {
  const echo = fitText(input.trim(), ECHO_LENGTH, 'mrkdwn');
  return `I don't know "${echo}". Try \`/complaint help\`\n${subcommandList()}`;
}

function subcommandList(): string {
  // Usages hold `<text>`, which Slack would read as a link: escaped, they show as written.
  return WORKING_SUBCOMMANDS.map((sub) => `• \`${escapeMrkdwn(sub.usage)}\`: ${escapeMrkdwn(sub.description)}`).join('\n');
}
