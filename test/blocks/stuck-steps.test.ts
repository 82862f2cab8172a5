import type { KnownBlock, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { StuckRecord } from '../../src/domain/stuck-step.js';
import { caseCardBlocks } from '../../src/blocks/case-card.js';
import { caseSummaryBlocks } from '../../src/blocks/case-summary.js';
import { eventLine, timelineText } from '../../src/blocks/event-lines.js';
import { expectBlocksWithinLimits } from '../support/slack-limits.js';
import { explainSlackError, stuckStepLabel, stuckStepLine, stuckStepsText } from '../../src/blocks/stuck-steps.js';
import { NOW, findUnsafe, makeCase } from './fixtures.js';
import { LANGUAGES, type Language } from '../../src/config/policy-schema.js';
import { createWords } from '../../src/i18n/words.js';

const wordsIn = (language: Language) => createWords({ language, timeZone: 'Europe/Warsaw', currency: 'PLN' });
const EN = wordsIn('en');

function stuck(overrides: Partial<StuckRecord> = {}): StuckRecord {
  return {
    caseId: makeCase().id,
    step: { kind: 'card' },
    slackError: 'message_not_found',
    since: new Date('2026-11-23T13:05:00Z'),
    lastTriedAt: new Date('2026-11-23T13:35:00Z'),
    tries: 2,
    nextTryAt: new Date('2026-11-23T14:05:00Z'),
    reportedAt: new Date('2026-11-23T13:05:00Z'),
    ...overrides,
  };
}

const texts = (blocks: KnownBlock[]): string[] =>
  blocks.filter((b): b is SectionBlock => b.type === 'section').flatMap((s) => (s.text ? [s.text.text] : []));

describe('stuck steps in plain words', () => {
  it('says what the step does', () => {
    expect(stuckStepLabel(EN, { kind: 'provision' })).toBe('Setting the case up in Slack');
    expect(stuckStepLabel(EN, { kind: 'card' })).toBe('Updating the case card');
    expect(stuckStepLabel(EN, { kind: 'channel_lines' })).toBe('Posting updates in the case channel');
    expect(stuckStepLabel(EN, { kind: 'invite', userId: 'U0LEAD001' })).toBe('Inviting <@U0LEAD001> into the case channel');
    expect(stuckStepLabel(EN, { kind: 'reminder_dm', deadlineId: '1', userId: 'U0AAA0001' })).toBe('Sending <@U0AAA0001> a deadline reminder');
    expect(stuckStepLabel(EN, { kind: 'breach_dm', deadlineId: '1', userId: 'U0LEAD001' })).toBe('Telling <@U0LEAD001> that a deadline passed');
  });

  it('never turns an odd id into a ping', () => {
    expect(findUnsafe(stuckStepLabel(EN, { kind: 'invite', userId: '<!channel>' }))).toEqual([]);
  });

  it('explains Slack errors, and shows an unknown one escaped', () => {
    expect(explainSlackError(EN, 'message_not_found')).toContain('deleted');
    expect(explainSlackError(EN, 'cant_invite')).toContain('does not allow inviting');
    expect(explainSlackError(EN, 'is_archived')).toContain('archived');
    expect(explainSlackError(EN, '<!here>')).toBe('Slack refused a request (&lt;!here&gt;)');
  });

  it('gives what, why, since when, tries and the next try, in the workspace zone', () => {
    expect(stuckStepLine(EN, stuck())).toBe(
      '• *Updating the case card*: the message is gone (someone deleted it) (`message_not_found`). Since 23 Nov, 14:05; 2 tries, next 23 Nov, 15:05.',
    );
    expect(stuckStepLine(EN, stuck({ tries: 1 }))).toContain('; 1 try, next');
  });

  it('says how to retry, and nothing when nothing is stuck', () => {
    expect(stuckStepsText(EN, [])).toBeUndefined();
    const text = stuckStepsText(EN, [stuck()]) ?? '';
    expect(text.split('\n')[0]).toBe('*:construction: Stuck in Slack*');
    expect(text).toContain('`/complaint retry`');
  });

  it.each(LANGUAGES)('stays within a section however many are stuck, keeping the way out, in %s', (language) => {
    const words = wordsIn(language);
    const many = Array.from({ length: 200 }, (_, i) => stuck({ step: { kind: 'invite', userId: `U0PERSON${i}` }, slackError: 'cant_invite' }));
    const text = stuckStepsText(words, many) ?? '';
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text.endsWith(`_${words.t('stuck.footer')}_`)).toBe(true);
  });

  it.each([
    ['pl', 1, '1 próba'],
    ['pl', 2, '2 próby'],
    ['pl', 5, '5 prób'],
    ['pl', 22, '22 próby'],
    ['ru', 1, '1 попытка'],
    ['ru', 2, '2 попытки'],
    ['ru', 5, '5 попыток'],
    ['ru', 21, '21 попытка'],
    ['sv', 2, '2 försök'],
  ] as const)('counts the tries in %s: %i', (language, tries, phrase) => {
    expect(stuckStepLine(wordsIn(language), stuck({ tries }))).toContain(`; ${phrase}, `);
  });

  it('says the whole line in Polish and Russian, with their dates', () => {
    const invite = stuck({ step: { kind: 'invite', userId: 'U0LEAD001' }, slackError: 'cant_invite', tries: 5 });
    expect(stuckStepLine(wordsIn('pl'), invite)).toBe(
      '• *Zaproszenie <@U0LEAD001> do kanału reklamacji*: Slack nie pozwala zaprosić tej osoby (to gość albo dezaktywowane konto) (`cant_invite`). ' +
        'Od 23 lis, 14:05; 5 prób, następna 23 lis, 15:05.',
    );
    expect(stuckStepLine(wordsIn('ru'), invite)).toBe(
      '• *Приглашение <@U0LEAD001> в канал жалобы*: Slack не разрешает пригласить этого человека (это гость или деактивированный аккаунт) (`cant_invite`). ' +
        'С 23 нояб., 14:05; 5 попыток, следующая — 23 нояб., 15:05.',
    );
    expect(stuckStepsText(wordsIn('sv'), [invite])?.split('\n')[0]).toBe('*:construction: Fastnat i Slack*');
  });

  it.each(LANGUAGES)('explains every known Slack error in %s, and an unknown one escaped', (language) => {
    const words = wordsIn(language);
    expect(explainSlackError(words, 'cant_invite')).toBe(words.t('slackError.cant_invite'));
    expect(explainSlackError(words, '<!here>')).toBe(words.t('slackError.unknown', { code: '&lt;!here&gt;' }));
    expect(findUnsafe(stuckStepLabel(words, { kind: 'breach_dm', deadlineId: '1', userId: '<!channel>' }))).toEqual([]);
  });
});

