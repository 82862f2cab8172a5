import { describe, expect, it } from 'vitest';
import { parseComplaintCommand } from '../../../src/slack/commands/parse-arguments.js';

describe('parseComplaintCommand', () => {
  it.each([
    ['', { kind: 'new', summary: '' }],
    ['new', { kind: 'new', summary: '' }],
    ['new   Broken washer  ', { kind: 'new', summary: 'Broken washer' }],
    ['HELP', { kind: 'help' }],
    ['list', { kind: 'list', filter: 'open' }],
    ['list mine', { kind: 'list', filter: 'mine' }],
    ['list overdue', { kind: 'list', filter: 'overdue' }],
    ['list actions', { kind: 'list', filter: 'actions' }],
    ['LIST Actions', { kind: 'list', filter: 'actions' }],
    ['show', { kind: 'show' }],
    ['show #42', { kind: 'show', caseNumber: 42 }],
    ['take #7', { kind: 'take', caseNumber: 7 }],
    ['retry', { kind: 'retry' }],
    ['Retry #12', { kind: 'retry', caseNumber: 12 }],
    ['retro', { kind: 'retro' }],
    ['Retro #31', { kind: 'retro', caseNumber: 31 }],
    ['assign <@U123ABC|ana>', { kind: 'assign', userId: 'U123ABC' }],
    ['assign <@U123ABC> #5', { kind: 'assign', userId: 'U123ABC', caseNumber: 5 }],
    ['assign #5 <@W0ENTERPRISE>', { kind: 'assign', userId: 'W0ENTERPRISE', caseNumber: 5 }],
    ['responded', { kind: 'responded', note: '' }],
    ['responded called at 10:05', { kind: 'responded', note: 'called at 10:05' }],
    ['responded #3 emailed', { kind: 'responded', note: 'emailed', caseNumber: 3 }],
    ['note customer sent photos', { kind: 'note', text: 'customer sent photos' }],
    ['note #12 <!channel> hi', { kind: 'note', text: '<!channel> hi', caseNumber: 12 }],
  ])('%j', (text, expected) => {
    expect(parseComplaintCommand(text)).toEqual(expected);
  });

  it.each(['list everything', 'show 42', 'show #42 extra', 'take me', 'retry everything', 'retry 12', 'retro my notes', 'retro 31', 'assign', 'assign @ana', 'assign <@U1> <@U2>', 'note', 'note #4'])(
    'rejects %j, naming the subcommand whose usage to show',
    (text) => {
      const parsed = parseComplaintCommand(text);
      expect(parsed.kind).toBe('invalid');
      expect(parsed.kind === 'invalid' && parsed.subcommand).toBe(text.split(' ')[0]);
    },
  );

  it.each(['frobnicate', 'delete everything', 'DROP TABLE cases'])('reports %j as unknown', (text) => {
    expect(parseComplaintCommand(text)).toEqual({ kind: 'unknown', input: text });
  });

  it.each([
    ['export', ''],
    ['export 7d', '7d'],
    ['EXPORT 2026-10-01..2026-10-31', '2026-10-01..2026-10-31'],
    ['export  fortnight ', 'fortnight'],
  ])('reads %j as an export of the period typed', (text, period) => {
    expect(parseComplaintCommand(text)).toEqual({ kind: 'export', period });
  });
});
