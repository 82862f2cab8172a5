import type { RespondFn } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import type { JobRequest } from '../../cases/jobs-to-run.js';
import type { Case } from '../../domain/case.js';
import type { Outcome } from '../../domain/user-error.js';
import { finishChange } from '../finish-change.js';
import { somethingWentWrong } from '../reply.js';

/**
 * Runs a click's change and answers only what the clicker must know, privately: a
 * refusal, or that something broke. Success shows on the card and in the channel.
 */
export async function applyClick(ctx: AppContext, respond: RespondFn, what: string, change: () => Promise<Outcome<{ case: Case; jobs: JobRequest[] }>>): Promise<void> {
  try {
    const reply = await finishChange(ctx, await change(), '');
    if (reply.text) await respond({ response_type: 'ephemeral', replace_original: false, text: reply.text });
  } catch (error) {
    ctx.logger.error({ err: error, action: what }, 'a click failed');
    await respond({ response_type: 'ephemeral', replace_original: false, ...somethingWentWrong(ctx.words) });
  }
}
