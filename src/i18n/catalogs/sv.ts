import type { Catalog } from './en.js';

export const sv: Catalog = {
  'case.count': '{count, plural, one {# reklamation} other {# reklamationer}}',
  'severity.critical': 'Kritisk',
  'severity.high': 'Hög',
  'severity.normal': 'Vanlig',
  'severity.low': 'Låg',
  'status.open': 'Öppen',
  'status.responded': 'Besvarad',
  'status.resolved': 'Löst',
  'status.closed': 'Stängd',
};
