import type { Catalog } from './en.js';

export const ru: Catalog = {
  'case.count': '{count, plural, one {# жалоба} few {# жалобы} many {# жалоб} other {# жалобы}}',
  'severity.critical': 'Критичная',
  'severity.high': 'Высокая',
  'severity.normal': 'Обычная',
  'severity.low': 'Низкая',
  'status.open': 'Открыта',
  'status.responded': 'Есть ответ',
  'status.resolved': 'Решена',
  'status.closed': 'Закрыта',
};
