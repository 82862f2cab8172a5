import type { CaseEvent, CaseEventKind } from '../domain/case-event.js';
import { isSeverity } from '../domain/severity.js';
import { isCloseOutcome } from '../domain/closure.js';
import { parseStepKey } from '../domain/stuck-step.js';
import type { Words } from '../i18n/words.js';
import { fitText } from './plain-text.js';
import { severityText, userMention } from './format.js';
import { explainSlackError, stuckStepLabel } from './stuck-steps.js';
import { compensationLine, compensationTimelineText } from './compensation-lines.js';
import { actionItemDoneLine } from './action-items.js';
import { RETRO_EVENT_KINDS, retroTimelineText } from './retro-lines.js';

/** Events the card already shows; they get no line of their own. */
export const SILENT_EVENT_KINDS: readonly CaseEventKind[] = [
  'opened',
  'slack_problem',
  // Compensation: the approval request itself and the approvers' DMs say these.
  'compensation_proposed',
  'compensation_nudged',
  // Retro: the summary says them, and the channel is archived after it.
  ...RETRO_EVENT_KINDS,
  // The uploaded file is the message.
  'case_record_posted',
];

/** Longest a person's text (note, reason, how) gets in a line, escaped; the pings around it always fit. */
export const EVENT_TEXT_LENGTH = 3000;

type EventView = Pick<CaseEvent, 'kind' | 'actorId' | 'data'>;

const text = (value: unknown): string => (typeof value === 'string' ? fitText(value, EVENT_TEXT_LENGTH, 'mrkdwn') : '');

/** A stored severity id in the team's language; anything else (older or odd data) shown escaped. */
const severity = (words: Words, value: unknown): string =>
  typeof value === 'string' && isSeverity(value) ? severityText(words, value) : text(value);

/** A person as a ping; `someone` in the team's language when the event names nobody. */
const mention = (words: Words, id: unknown): string => userMention(id, words.t('line.someone'));

/**
 * The short line posted in the case channel for a timeline event, or undefined for
 * events the card already shows (the opening itself).
 *
 * @example
 * eventLine(words, { kind: 'note', actorId: 'U1', data: { text: 'Called back' }, ... }) // => '<@U1> noted: Called back'
 */
export function eventLine(words: Words, event: EventView): string | undefined {
  const actor = mention(words, event.actorId);
  switch (event.kind) {
    case 'opened':
      return undefined;
    case 'owner_changed':
      return event.data.to === event.actorId
        ? words.t('line.taken', { actor })
        : words.t('line.assigned', { actor, owner: mention(words, event.data.to) });
    case 'responded': {
      const note = text(event.data.note);
      return note ? words.t('line.respondedWithNote', { actor, note }) : words.t('line.responded', { actor });
    }
    case 'note':
      return words.t('line.noted', { actor, text: text(event.data.text) });
    case 'severity_changed':
      return words.t('line.severityChanged', { actor, from: severity(words, event.data.from), to: severity(words, event.data.to) });
    case 'escalated': {
      const reason = text(event.data.reason);
      const leads = leadMentions(words, event.data.leads);
      return reason ? words.t('line.escalatedWithReason', { actor, reason, ...leads }) : words.t('line.escalated', { actor, ...leads });
    }
    case 'resolved':
      return words.t('line.resolved', { actor, how: text(event.data.how) });
    case 'reopened': {
      const reason = text(event.data.reason);
      return reason ? words.t('line.reopenedWithReason', { actor, reason }) : words.t('line.reopened', { actor });
    }
    case 'deadline_breached':
      return words.t('line.breached', {
        deadline: event.data.deadline === 'first_response' ? 'first_response' : 'resolution',
        ...leadMentions(words, event.data.leads),
      });
    case 'slack_problem':
      return undefined;
    case 'playbook_step_ticked':
    case 'playbook_step_unticked': {
      const number = typeof event.data.step === 'number' ? event.data.step + 1 : 0;
      const key = event.kind === 'playbook_step_ticked' ? 'playbook.line.ticked' : 'playbook.line.unticked';
      return words.t(key, { actor, number, step: text(event.data.text) });
    }
    case 'compensation_proposed':
    case 'compensation_nudged':
    case 'compensation_approved':
    case 'compensation_rejected':
    case 'compensation_answered':
      return compensationLine(words, event);
    case 'follow_up_answered': {
      if (event.data.answer === 'satisfied') return words.t('followUp.line.satisfied', { actor });
      const nextAt = typeof event.data.nextAt === 'string' ? new Date(event.data.nextAt) : undefined;
      return nextAt && !Number.isNaN(nextAt.getTime())
        ? words.t('followUp.line.notYet', { actor, at: words.dateTime(nextAt) })
        : words.t('followUp.line.lastNotYet', { actor });
    }
    case 'closed': {
      const outcome = isCloseOutcome(event.data.outcome) ? words.t(`close.outcome.${event.data.outcome}`) : text(event.data.outcome);
      const satisfaction = typeof event.data.satisfaction === 'number' ? event.data.satisfaction : 0;
      return words.t(event.data.thanked === true ? 'close.line.thanked' : 'close.line', { actor, outcome, satisfaction });
    }
    case 'channel_replaced':
      return words.t('reopen.line.newChannel', { channel: typeof event.data.from === 'string' && /^[CG][A-Z0-9]+$/.test(event.data.from) ? `<#${event.data.from}>` : '—' });
    case 'follow_up_escalated': {
      const leads = leadMentions(words, event.data.leads);
      return words.t('followUp.line.leadsTold', { ...leads, rounds: typeof event.data.round === 'number' ? event.data.round : 0 });
    }
    case 'action_item_done':
      return actionItemDoneLine(words, { actor, description: event.data.description });
    case 'retro_submitted':
    case 'action_item_added':
    case 'retro_reminded':
    case 'retro_summary_posted':
    case 'channel_archived':
    case 'case_record_posted':
      return undefined;
  }
}

/** The leads as pings, and how many: the messages address them, or all leads when none are named. */
function leadMentions(words: Words, leads: unknown): { leads: string; count: number } {
  const ids = Array.isArray(leads) ? leads.filter((id): id is string => typeof id === 'string') : [];
  return { leads: ids.map((id) => mention(words, id)).join(' '), count: ids.length };
}

/** The event as one line of the timeline in `/complaint show`; every kind has one. */
export function timelineText(words: Words, event: EventView): string {
  switch (event.kind) {
    case 'opened':
      return words.t('line.opened', { actor: mention(words, event.actorId), severity: severity(words, event.data.severity) });
    case 'slack_problem': {
      const step = typeof event.data.step === 'string' ? parseStepKey(event.data.step) : undefined;
      const error = typeof event.data.error === 'string' ? event.data.error : 'unknown_error';
      if (event.data.step === 'dm') {
        return words.t('line.dmUndelivered', { user: mention(words, event.data.user), error: text(error) });
      }
      // Events from before stuck steps were recorded name no step key.
      if (!step) return words.t('line.setupRefused', { error: text(error) });
      return words.t('line.stepStuck', { step: stuckStepLabel(words, step), why: explainSlackError(words, error), error: text(error) });
    }
    case 'compensation_proposed':
    case 'compensation_nudged':
      return compensationTimelineText(words, event);
    case 'retro_submitted':
    case 'action_item_added':
    case 'retro_reminded':
    case 'retro_summary_posted':
    case 'channel_archived':
      return retroTimelineText(words, event) ?? event.kind;
    case 'case_record_posted':
      return words.t('record.line.posted');
    default:
      return eventLine(words, event) ?? event.kind;
  }
}
