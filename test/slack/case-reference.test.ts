import { describe, expect, it } from 'vitest';
import { parseCaseId, parseChecklistClick, parseSeverityOption } from '../../src/slack/case-reference.js';

const ID = '7d0c2a51-3c4e-4f7a-9b1e-2a6f0c9d8e11';

describe('parseCaseId', () => {
  it('accepts exactly a case id', () => {
    expect(parseCaseId(ID)).toBe(ID);
    expect(parseCaseId(ID.toUpperCase())).toBe(ID);
  });

  it.each([[undefined], [''], ['garbage'], [`${ID} `], [`${ID}'--`], [`{"caseId":"${ID}"}`], [42], [null]])('refuses %j', (value) => {
    expect(parseCaseId(value)).toBeUndefined();
  });
});

describe('parseSeverityOption', () => {
  it('reads `<case id>:<severity>`', () => {
    expect(parseSeverityOption(`${ID}:critical`)).toEqual({ caseId: ID, severity: 'critical' });
  });

  it.each([[`${ID}:urgent`], [`${ID}:critical:extra`], [`${ID}`], [`x:high`], [':high'], [undefined]])('refuses %j', (value) => {
    expect(parseSeverityOption(value)).toBeUndefined();
  });
});

describe('parseChecklistClick', () => {
  const VERSION = '0123456789ab';
  const action = `case_playbook:${ID}:10:0110:${VERSION}`;

  it('reads the group and the ticked steps', () => {
    expect(parseChecklistClick(action, [{ value: '11' }, { value: '13' }])).toEqual({
      caseId: ID,
      first: 10,
      shownDone: [false, true, true, false],
      selected: [11, 13],
      version: VERSION,
    });
    expect(parseChecklistClick(action, [])).toMatchObject({ selected: [] });
  });

  it.each([
    ['another action', `case_take:${ID}:0:0:${VERSION}`, []],
    ['no case id', `case_playbook:nope:0:0:${VERSION}`, []],
    ['more than 10 steps shown', `case_playbook:${ID}:0:${'0'.repeat(11)}:${VERSION}`, []],
    ['a short version', `case_playbook:${ID}:0:01:abc`, []],
    ['something after the version', `case_playbook:${ID}:0:01:${VERSION}:x`, []],
    ['an option that is not a step index', action, [{ value: '1; drop table' }]],
    ['an option without a value', action, [{}]],
    ['no list of options', action, undefined],
    ['not a string', 42, []],
  ])('refuses %s', (_name, actionId, selected) => {
    expect(parseChecklistClick(actionId, selected)).toBeUndefined();
  });
});
