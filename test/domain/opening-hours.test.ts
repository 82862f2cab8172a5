import { describe, expect, it } from 'vitest';
import { parseOpeningHours, type TimeRange } from '../../src/domain/opening-hours.js';

const range = (start: string, end: string): TimeRange => ({ startMinute: minutes(start), endMinute: minutes(end) });
const minutes = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
const nineToFive = [range('09:00', '17:00')];

describe('parseOpeningHours', () => {
  it.each([
    ['24/7', { kind: 'always' }],
    [' 24/7 ', { kind: 'always' }],
    ['Mon-Fri 09:00-17:00', { kind: 'weekly', days: [nineToFive, nineToFive, nineToFive, nineToFive, nineToFive, [], []] }],
    [
      'Mon-Fri 08:00-12:00,13:00-17:00',
      {
        kind: 'weekly',
        days: [
          ...Array.from({ length: 5 }, () => [range('08:00', '12:00'), range('13:00', '17:00')]),
          [],
          [],
        ],
      },
    ],
    [
      'Mon-Fri 09:00-17:00; Sat 10:00-14:00',
      { kind: 'weekly', days: [nineToFive, nineToFive, nineToFive, nineToFive, nineToFive, [range('10:00', '14:00')], []] },
    ],
    ['Mon,Wed 09:00-17:00', { kind: 'weekly', days: [nineToFive, [], nineToFive, [], [], [], []] }],
    ['Sat-Mon 09:00-17:00', { kind: 'weekly', days: [nineToFive, [], [], [], [], nineToFive, nineToFive] }],
    ['Sun 00:00-24:00', { kind: 'weekly', days: [[], [], [], [], [], [], [range('00:00', '24:00')]] }],
    ['mon 13:00-17:00, 09:00-12:00', { kind: 'weekly', days: [[range('09:00', '12:00'), range('13:00', '17:00')], [], [], [], [], [], []] }],
    ['Mon 09:00-12:00; Mon 12:00-17:00', { kind: 'weekly', days: [nineToFive, [], [], [], [], [], []] }],
  ])('reads %j', (text, hours) => {
    expect(parseOpeningHours(text)).toEqual({ ok: true, hours });
  });

  it.each([
    ['Mon-Fri 9-17', '"Mon-Fri 9-17" is not like Mon-Fri 09:00-17:00 or 24/7'],
    ['Mon-Fri 9:00-17:00', '"Mon-Fri 9:00-17:00" is not like Mon-Fri 09:00-17:00 or 24/7'],
    ['09:00-17:00', '"09:00-17:00" is not like Mon-Fri 09:00-17:00 or 24/7'],
    ['Mon-Fri 09:00-24:30', '"Mon-Fri 09:00-24:30" is not like Mon-Fri 09:00-17:00 or 24/7'],
    ['Mon-Fri 09:60-17:00', '"Mon-Fri 09:60-17:00" is not like Mon-Fri 09:00-17:00 or 24/7'],
    ['24/7; Sat 10:00-12:00', '"24/7" is not like Mon-Fri 09:00-17:00 or 24/7'],
    ['Mon-Fri 09:00-17:00; Sat 10-14', '"Sat 10-14" is not like Mon-Fri 09:00-17:00 or 24/7'],
    ['Mon-Fry 09:00-17:00', '"Mon-Fry 09:00-17:00" has an unknown day; use Mon Tue Wed Thu Fri Sat Sun'],
    ['Mon 17:00-09:00', '"Mon 17:00-09:00": 17:00-09:00 ends at or before it starts (ranges cannot cross midnight)'],
    ['Mon 09:00-09:00', '"Mon 09:00-09:00": 09:00-09:00 ends at or before it starts (ranges cannot cross midnight)'],
    ['Mon 09:00-12:00,11:00-13:00', '11:00-13:00 overlaps 09:00-12:00 on Mon'],
    ['Mon-Fri 09:00-17:00; Fri 16:00-18:00', '16:00-18:00 overlaps 09:00-17:00 on Fri'],
    ['', '"" has no opening time; write e.g. Mon-Fri 09:00-17:00 or 24/7'],
    [' ; ', '";" has no opening time; write e.g. Mon-Fri 09:00-17:00 or 24/7'],
  ])('rejects %j', (text, error) => {
    expect(parseOpeningHours(text)).toEqual({ ok: false, error });
  });
});
