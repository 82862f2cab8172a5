import type { Catalog } from './en.js';

export const ru: Catalog = {
  'case.count': '{count, plural, one {# жалоба} few {# жалобы} many {# жалоб} other {# жалобы}}',
  'severity.critical': 'Критический',
  'severity.high': 'Высокий',
  'severity.normal': 'Обычный',
  'severity.low': 'Низкий',
  'status.open': 'Открыта',
  'status.responded': 'Есть ответ',
  'status.resolved': 'Решена',
  'status.closed': 'Закрыта',

  // ── Commands: help, usage, replies, refusals and errors (slack/, user-error-text, case-summary) ──
  // Keys: help.*, usage.*, reply.*, error.*, gate.*, show.*, join.*, resolve.*

  // ── Intake, announcement, channel set-up and its problems (intake-modal, announcement, provisioning, stuck steps) ──
  // Keys: intake.*, source.*, announce.*, setup.*, stuck.*, slackError.*

  // ── Card, channel lines, reminders and breaches (case-card, event-lines, reminders) ──
  // Keys: card.*, line.*, deadline.*, reminder.*, breach.*
};
