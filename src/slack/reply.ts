import type { KnownBlock } from '@slack/types';

/** An ephemeral answer to the person who typed or clicked. */
export interface Reply {
  readonly text: string;
  readonly blocks?: KnownBlock[];
}

export const SOMETHING_WENT_WRONG: Reply = {
  text: 'Something went wrong on our side and it has been logged. Your change may not have been saved; please try again.',
};
