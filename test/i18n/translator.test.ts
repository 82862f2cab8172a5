import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/translator.js';

const COUNTS = [0, 1, 2, 5, 21, 22, 25];

describe('createTranslator', () => {
  it('counts complaints with Polish plurals', () => {
    const { t } = createTranslator('pl');
    expect(COUNTS.map((count) => t('case.count', { count }))).toEqual([
      '0 reklamacji',
      '1 reklamacja',
      '2 reklamacje',
      '5 reklamacji',
      '21 reklamacji',
      '22 reklamacje',
      '25 reklamacji',
    ]);
  });

  it('counts complaints with Russian plurals', () => {
    const { t } = createTranslator('ru');
    expect(COUNTS.map((count) => t('case.count', { count }))).toEqual([
      '0 жалоб',
      '1 жалоба',
      '2 жалобы',
      '5 жалоб',
      '21 жалоба',
      '22 жалобы',
      '25 жалоб',
    ]);
  });

  it('counts complaints in English and Swedish', () => {
    expect(COUNTS.map((count) => createTranslator('en').t('case.count', { count }))).toEqual([
      '0 complaints',
      '1 complaint',
      '2 complaints',
      '5 complaints',
      '21 complaints',
      '22 complaints',
      '25 complaints',
    ]);
    expect(createTranslator('sv').t('case.count', { count: 1 })).toBe('1 ärende');
    expect(createTranslator('sv').t('case.count', { count: 21 })).toBe('21 ärenden');
  });

  it('uses the language of the catalog', () => {
    expect(createTranslator('pl').t('status.resolved')).toBe('Rozwiązana');
    expect(createTranslator('en').t('status.resolved')).toBe('Resolved');
  });
});
