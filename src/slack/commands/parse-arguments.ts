import { isSeverity, type Severity } from '../../domain/severity.js';
import type { CheckedSubcommand } from '../../blocks/help.js';

/** `/complaint` input as the router understands it. `caseNumber` is from `#N`, when given. */
export type ComplaintCommand =
  | { readonly kind: 'new'; readonly summary: string }
  | { readonly kind: 'help' }
  /** `list [open|mine|overdue]` lists cases; `list actions` the open action items. */
  | { readonly kind: 'list'; readonly filter: 'open' | 'mine' | 'overdue' | 'actions' }
  | { readonly kind: 'show'; readonly caseNumber?: number }
  | { readonly kind: 'take'; readonly caseNumber?: number }
  | { readonly kind: 'retry'; readonly caseNumber?: number }
  /** `close [#N]`: opens the close form. */
  | { readonly kind: 'close'; readonly caseNumber?: number }
  /** `retro [#N]`: opens the retro form of a closed case. */
  | { readonly kind: 'retro'; readonly caseNumber?: number }
  | { readonly kind: 'assign'; readonly userId: string; readonly caseNumber?: number }
  | { readonly kind: 'responded'; readonly note: string; readonly caseNumber?: number }
  | { readonly kind: 'note'; readonly text: string; readonly caseNumber?: number }
  | { readonly kind: 'severity'; readonly severity: Severity; readonly caseNumber?: number }
  | { readonly kind: 'escalate' | 'reopen'; readonly reason: string; readonly caseNumber?: number }
  | { readonly kind: 'resolve'; readonly how: string; readonly caseNumber?: number }
  /** `compensate [#N] [amount kind note…]`: the words after the case, read by the compensation command (amount and kind depend on the policy). */
  | { readonly kind: 'compensate'; readonly words: readonly string[]; readonly note: string; readonly caseNumber?: number }
  /** Arguments the subcommand does not take; the answer says how to type it (`invalidUsageText`). */
  /** `stats [period]`: the period as typed (empty: 30 days), read by the stats command in the workspace zone. */
  | { readonly kind: 'stats'; readonly period: string }
  /** `export [period]`: the period as typed (empty: 30 days), read like stats'; the CSV goes to the person's DM. */
  | { readonly kind: 'export'; readonly period: string }
  | { readonly kind: 'invalid'; readonly subcommand: CheckedSubcommand }
  | { readonly kind: 'unknown'; readonly input: string };

const CASE_REF = /^#(\d{1,9})$/;
// Slack escapes mentions in command text as <@U123|name> (manifest: should_escape).
const USER_MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

/** Removes a `#N` token from the start of the arguments, if there is one. */
function takeCaseRef(args: string[]): { caseNumber?: number; rest: string[] } {
  const match = args[0] !== undefined ? CASE_REF.exec(args[0]) : null;
  return match ? { caseNumber: Number(match[1]), rest: args.slice(1) } : { rest: args };
}

/**
 * Parses the text after `/complaint`. Pure: no lookups, no Slack.
 *
 * @example
 * parseComplaintCommand('assign <@U123|ana> #42') // => { kind: 'assign', userId: 'U123', caseNumber: 42 }
 */
export function parseComplaintCommand(text: string): ComplaintCommand {
  const trimmed = text.trim();
  const [word = '', ...args] = trimmed.split(/\s+/).filter(Boolean);
  const verb = word.toLowerCase();
  const restText = trimmed.slice(word.length).trim();
  switch (verb) {
    case '':
      return { kind: 'new', summary: '' };
    case 'new':
      return { kind: 'new', summary: restText };
    case 'help':
      return { kind: 'help' };
    case 'stats':
      return { kind: 'stats', period: restText };
    case 'export':
      return { kind: 'export', period: restText };
    case 'list': {
      const filter = (args[0] ?? 'open').toLowerCase();
      if (filter === 'open' || filter === 'mine' || filter === 'overdue' || filter === 'actions') return { kind: 'list', filter };
      return { kind: 'invalid', subcommand: 'list' };
    }
    case 'show':
    case 'take':
    case 'close':
    case 'retro':
    case 'retry': {
      const { caseNumber, rest } = takeCaseRef(args);
      if (rest.length > 0) return { kind: 'invalid', subcommand: verb };
      return caseNumber === undefined ? { kind: verb } : { kind: verb, caseNumber };
    }
    case 'assign': {
      const mentions = args.filter((a) => USER_MENTION.test(a));
      const refs = args.filter((a) => CASE_REF.test(a));
      if (mentions.length !== 1 || refs.length > 1 || mentions.length + refs.length !== args.length) {
        return { kind: 'invalid', subcommand: 'assign' };
      }
      const userId = USER_MENTION.exec(mentions[0] ?? '')?.[1] ?? '';
      const caseNumber = refs[0] ? Number(CASE_REF.exec(refs[0])?.[1]) : undefined;
      return caseNumber === undefined ? { kind: 'assign', userId } : { kind: 'assign', userId, caseNumber };
    }
    case 'responded':
    case 'note': {
      const { caseNumber, rest } = takeCaseRef(args);
      const body = caseNumber === undefined ? restText : restText.replace(/^#\d+\s*/, '');
      if (verb === 'note' && rest.length === 0) {
        return { kind: 'invalid', subcommand: 'note' };
      }
      const base = verb === 'note' ? { kind: 'note' as const, text: body } : { kind: 'responded' as const, note: body };
      return caseNumber === undefined ? base : { ...base, caseNumber };
    }
    case 'severity': {
      const { caseNumber, rest } = takeCaseRef(args);
      const level = (rest[0] ?? '').toLowerCase();
      if (rest.length !== 1 || !isSeverity(level)) {
        return { kind: 'invalid', subcommand: 'severity' };
      }
      return caseNumber === undefined ? { kind: 'severity', severity: level } : { kind: 'severity', severity: level, caseNumber };
    }
    case 'escalate':
    case 'reopen':
    case 'resolve': {
      const { caseNumber } = takeCaseRef(args);
      const body = caseNumber === undefined ? restText : restText.replace(/^#\d+\s*/, '');
      const base = verb === 'resolve' ? { kind: 'resolve' as const, how: body } : { kind: verb, reason: body };
      return caseNumber === undefined ? base : { ...base, caseNumber };
    }
    case 'compensate': {
      const { caseNumber, rest } = takeCaseRef(args);
      const body = caseNumber === undefined ? restText : restText.replace(/^#\d+\s*/, '');
      // The note is what follows the amount and the kind, as typed.
      const note = body.replace(/^\S+\s*/, '').replace(/^\S+\s*/, '');
      const base = { kind: 'compensate' as const, words: rest.slice(0, 2), note };
      return caseNumber === undefined ? base : { ...base, caseNumber };
    }
    default:
      return { kind: 'unknown', input: trimmed };
  }
}
