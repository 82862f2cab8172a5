import type { CaseEvent, CaseEventKind } from '../domain/case-event.js';
import { parseStepKey } from '../domain/stuck-step.js';
import { fitText } from './plain-text.js';
import { userMention } from './format.js';
import { explainSlackError, stuckStepLabel } from './stuck-steps.js';
import { createWords } from '../i18n/words.js';

// Until the timeline takes the team's words (the card's conversion), its stuck steps are English.
const STUCK_WORDS = createWords({ language: 'en', timeZone: 'UTC', currency: 'EUR' });

/** Events the card already shows; they get no line of their own. */
export const SILENT_EVENT_KINDS: readonly CaseEventKind[] = ['opened', 'slack_problem'];

/** Longest a person's text (note, reason, how) gets in a line, escaped; the pings around it always fit. */
export const EVENT_TEXT_LENGTH = 3000;

const mention = (id: unknown): string => userMention(id, 'someone');
const text = (value: unknown): string => (typeof value === 'string' ? fitText(value, EVENT_TEXT_LENGTH, 'mrkdwn') : '');

/**
 * The short line posted in the case channel for a timeline event, or undefined for
 * events the card already shows (the opening itself).
 *
 * @example
 * eventLine({ kind: 'note', actorId: 'U1', data: { text: 'Called back' }, ... }) // => '<@U1> noted: Called back'
 */
export function eventLine(event: Pick<CaseEvent, 'kind' | 'actorId' | 'data'>): string | undefined {
  const actor = mention(event.actorId);
  switch (event.kind) {
    case 'opened':
      return undefined;
    case 'owner_changed':
      return event.data.to === event.actorId ? `${actor} took ownership.` : `${actor} assigned the case to ${mention(event.data.to)}.`;
    case 'responded':
      return event.data.note ? `${actor} sent the first response: ${text(event.data.note)}` : `${actor} sent the first response.`;
    case 'note':
      return `${actor} noted: ${text(event.data.text)}`;
    case 'severity_changed':
      return `${actor} changed the severity from ${text(event.data.from)} to ${text(event.data.to)}; deadlines moved.`;
    case 'escalated':
      return `:mega: ${actor} escalated the case${reason(event.data.reason)} ${leadsPing(event.data.leads)}: a central decision is needed.`;
    case 'resolved':
      return `:white_check_mark: ${actor} resolved the case: ${text(event.data.how)}`;
    case 'reopened':
      return `${actor} reopened the case${reason(event.data.reason)} A new resolution deadline is running.`;
    case 'deadline_breached':
      return `:rotating_light: The ${deadlineLabel(event.data.deadline)} deadline passed. ${leadsPing(event.data.leads)}, please step in.`;
    case 'slack_problem':
      return undefined;
  }
}

function reason(value: unknown): string {
  const given = text(value);
  return given ? `: ${given}.` : '.';
}

function leadsPing(leads: unknown): string {
  const ids = Array.isArray(leads) ? leads.filter((id): id is string => typeof id === 'string') : [];
  return ids.length ? ids.map(mention).join(' ') : 'Leads';
}

function deadlineLabel(kind: unknown): string {
  return kind === 'first_response' ? 'first-response' : 'resolution';
}

/** The event as one line of the timeline in `/complaint show`; every kind has one. */
export function timelineText(event: Pick<CaseEvent, 'kind' | 'actorId' | 'data'>): string {
  switch (event.kind) {
    case 'opened':
      return `${mention(event.actorId)} opened the case (${text(event.data.severity)}).`;
    case 'slack_problem': {
      const step = typeof event.data.step === 'string' ? parseStepKey(event.data.step) : undefined;
      const error = typeof event.data.error === 'string' ? event.data.error : 'unknown_error';
      if (event.data.step === 'dm') return `Slack could not deliver a direct message to ${mention(event.data.user)} (${text(error)}).`;
      // Events from before stuck steps were recorded name no step key.
      if (!step) return `Slack refused a step of setting up the case (${text(error)}).`;
      return `:construction: ${stuckStepLabel(STUCK_WORDS, step)} got stuck: ${explainSlackError(STUCK_WORDS, error)} (\`${text(error)}\`).`;
    }
    default:
      return eventLine(event) ?? event.kind;
  }
}
