import { describe, expect, it } from 'vitest';
import { isDue, nextTryAt, noticeFor, parseStepKey, stepKey, type StuckStep } from '../../src/domain/stuck-step.js';

const failedAt = new Date('2026-11-23T10:00:00Z');
const minutesAfter = (tries: number) => (nextTryAt(failedAt, tries).getTime() - failedAt.getTime()) / 60_000;

describe('nextTryAt', () => {
  it('waits 5 min, 30 min, 2 h, then every 6 h', () => {
    expect([1, 2, 3, 4, 5, 50].map(minutesAfter)).toEqual([5, 30, 120, 360, 360, 360]);
  });

  it('counts from the failed try, not from the first failure', () => {
    const later = new Date('2026-11-23T12:00:00Z');
    expect(nextTryAt(later, 2)).toEqual(new Date('2026-11-23T12:30:00Z'));
  });

  it('treats a count below one as the first failure', () => {
    expect(minutesAfter(0)).toBe(5);
  });
});

describe('isDue', () => {
  it('is due at and after the next try, not before', () => {
    const nextTry = new Date('2026-11-23T10:05:00Z');
    expect(isDue({ nextTryAt: nextTry }, new Date('2026-11-23T10:04:59Z'))).toBe(false);
    expect(isDue({ nextTryAt: nextTry }, nextTry)).toBe(true);
    expect(isDue({ nextTryAt: nextTry }, new Date('2026-11-23T11:00:00Z'))).toBe(true);
  });
});

describe('step keys', () => {
  const steps: StuckStep[] = [
    { kind: 'provision' },
    { kind: 'card' },
    { kind: 'channel_lines' },
    { kind: 'invite', userId: 'U0LEAD001' },
    { kind: 'reminder_dm', deadlineId: '7', userId: 'U0AAA0001' },
    { kind: 'breach_dm', deadlineId: '12', userId: 'W0LEAD002' },
    { kind: 'action_item', actionItemId: '31' },
    { kind: 'follow_up', followUpId: '3' },
    { kind: 'retro_ask', closureId: '4' },
    { kind: 'retro_reminder', closureId: '4' },
    { kind: 'retro_summary', closureId: '4' },
    { kind: 'channel_archive', closureId: '4' },
  ];

  it.each(steps)('%j reads back as itself', (step) => {
    expect(parseStepKey(stepKey(step))).toEqual(step);
  });

  it('names one side effect per key', () => {
    expect(stepKey({ kind: 'breach_dm', deadlineId: '12', userId: 'U0LEAD001' })).toBe('breach_dm:12:U0LEAD001');
    expect(new Set(steps.map(stepKey)).size).toBe(steps.length);
  });

  it.each(['', 'frobnicate', 'card:extra', 'invite', 'invite:', 'invite:U1:U2', 'breach_dm:x:U1', 'breach_dm:12', 'reminder_dm:1:U1:more', 'action_item', 'action_item:x', 'action_item:1:2', 'retro_ask', 'retro_summary:x', 'channel_archive:4:5'])(
    'does not read %j',
    (key) => {
      expect(parseStepKey(key)).toBeUndefined();
    },
  );
});

describe('noticeFor', () => {
  it('tells the reporter of a stuck set-up, the channel of a stuck card, and shows the rest on the card', () => {
    expect(noticeFor({ kind: 'provision' })).toBe('reporter_dm');
    expect(noticeFor({ kind: 'card' })).toBe('channel_line');
    expect(noticeFor({ kind: 'channel_lines' })).toBe('card');
    expect(noticeFor({ kind: 'invite', userId: 'U1' })).toBe('card');
    expect(noticeFor({ kind: 'breach_dm', deadlineId: '1', userId: 'U1' })).toBe('card');
  });
});
