import type { KnownBlock, ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import {
  SLACK_LIMITS,
  assertViewWithinLimits,
  assertWithinLimits,
  limitViolations,
} from '../../src/blocks/limits.js';

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('limitViolations', () => {
  it('accepts blocks within the limits', () => {
    expect(limitViolations([section('x'.repeat(3000))])).toEqual([]);
    expect(() => assertWithinLimits([section('ok')])).not.toThrow();
  });

  it.each<[string, KnownBlock[], RegExp]>([
    ['too many blocks', Array.from({ length: 51 }, () => section('x')), /51 blocks, limit 50/],
    ['long section text', [section('x'.repeat(3001))], /text is 3001 characters, limit 3000/],
    ['empty section text', [section('')], /text has no text/],
    ['long header', [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }], /limit 150/],
    [
      'too many fields',
      [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn' as const, text: 'x' })) }],
      /11 fields/,
    ],
    ['long field', [{ type: 'section', fields: [{ type: 'mrkdwn', text: 'x'.repeat(2001) }] }], /limit 2000/],
    [
      'long button text',
      [{ type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'x'.repeat(76) } }] }],
      /limit 75/,
    ],
    [
      'too many options',
      [
        {
          type: 'input',
          label: { type: 'plain_text', text: 'Pick' },
          element: {
            type: 'static_select',
            action_id: 'a',
            options: Array.from({ length: 101 }, (_, i) => ({ text: { type: 'plain_text' as const, text: `o${i}` }, value: `o${i}` })),
          },
        },
      ],
      /101 options/,
    ],
    ['duplicate block ids', [{ ...section('a'), block_id: 'b' }, { ...section('b'), block_id: 'b' }], /used twice/],
  ])('reports %s', (_name, blocks, problem) => {
    expect(limitViolations(blocks).join('\n')).toMatch(problem);
    expect(() => assertWithinLimits(blocks)).toThrow(problem);
  });
});

describe('assertViewWithinLimits', () => {
  const modal = (title: string): ModalView => ({
    type: 'modal',
    title: { type: 'plain_text', text: title },
    blocks: [section('x')],
  });

  it('checks the modal title', () => {
    expect(() => assertViewWithinLimits(modal('x'.repeat(SLACK_LIMITS.viewTitle)))).not.toThrow();
    expect(() => assertViewWithinLimits(modal('x'.repeat(SLACK_LIMITS.viewTitle + 1)))).toThrow(/title/);
  });

  it('allows 100 blocks in a view', () => {
    const view = { ...modal('t'), blocks: Array.from({ length: 100 }, () => section('x')) };
    expect(() => assertViewWithinLimits(view)).not.toThrow();
    expect(() => assertViewWithinLimits({ ...view, blocks: [...view.blocks, section('x')] })).toThrow(/101 blocks/);
  });
});
