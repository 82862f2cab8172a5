import type { KnownBlock } from '@slack/types';
import type { DigestWeek } from '../domain/weekly-digest.js';
import type { Words } from '../i18n/words.js';
import { statsMessage, type StatsView } from './stats.js';

/**
 * The Monday digest in the team channel: the stats message for last week (Monday to
 * Sunday) beside the week before, under the digest's own title; a week without any case
 * says so kindly. It mentions nobody. Pure.
 *
 * @example
 * await slack.chat.postMessage({ channel: policy.teamChannel, ...weeklyDigestMessage(words, digest, { current, previous, policy }) });
 */
export function weeklyDigestMessage(words: Words, digest: Pick<DigestWeek, 'week' | 'firstDay' | 'lastDay'>, view: Omit<StatsView, 'period' | 'heading'>): { text: string; blocks: KnownBlock[] } {
  const days = { from: words.day(digest.firstDay), to: words.day(digest.lastDay) };
  return statsMessage(words, {
    ...view,
    period: digest.week,
    heading: { title: words.t('digest.title', days), text: words.t('digest.text', days), empty: words.t('digest.empty') },
  });
}
