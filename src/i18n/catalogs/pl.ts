import type { Catalog } from './en.js';

export const pl: Catalog = {
  'case.count': '{count, plural, one {# reklamacja} few {# reklamacje} many {# reklamacji} other {# reklamacji}}',
  'severity.critical': 'Krytyczna',
  'severity.high': 'Wysoka',
  'severity.normal': 'Zwykła',
  'severity.low': 'Niska',
  'status.open': 'Otwarta',
  'status.responded': 'Z odpowiedzią',
  'status.resolved': 'Rozwiązana',
  'status.closed': 'Zamknięta',
};
