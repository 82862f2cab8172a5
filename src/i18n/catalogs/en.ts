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
} as const;

export type MessageKey = keyof typeof en;
export type Catalog = Readonly<Record<MessageKey, string>>;