describe('the card and /complaint show', () => {
  const base = { case: makeCase(), categoryName: 'Late or damaged delivery', now: NOW };

  it('the card shows the stuck steps', () => {
    const blocks = caseCardBlocks(EN, { ...base, stuck: [stuck(), stuck({ step: { kind: 'invite', userId: 'U0LEAD001' }, slackError: 'cant_invite' })] });
    const section = texts(blocks).find((t) => t.startsWith('*:construction: Stuck in Slack*'));
    expect(section).toContain('Updating the case card');
    expect(section).toContain('Inviting <@U0LEAD001> into the case channel');
    expectBlocksWithinLimits(blocks);
  });

  it('the card says nothing of it when nothing is stuck', () => {
    expect(JSON.stringify(caseCardBlocks(EN, { ...base, stuck: [] }))).not.toContain('Stuck in Slack');
  });

  it('/complaint show shows them too', () => {
    const blocks = caseSummaryBlocks(EN, { ...base, events: [], stuck: [stuck({ step: { kind: 'provision' }, slackError: 'is_archived' })] });
    expect(texts(blocks).join('\n')).toContain('*Setting the case up in Slack*: a channel Anthill needs is archived');
  });
});

describe('the timeline', () => {
  const problem = (data: Record<string, unknown>) => ({ kind: 'slack_problem' as const, actorId: null, data });

  it('says which step got stuck and why, and posts no line of its own', () => {
    const event = problem({ step: 'invite:U0LEAD001', error: 'cant_invite' });
    expect(timelineText(EN, event)).toBe(
      ':construction: Inviting <@U0LEAD001> into the case channel got stuck: Slack does not allow inviting this person (a guest, or a deactivated account) (`cant_invite`).',
    );
    expect(eventLine(EN, event)).toBeUndefined();
  });

  it('still reads events from before steps were named, and escapes what Slack sent', () => {
    expect(timelineText(EN, problem({ error: 'missing_scope' }))).toBe('Slack refused a step of setting up the case (missing_scope).');
    expect(findUnsafe(timelineText(EN, problem({ step: 'card', error: '<!channel>' })))).toEqual([]);
  });
});
