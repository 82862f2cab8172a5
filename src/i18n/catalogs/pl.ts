import type { Catalog } from './en.js';

export const pl: Catalog = {
  'case.count': '{count, plural, one {# reklamacja} few {# reklamacje} many {# reklamacji} other {# reklamacji}}',
  'severity.critical': 'Krytyczny',
  'severity.high': 'Wysoki',
  'severity.normal': 'Zwykły',
  'severity.low': 'Niski',
  'status.open': 'Otwarta',
  'status.responded': 'Z odpowiedzią',
  'status.resolved': 'Rozwiązana',
  'status.closed': 'Zamknięta',

  // ── Commands: help, usage, replies, refusals and errors (slack/, user-error-text, case-summary) ──
  // Keys: help.*, usage.*, reply.*, error.*, gate.*, show.*, join.*, resolve.*

  // ── Intake, announcement, channel set-up and its problems (intake-modal, announcement, provisioning, stuck steps) ──
  // Keys: intake.*, source.*, announce.*, setup.*, stuck.*, slackError.*

  // ── Card, channel lines, reminders and breaches (case-card, event-lines, reminders) ──
  // Keys: card.*, line.*, deadline.*, reminder.*, breach.*
};
