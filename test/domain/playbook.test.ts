import { describe, expect, it } from 'vitest';
import { checklist, playbookVersion, toggledSteps } from '../../src/domain/playbook.js';

const at = new Date('2026-11-23T14:30:00Z');

describe('checklist', () => {
  it('ticks the steps stored for their wording and leaves the rest to do', () => {
    expect(checklist(['Thank', 'Apologise', 'Fix'], [{ index: 1, text: 'Apologise', doneBy: 'U1', doneAt: at }])).toEqual([
      { index: 0, text: 'Thank' },
      { index: 1, text: 'Apologise', done: { byId: 'U1', at } },
      { index: 2, text: 'Fix' },
    ]);
  });

  it('does not count a tick given to another wording at that place (the playbook changed since)', () => {
    expect(checklist(['Thank', 'Refund'], [{ index: 1, text: 'Apologise', doneBy: 'U1', doneAt: at }])[1]).toEqual({ index: 1, text: 'Refund' });
    expect(checklist(['Thank'], [{ index: 4, text: 'Fix', doneBy: 'U1', doneAt: at }])).toEqual([{ index: 0, text: 'Thank' }]);
  });
});

describe('playbookVersion', () => {
  it('changes with any step, their order or their number, and is 12 hex digits', () => {
    const versions = [['A', 'B'], ['B', 'A'], ['A', 'B', 'C'], ['A', 'b'], ['A,B'], []].map(playbookVersion);
    expect(new Set(versions).size).toBe(versions.length);
    for (const version of versions) expect(version).toMatch(/^[0-9a-f]{12}$/);
    expect(playbookVersion(['A', 'B'])).toBe(playbookVersion(['A', 'B']));
  });
});

describe('toggledSteps', () => {
  it.each([
    ['a tick', { first: 0, shownDone: [false, false, false], selected: [1] }, [{ index: 1, done: true }]],
    ['an untick', { first: 0, shownDone: [true, true, false], selected: [0] }, [{ index: 1, done: false }]],
    ['nothing changed', { first: 0, shownDone: [true, false], selected: [0] }, []],
    ['a group further down', { first: 10, shownDone: [false, true], selected: [10, 11] }, [{ index: 10, done: true }]],
    ['two changes on a card not yet redrawn', { first: 0, shownDone: [false, false], selected: [0, 1] }, [
      { index: 0, done: true },
      { index: 1, done: true },
    ]],
  ])('%s', (_name, click, expected) => {
    expect(toggledSteps(click)).toEqual(expected);
  });

  it('refuses a step outside the group the click came from', () => {
    expect(toggledSteps({ first: 10, shownDone: [false], selected: [9] })).toBeUndefined();
    expect(toggledSteps({ first: 0, shownDone: [false, false], selected: [2] })).toBeUndefined();
  });
});
