import type { KnownBlock, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { StuckRecord } from '../../src/domain/stuck-step.js';
import { caseCardBlocks } from '../../src/blocks/case-card.js';
import { caseSummaryBlocks } from '../../src/blocks/case-summary.js';
import { eventLine, timelineText } from '../../src/blocks/event-lines.js';
import { expectBlocksWithinLimits } from '../support/slack-limits.js';
import { explainSlackError, stuckStepLabel, stuckStepLine, stuckStepsText } from '../../src/blocks/stuck-steps.js';
import { NOW, findUnsafe, makeCase } from './fixtures.js';
import { createWords } from '../../src/i18n/words.js';

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
    expect(stuckStepLabel({ kind: 'provision' })).toBe('Setting the case up in Slack');
    expect(stuckStepLabel({ kind: 'card' })).toBe('Updating the case card');
    expect(stuckStepLabel({ kind: 'channel_lines' })).toBe('Posting updates in the case channel');
    expect(stuckStepLabel({ kind: 'invite', userId: 'U0LEAD001' })).toBe('Inviting <@U0LEAD001> into the case channel');
    expect(stuckStepLabel({ kind: 'reminder_dm', deadlineId: '1', userId: 'U0AAA0001' })).toBe('Sending <@U0AAA0001> a deadline reminder');
    expect(stuckStepLabel({ kind: 'breach_dm', deadlineId: '1', userId: 'U0LEAD001' })).toBe('Telling <@U0LEAD001> that a deadline passed');
  });

  it('never turns an odd id into a ping', () => {
    expect(findUnsafe(stuckStepLabel({ kind: 'invite', userId: '<!channel>' }))).toEqual([]);
  });

  it('explains Slack errors, and shows an unknown one escaped', () => {
    expect(explainSlackError('message_not_found')).toContain('deleted');
    expect(explainSlackError('cant_invite')).toContain('does not allow inviting');
    expect(explainSlackError('is_archived')).toContain('archived');
    expect(explainSlackError('<!here>')).toBe('Slack refused a request (&lt;!here&gt;)');
  });

  it('gives what, why, since when, tries and the next try, in the workspace zone', () => {
    expect(stuckStepLine(stuck(), 'Europe/Warsaw')).toBe(
      '• *Updating the case card*: the message is gone (someone deleted it) (`message_not_found`). Since 23 Nov, 14:05; 2 tries, next 23 Nov, 15:05.',
    );
    expect(stuckStepLine(stuck({ tries: 1 }), 'Europe/Warsaw')).toContain('; 1 try, next');
  });

  it('says how to retry, and nothing when nothing is stuck', () => {
    expect(stuckStepsText([], 'UTC')).toBeUndefined();
    const text = stuckStepsText([stuck()], 'UTC') ?? '';
    expect(text.split('\n')[0]).toBe('*:construction: Stuck in Slack*');
    expect(text).toContain('`/complaint retry`');
  });

  it('stays within a section however many are stuck', () => {
    const many = Array.from({ length: 200 }, (_, i) => stuck({ step: { kind: 'invite', userId: `U0PERSON${i}` }, slackError: 'cant_invite' }));
    expect((stuckStepsText(many, 'UTC') ?? '').length).toBeLessThanOrEqual(3000);
  });
});

describe('the card and /complaint show', () => {
  const base = { case: makeCase(), categoryName: 'Late or damaged delivery', currency: 'PLN', timeZone: 'Europe/Warsaw', now: NOW };

  it('the card shows the stuck steps', () => {
    const blocks = caseCardBlocks({ ...base, stuck: [stuck(), stuck({ step: { kind: 'invite', userId: 'U0LEAD001' }, slackError: 'cant_invite' })] });
    const section = texts(blocks).find((t) => t.startsWith('*:construction: Stuck in Slack*'));
    expect(section).toContain('Updating the case card');
    expect(section).toContain('Inviting <@U0LEAD001> into the case channel');
    expectBlocksWithinLimits(blocks);
  });

  it('the card says nothing of it when nothing is stuck', () => {
    expect(JSON.stringify(caseCardBlocks({ ...base, stuck: [] }))).not.toContain('Stuck in Slack');
  });

  it('/complaint show shows them too', () => {
    const blocks = caseSummaryBlocks(createWords({ language: 'en', timeZone: 'Europe/Warsaw', currency: 'PLN' }), { ...base, events: [], stuck: [stuck({ step: { kind: 'provision' }, slackError: 'is_archived' })] });
    expect(texts(blocks).join('\n')).toContain('*Setting the case up in Slack*: a channel Anthill needs is archived');
  });
});

describe('the timeline', () => {
  const problem = (data: Record<string, unknown>) => ({ kind: 'slack_problem' as const, actorId: null, data });

  it('says which step got stuck and why, and posts no line of its own', () => {
    const event = problem({ step: 'invite:U0LEAD001', error: 'cant_invite' });
    expect(timelineText(event)).toBe(
      ':construction: Inviting <@U0LEAD001> into the case channel got stuck: Slack does not allow inviting this person (a guest, or a deactivated account) (`cant_invite`).',
    );
    expect(eventLine(event)).toBeUndefined();
  });

  it('still reads events from before steps were named, and escapes what Slack sent', () => {
    expect(timelineText(problem({ error: 'missing_scope' }))).toBe('Slack refused a step of setting up the case (missing_scope).');
    expect(findUnsafe(timelineText(problem({ step: 'card', error: '<!channel>' })))).toEqual([]);
  });
});
