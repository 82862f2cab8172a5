import { describe, expect, it } from 'vitest';
import { byDueDate, dueState, localDate, mayMarkDone } from '../../src/domain/action-item-rules.js';

describe('localDate', () => {
  it('is the day in the workspace zone, not in UTC', () => {
    expect(localDate('Europe/Warsaw', new Date('2026-12-01T22:59:59Z'))).toBe('2026-12-01');
    expect(localDate('Europe/Warsaw', new Date('2026-12-01T23:00:00Z'))).toBe('2026-12-02');
    expect(localDate('America/New_York', new Date('2026-12-02T03:00:00Z'))).toBe('2026-12-01');
    // Across the spring change, a day still starts at local midnight.
    expect(localDate('Europe/Warsaw', new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
  });
});

describe('dueState', () => {
  it('is overdue after the due day, due on it, upcoming before', () => {
    expect(dueState('2026-11-30', '2026-12-01')).toBe('overdue');
    expect(dueState('2026-12-01', '2026-12-01')).toBe('today');
    expect(dueState('2026-12-02', '2026-12-01')).toBe('upcoming');
    expect(dueState('2025-12-31', '2026-01-01')).toBe('overdue');
  });
});

describe('byDueDate', () => {
  it('orders by due day, then case, then as written (ids compared as numbers)', () => {
    const entry = (id: string, dueOn: string, caseNumber: number) => ({ item: { id, dueOn }, caseNumber });
    const sorted = byDueDate([entry('10', '2026-12-01', 1), entry('9', '2026-12-01', 1), entry('1', '2026-12-02', 1), entry('2', '2026-12-01', 0), entry('3', '2026-11-01', 5)]);
    expect(sorted.map((e) => e.item.id)).toEqual(['3', '2', '9', '10', '1']);
  });
});

describe('mayMarkDone', () => {
  const item = { ownerId: 'U0DOER001', createdBy: 'U0WRITER1' };
  const context = { caseOwnerId: 'U0CASEOWN', leads: ['U0LEAD001', 'U0LEAD002'] };

  it.each([
    ['the person doing it', 'U0DOER001'],
    ['the person who wrote it', 'U0WRITER1'],
    ['the case owner', 'U0CASEOWN'],
    ['a lead', 'U0LEAD002'],
  ])('lets %s', (_who, actor) => {
    expect(mayMarkDone(item, context, actor)).toBe(true);
  });

  it('refuses anyone else, also when the case has no owner', () => {
    expect(mayMarkDone(item, context, 'U0OTHER01')).toBe(false);
    expect(mayMarkDone(item, { caseOwnerId: null, leads: [] }, 'U0OTHER01')).toBe(false);
    expect(mayMarkDone(item, { caseOwnerId: null, leads: [] }, 'U0DOER001')).toBe(true);
  });
});
