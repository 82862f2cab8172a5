import type { KnownBlock } from '@slack/types';
import type { Words } from '../i18n/words.js';

/** An ephemeral answer to the person who typed or clicked. */
export interface Reply {
  readonly text: string;
  readonly blocks?: KnownBlock[];
}

/**
 * The answer when a listener failed on our side (the error is logged).
 *
 * @example
 * await respond({ response_type: 'ephemeral', ...somethingWentWrong(ctx.words) });
 */
export function somethingWentWrong(words: Words): Reply {
  return { text: words.t('reply.somethingWrong') };
}
