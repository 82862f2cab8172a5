import type { AppContext } from '../context.js';
import type { CompensationChange } from '../cases/compensation-change.js';
import { isCompensationRefusal } from '../domain/compensation.js';
import type { UserError } from '../domain/user-error.js';
import type { CompensationRefusal } from '../domain/compensation.js';
import { compensationRefusalText } from '../blocks/compensation-texts.js';
import { userErrorText } from '../blocks/user-error-text.js';
import type { Reply } from './reply.js';
import { scheduleAfterCommit } from './schedule-after-commit.js';

/** A refused compensation step in the team's language. */
export function compensationErrorText(ctx: Pick<AppContext, 'words'>, refusal: UserError | CompensationRefusal): string {
  return isCompensationRefusal(refusal) ? compensationRefusalText(ctx.words, refusal) : userErrorText(ctx.words, refusal);
}

/** Like `finishChange`: a refusal answers with its reason; a committed step has its jobs queued, then confirms. */
export async function finishCompensation(ctx: AppContext, change: CompensationChange, confirmation: string): Promise<Reply> {
  if (!change.ok) return { text: compensationErrorText(ctx, change) };
  await scheduleAfterCommit(ctx, change.jobs, change.case.number);
  return { text: confirmation };
}
