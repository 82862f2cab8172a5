import { describe, expect, it } from 'vitest';
import { parseCaseId, parseSeverityOption } from '../../src/slack/case-reference.js';

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
