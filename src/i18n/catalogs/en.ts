/**
 * The English catalog: flat ICU MessageFormat strings keyed by dotted ids. Its keys are
 * {@link MessageKey}, so a key missing from another language's catalog is a type error.
 */
export const en = {
  'case.count': '{count, plural, one {# complaint} other {# complaints}}',
  'severity.critical': 'Critical',
  'severity.high': 'High',
  'severity.normal': 'Normal',
  'severity.low': 'Low',
  'status.open': 'Open',
  'status.responded': 'Responded',
  'status.resolved': 'Resolved',
  'status.closed': 'Closed',

  // ── Commands: help, usage, replies, refusals and errors (slack/, user-error-text, case-summary) ──
  // Keys: help.*, usage.*, reply.*, error.*, gate.*, show.*, join.*, resolve.*

  // ── Intake, announcement, channel set-up and its problems (intake-modal, announcement, provisioning, stuck steps) ──
  // Keys: intake.*, source.*, announce.*, setup.*, stuck.*, slackError.*

  // ── Card, channel lines, reminders and breaches (case-card, event-lines, reminders) ──
  // Keys: card.*, line.*, deadline.*, reminder.*, breach.*
} as const;

export type MessageKey = keyof typeof en;
export type Catalog = Readonly<Record<MessageKey, string>>;
