import { describe, expect, it } from 'vitest';
import { EVENT_TEXT_LENGTH, eventLine, timelineText } from '../../src/blocks/event-lines.js';

describe('eventLine', () => {
  it('mentions the people of an event the way every builder does', () => {
    expect(eventLine({ kind: 'owner_changed', actorId: 'U0AAA0001', data: { to: 'U0BBB0002' } })).toBe(
      '<@U0AAA0001> assigned the case to <@U0BBB0002>.',
    );
    expect(eventLine({ kind: 'owner_changed', actorId: 'U0AAA0001', data: { to: 'U0AAA0001' } })).toBe('<@U0AAA0001> took ownership.');
  });

  it('says someone when there is no actor, and never pings a malformed id', () => {
    expect(eventLine({ kind: 'note', actorId: null, data: { text: 'x' } })).toBe('someone noted: x');
    expect(eventLine({ kind: 'note', actorId: '<!channel>', data: { text: 'x' } })).toBe('&lt;!channel&gt; noted: x');
  });

  it('escapes and bounds what a person typed, keeping the pings after it', () => {
    const line = eventLine({ kind: 'escalated', actorId: 'U0AAA0001', data: { reason: '<'.repeat(5000), leads: ['U0LEAD001'] } });
    expect(line).toMatch(/^:mega: <@U0AAA0001> escalated the case: (&lt;)+…\. <@U0LEAD001>: a central decision is needed\.$/);
    expect(line!.length).toBeLessThan(EVENT_TEXT_LENGTH + 200);
  });

  it('has no line for what the card already shows, but a timeline text for it', () => {
    expect(eventLine({ kind: 'opened', actorId: 'U0AAA0001', data: { severity: 'high' } })).toBeUndefined();
    expect(timelineText({ kind: 'opened', actorId: 'U0AAA0001', data: { severity: 'high' } })).toBe('<@U0AAA0001> opened the case (high).');
  });
});
