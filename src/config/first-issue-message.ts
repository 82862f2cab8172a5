import type { z } from 'zod';

/**
 * The one problem worth showing first, as `path: what is wrong`. An unknown key wins over
 * everything else: a typo such as `team_chanel` also makes `team_channel` missing, and
 * the typo is the thing to fix. Issues at the root are named after `source`.
 *
 * @example
 * firstIssueMessage(issues, 'anthill.yml'); // 'categories[0].id: required'
 */
export function firstIssueMessage(issues: readonly z.core.$ZodIssue[], source: string): string {
  const unknownKey = issues.find((issue) => issue.code === 'unrecognized_keys');
  if (unknownKey?.code === 'unrecognized_keys') {
    return `${formatPath([...unknownKey.path, unknownKey.keys[0] ?? ''])}: unknown setting`;
  }
  const issue = issues[0];
  if (issue === undefined) return `${source}: invalid settings`;
  return `${issue.path.length > 0 ? formatPath(issue.path) : source}: ${issue.message}`;
}

/** `['approval_tiers', 1, 'up_to']` → `approval_tiers[1].up_to` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index > 0 ? '.' : ''}${String(key)}`))
    .join('');
}

/**
 * Wording for zod's built-in checks, used where a schema does not say it better itself.
 * Pass as `error` to `safeParse`.
 */
export function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'required';
      return `must be ${KIND_NAMES[issue.expected] ?? issue.expected}, not ${describeValue(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      return undefined;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${String(issue.maximum)} characters`;
      return undefined;
    default:
      return undefined;
  }
}

const KIND_NAMES: Partial<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of settings',
};

/** A short, quoted rendering of a YAML value for messages: `"2 hours"`, `90`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}
