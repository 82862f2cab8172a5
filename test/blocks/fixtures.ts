import type { Case } from '../../src/domain/case.js';

/** The summary every builder must show escaped. */
export const ATTACK = '<!channel> hi <@U123> <https://evil|click> @here';
/** What ATTACK must look like in mrkdwn. */
export const ATTACK_ESCAPED = '&lt;!channel&gt; hi &lt;@U123&gt; &lt;https://evil|click&gt; @\u200Dhere';

export const NOW = new Date('2026-11-23T15:00:00Z');

export function makeCase(overrides: Partial<Case> = {}): Case {
  return {
    id: '7b0c1e9e-7f3a-4c1e-9f51-3c4b5a6d7e8f',
    teamId: 'T0TEAM001',
    number: 42,
    summary: 'Parcel arrived broken',
    customerName: 'Anna Nowak',
    customerContact: 'anna@example.com',
    categoryId: 'delivery',
    severity: 'high',
    source: 'email',
    description: 'The box was crushed and the vase inside broke.',
    claimedLossMinor: 12345,
    status: 'open',
    escalated: false,
    reporterId: 'U0REP0001',
    ownerId: null,
    staffInvolvedIds: [],
    channelId: 'C0CASE042',
    createdAt: new Date('2026-11-23T13:05:00Z'),
    updatedAt: new Date('2026-11-23T13:05:00Z'),
    ...overrides,
  };
}

/** Every piece of text in a JSON value, for "no raw ping anywhere" checks. */
export function allTexts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allTexts);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(allTexts);
  return [];
}

/** Fails when any string in `value` holds a ping or a hidden link a person could have typed. */
export function findUnsafe(value: unknown, allowed: readonly string[] = []): string[] {
  const danger = /<!channel>|<!here>|<!everyone>|<@U123>|<!subteam|<https?:|@(channel|here|everyone)\b/i;
  return allTexts(value)
    .map((text) => allowed.reduce((rest, ok) => rest.split(ok).join(''), text))
    .filter((text) => danger.test(text));
}
