import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyDigits, isKnownCurrency, MAX_AMOUNT_MINOR, minorToDecimalText, parseAmount } from '../../src/domain/money.js';

const NBSP = '\u00a0';
const THIN = '\u2009';
const NARROW_NBSP = '\u202f';

describe('currencyDigits', () => {
  it.each([
    ['PLN', 2],
    ['EUR', 2],
    ['SEK', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['KWD', 3],
    ['BHD', 3],
  ])('%s has %i minor-unit digits', (currency, digits) => {
    expect(currencyDigits(currency)).toBe(digits);
  });
});

describe('isKnownCurrency', () => {
  it.each([
    ['PLN', true],
    ['JPY', true],
    ['ZZZ', false],
    ['pln', false],
    ['PL', false],
  ])('%s: %s', (currency, known) => {
    expect(isKnownCurrency(currency)).toBe(known);
  });
});

describe('parseAmount', () => {
  it.each<[string, number, number]>([
    ['500', 2, 50_000],
    ['500.5', 2, 50_050],
    ['500,5', 2, 50_050],
    ['500.50', 2, 50_050],
    ['1 299,00', 2, 129_900],
    ['1299.00', 2, 129_900],
    [`1${NBSP}299,00`, 2, 129_900],
    [`1${THIN}299.00`, 2, 129_900],
    [`12${NARROW_NBSP}345${NARROW_NBSP}678,9`, 2, 1_234_567_890],
    ['0', 2, 0],
    ['0.00', 2, 0],
    ['007', 2, 700],
    ['  7,1 ', 2, 710],
    [`${NBSP}42${NBSP}`, 2, 4200],
    ['500', 0, 500],
    ['1 000 000', 0, 1_000_000],
    ['1.5', 3, 1500],
    ['1,234', 3, 1234],
    ['1000000000', 2, 100_000_000_000],
  ])('reads %j with %i digits as %i minor units', (text, digits, minor) => {
    expect(parseAmount(text, digits)).toEqual({ ok: true, minor });
  });

  it.each<[string, number]>([
    ['', 2],
    ['   ', 2],
    ['abc', 2],
    ['12 PLN', 2],
    ['PLN 12', 2],
    ['zł12', 2],
    ['$5', 2],
    ['12zł', 2],
    ['.5', 2],
    ['5.', 2],
    ['+5', 2],
    ['1,000.50', 2],
    ['1.000,50', 2],
    ['1 2', 2],
    ['12 34', 2],
    ['1  299', 2],
    [' 1 299 ,00', 2],
    ['1299 00', 2],
    ['1e3', 2],
    ['0x10', 2],
    ['Infinity', 2],
    ['NaN', 2],
    ['١٢٣', 2],
    ['１２３', 2],
    ['5.5.5', 2],
    ['--5', 2],
    ['- 5', 2],
    ['-abc', 2],
  ])('refuses %j as not a number', (text, digits) => {
    expect(parseAmount(text, digits)).toEqual({ ok: false, code: 'not_a_number' });
  });

  it.each(['-5', '-0.01', '−5', '-1 299,00', ' -7 '])('refuses %j as negative', (text) => {
    expect(parseAmount(text, 2)).toEqual({ ok: false, code: 'negative' });
  });

  it.each<[string, number]>([
    ['1.234', 2],
    ['1,001', 2],
    ['0.000', 2],
    ['500.5', 0],
    ['1,000', 0],
    ['1.2345', 3],
  ])('refuses %j with %i digits as too many decimals, naming the digits allowed', (text, digits) => {
    expect(parseAmount(text, digits)).toEqual({ ok: false, code: 'too_many_decimals', allowedDigits: digits });
  });

  it.each<[string, number]>([
    ['1000000000.01', 2],
    ['1000000001', 2],
    ['100000000001', 0],
    ['100000000.001', 3],
    ['9'.repeat(400), 2],
  ])('refuses %j with %i digits as too large, naming the largest amount', (text, digits) => {
    expect(parseAmount(text, digits)).toEqual({ ok: false, code: 'too_large', maxMinor: MAX_AMOUNT_MINOR });
  });

  it('keeps the largest amount a safe integer even when a case adds many of them up', () => {
    expect(MAX_AMOUNT_MINOR * 10_000).toBeLessThan(Number.MAX_SAFE_INTEGER);
    expect(parseAmount(String(MAX_AMOUNT_MINOR), 0)).toEqual({ ok: true, minor: MAX_AMOUNT_MINOR });
  });

  it('refuses a number of digits no currency has', () => {
    expect(() => parseAmount('1', -1)).toThrow(RangeError);
    expect(() => parseAmount('1', 1.5)).toThrow(RangeError);
  });
});

describe('minorToDecimalText', () => {
  it.each<[number, number, string]>([
    [129_900, 2, '1299.00'],
    [5, 2, '0.05'],
    [0, 2, '0.00'],
    [-12_345, 2, '-123.45'],
    [500, 0, '500'],
    [1, 3, '0.001'],
    [1_234_567, 3, '1234.567'],
  ])('writes %i with %i digits as %s', (minor, digits, text) => {
    expect(minorToDecimalText(minor, digits)).toBe(text);
  });

  it('refuses what is not a whole number of minor units', () => {
    expect(() => minorToDecimalText(1.5, 2)).toThrow(RangeError);
    expect(() => minorToDecimalText(Number.MAX_SAFE_INTEGER + 1, 2)).toThrow(RangeError);
  });
});

describe('formatting and parsing round-trip', () => {
  const amount = fc.integer({ min: 0, max: MAX_AMOUNT_MINOR });
  const digits = fc.constantFrom(0, 2, 3);

  it('reads back the plain decimal text', () => {
    fc.assert(
      fc.property(amount, digits, (minor, d) => {
        expect(parseAmount(minorToDecimalText(minor, d), d)).toEqual({ ok: true, minor });
      }),
    );
  });

  it('reads back a comma as the decimal mark and spaces of any kind between thousands', () => {
    const separator = fc.constantFrom(' ', NBSP, THIN, NARROW_NBSP);
    fc.assert(
      fc.property(amount, digits, separator, (minor, d, sep) => {
        const [whole = '', fraction] = minorToDecimalText(minor, d).split('.');
        const grouped = whole.replace(/\B(?=(\d{3})+$)/g, sep);
        const text = fraction === undefined ? grouped : `${grouped},${fraction}`;
        expect(parseAmount(text, d)).toEqual({ ok: true, minor });
      }),
    );
  });

  it('reads back what Intl writes in the languages the bot speaks, grouped with spaces or not grouped', () => {
    const locale = fc.constantFrom('pl-PL', 'sv-SE', 'ru-RU', 'fr-FR', 'en-GB');
    fc.assert(
      fc.property(amount, digits, locale, (minor, d, loc) => {
        const format = new Intl.NumberFormat(loc, {
          minimumFractionDigits: d,
          maximumFractionDigits: d,
          // English groups thousands with commas, which the parser refuses as ambiguous.
          useGrouping: loc.startsWith('en') ? false : 'always',
        });
        const text = format.format(minorToDecimalText(minor, d) as `${number}`);
        expect(parseAmount(text, d)).toEqual({ ok: true, minor });
      }),
    );
  });

  it('refuses the same amounts with a minus sign, an extra decimal, or one minor unit over the largest', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_AMOUNT_MINOR }), digits, (minor, d) => {
        const text = minorToDecimalText(minor, d);
        expect(parseAmount(`-${text}`, d)).toMatchObject({ ok: false, code: 'negative' });
        expect(parseAmount(d === 0 ? `${text}.0` : `${text}0`, d)).toMatchObject({ ok: false, code: 'too_many_decimals' });
        expect(parseAmount(minorToDecimalText(MAX_AMOUNT_MINOR + minor, d), d)).toMatchObject({ ok: false, code: 'too_large' });
      }),
    );
  });
});
