import type { AppContext } from '../../context.js';
import { findTargetCase } from '../../cases/find-case.js';
import { proposeCompensation } from '../../cases/propose-compensation.js';
import { COMPENSATION_KINDS, type CompensationKind } from '../../domain/compensation.js';
import { parseAmount } from '../../domain/money.js';
import { amountRefusalText, kindLabel } from '../../blocks/compensation-texts.js';
import { commandText, usageLine } from '../../blocks/help.js';
import { userErrorText } from '../../blocks/user-error-text.js';
import type { Reply } from '../reply.js';
import { finishCompensation } from '../finish-compensation.js';
import type { ComplaintCommand } from './parse-arguments.js';

type CompensateCommand = Extract<ComplaintCommand, { kind: 'compensate' }>;

/** The kind a typed word names: the kind's id (`refund`, `free_service`) or its word in the team's language. */
function kindOf(ctx: AppContext, word: string): CompensationKind | undefined {
  const typed = word.toLowerCase();
  return COMPENSATION_KINDS.find((kind) => kind === typed || ctx.words.t(`comp.kindWord.${kind}`).toLowerCase() === typed);
}

/** How to type it, with every kind's word, in the team's language. */
function usage(ctx: AppContext): string {
  const kinds = COMPENSATION_KINDS.map((kind) => `\`${ctx.words.t(`comp.kindWord.${kind}`)}\` (${kindLabel(ctx.words, kind)})`).join(', ');
  return ctx.words.t('comp.usage.line', { command: commandText(usageLine(ctx.words, 'compensate')), kinds });
}

/**
 * `/complaint compensate 500 refund damaged parcel`: the amount first, then the kind,
 * then the note, read strictly; anything else answers how to type it. (Without arguments
 * the form opens instead, in complaint-command.ts.)
 */
export async function runCompensateCommand(ctx: AppContext, command: CompensateCommand, origin: { teamId: string; userId: string; channelId: string }): Promise<Reply> {
  const [amountWord, kindWord] = command.words;
  if (amountWord === undefined || kindWord === undefined) return { text: usage(ctx) };
  const amount = parseAmount(amountWord, ctx.policy.currencyDigits);
  if (!amount.ok) return { text: `${amountRefusalText(ctx.words, amount)}\n${usage(ctx)}` };
  const kind = kindOf(ctx, kindWord);
  if (!kind) return { text: usage(ctx) };
  const target = await findTargetCase(ctx.db, { ...origin, caseNumber: command.caseNumber, verb: 'compensate' });
  if (!target.ok) return { text: userErrorText(ctx.words, target) };
  const change = await proposeCompensation(ctx.db, ctx.policy, {
    caseId: target.case.id,
    teamId: origin.teamId,
    actorId: origin.userId,
    now: ctx.now(),
    kind,
    amountMinor: amount.minor,
    note: command.note,
    customerAsked: '',
  });
  const confirmation = ctx.words.t('comp.reply.proposed', { caseNumber: String(target.case.number), amount: ctx.words.amount(amount.minor), kind: kindLabel(ctx.words, kind) });
  return finishCompensation(ctx, change, confirmation);
}
