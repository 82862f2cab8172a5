import type { CaseEvent } from '../domain/case-event.js';
import type { Words } from '../i18n/words.js';
import { userMention } from './format.js';
import { causeLabel, dayText } from './retro-texts.js';

type EventView = Pick<CaseEvent, 'kind' | 'actorId' | 'data'>;

/** Retro events get no channel line (the summary says them, and the channel is archived after it). */
export const RETRO_EVENT_KINDS = ['retro_submitted', 'action_item_added', 'retro_reminded', 'retro_summary_posted', 'channel_archived'] as const;

const count = (value: unknown): number => (typeof value === 'number' && Number.isSafeInteger(value) ? value : 0);

/**
 * A retro event as one line of the timeline in `/complaint show`, or undefined for
 * another kind of event.
 *
 * @example
 * retroTimelineText(words, { kind: 'retro_submitted', actorId: 'U1', data: { cause: 'process_gap' } })
 * // '<@U1> wrote their retro notes (root cause: Gap in our process).'
 */
export function retroTimelineText(words: Words, event: EventView): string | undefined {
  const actor = userMention(event.actorId, words.t('line.someone'));
  switch (event.kind) {
    case 'retro_submitted':
      return words.t(event.data.rewritten === true ? 'retro.line.rewritten' : 'retro.line.submitted', { actor, cause: causeLabel(words, event.data.cause) });
    case 'action_item_added':
      return words.t('retro.line.actionItem', {
        actor,
        owner: userMention(event.data.owner),
        due: typeof event.data.dueOn === 'string' ? dayText(words, event.data.dueOn) : '—',
      });
    case 'retro_reminded': {
      const people = Array.isArray(event.data.people) ? event.data.people.map((id) => userMention(id)) : [];
      return words.t('retro.line.reminded', { people: people.length > 0 ? words.list(people) : '—', count: people.length });
    }
    case 'retro_summary_posted':
      return words.t('retro.line.summary', { answered: count(event.data.answered), asked: count(event.data.asked) });
    case 'channel_archived':
      return words.t(event.data.already === true ? 'retro.line.alreadyArchived' : 'retro.line.archived');
    default:
      return undefined;
  }
}
