import type { Catalog } from './en.js';

export const sv: Catalog = {
  'case.count': '{count, plural, one {# ärende} other {# ärenden}}',
  'severity.critical': 'Kritisk',
  'severity.high': 'Hög',
  'severity.normal': 'Vanlig',
  'severity.low': 'Låg',
  'status.open': 'Öppet',
  'status.responded': 'Besvarat',
  'status.resolved': 'Löst',
  'status.closed': 'Stängt',

  // ── Commands: help, usage, replies, refusals and errors (slack/, user-error-text, case-summary) ──
  // Keys: help.*, usage.*, reply.*, error.*, gate.*, show.*, join.*, resolve.*

  // ── Intake, announcement, channel set-up and its problems (intake-modal, announcement, provisioning, stuck steps) ──
  // Keys: intake.*, source.*, announce.*, setup.*, stuck.*, slackError.*

  // ── Card, channel lines, reminders and breaches (case-card, event-lines, reminders) ──
  // Keys: card.*, line.*, deadline.*, reminder.*, breach.*
};
