import { describe, expect, it } from 'vitest';
import {
  FAKE_SLACK_LIMITS,
  blockLimitViolations,
  messageLimitViolations,
  viewLimitViolations,
} from '../../fake-slack/block-limits.js';

// The one implementation of Slack's limits: what the fake Slack answers with, and what the
// builder tests ask. These are the rules it knows.

type Block = Record<string, unknown>;
const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });
const messages = (blocks: Block[]): string[] =>
  blockLimitViolations(blocks, { maxBlocks: FAKE_SLACK_LIMITS.blocksPerMessage, pointer: '/blocks' }).map((v) => `${v.pointer} ${v.message}`);
const select = (element: Record<string, unknown>): Block => ({
  type: 'input',
  label: { type: 'plain_text', text: 'Pick' },
  element: { type: 'static_select', action_id: 'pick', ...element },
});
const option = (value: string, text = value) => ({ text: { type: 'plain_text', text }, value });

describe('blockLimitViolations', () => {
  it('accepts blocks right at the limits', () => {
    expect(messages([section('x'.repeat(3000)), { type: 'header', text: { type: 'plain_text', text: 'x'.repeat(150) } }])).toEqual([]);
  });

  it.each<[string, Block[], string]>([
    ['too many blocks', Array.from({ length: 51 }, () => section('x')), '/blocks must be less than 51 items'],
    ['a long section', [section('x'.repeat(3001))], '/blocks/0/text/text must be less than 3001 characters'],
    ['an empty section', [section('')], '/blocks/0/text/text must be more than 0 characters'],
    ['a long header', [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }], '/blocks/0/text/text must be less than 151 characters'],
    ['a mrkdwn header', [{ type: 'header', text: { type: 'mrkdwn', text: 'x' } }], '/blocks/0/text/type must be plain_text'],
    [
      'too many fields',
      [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'x' })) }],
      '/blocks/0/fields must be less than 11 items',
    ],
    ['a long field', [{ type: 'section', fields: [{ type: 'mrkdwn', text: 'x'.repeat(2001) }] }], '/blocks/0/fields/0/text must be less than 2001 characters'],
    [
      'a long button text',
      [{ type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'x'.repeat(76) } }] }],
      '/blocks/0/elements/0/text/text must be less than 76 characters',
    ],
    ['too many options', [select({ options: Array.from({ length: 101 }, (_, i) => option(`o${i}`)) })], '/blocks/0/element/options must be less than 101 items'],
    ['no options', [select({ options: [] })], '/blocks/0/element/options must be a non-empty array'],
    ['a long option text', [select({ options: [option('a', 'x'.repeat(76))] })], '/blocks/0/element/options/0/text/text must be less than 76 characters'],
    ['an option without a value', [select({ options: [{ text: { type: 'plain_text', text: 'A' } }] })], '/blocks/0/element/options/0/value must be a string'],
    ['an initial option that is not an option', [select({ options: [option('a')], initial_option: option('b') })], '/blocks/0/element/initial_option must match one of the options'],
    [
      'an initial value longer than the input allows',
      [{ type: 'input', label: { type: 'plain_text', text: 'Summary' }, element: { type: 'plain_text_input', action_id: 's', max_length: 150, initial_value: 'x'.repeat(151) } }],
      '/blocks/0/element/initial_value must be less than 151 characters',
    ],
    ['duplicate block ids', [{ ...section('a'), block_id: 'b' }, { ...section('b'), block_id: 'b' }], '/blocks/1/block_id must be unique'],
  ])('reports %s', (_name, blocks, problem) => {
    expect(messages(blocks)).toContain(problem);
  });
});

describe('messageLimitViolations', () => {
  it('checks the text and the blocks of a message', () => {
    expect(messageLimitViolations({ text: 'x'.repeat(40_000), blocks: [section('x')] })).toEqual([]);
    expect(messageLimitViolations({ text: 'x'.repeat(40_001) })).toEqual([{ pointer: '/text', message: 'must be less than 40001 characters' }]);
    expect(messageLimitViolations({ text: 'x', blocks: [section('')] })).toHaveLength(1);
  });
});

describe('viewLimitViolations', () => {
  const modal = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
    type: 'modal',
    title: { type: 'plain_text', text: 'New complaint' },
    blocks: [section('x')],
    ...fields,
  });

  it('checks the title and buttons of a modal', () => {
    expect(viewLimitViolations(modal({ title: { type: 'plain_text', text: 'x'.repeat(24) } }), 'modal')).toEqual([]);
    expect(viewLimitViolations(modal({ title: { type: 'plain_text', text: 'x'.repeat(25) } }), 'modal')).toEqual([
      { pointer: '/view/title/text', message: 'must be less than 25 characters' },
    ]);
    expect(viewLimitViolations(modal({ submit: { type: 'plain_text', text: 'x'.repeat(25) } }), 'modal')).toHaveLength(1);
    expect(viewLimitViolations(modal({ title: undefined }), 'modal')).toEqual([{ pointer: '/view/title', message: 'is required: a plain_text object' }]);
  });

  it('allows 100 blocks in a view, and wants a submit button for inputs', () => {
    expect(viewLimitViolations(modal({ blocks: Array.from({ length: 100 }, () => section('x')) }), 'modal')).toEqual([]);
    expect(viewLimitViolations(modal({ blocks: Array.from({ length: 101 }, () => section('x')) }), 'modal')).toEqual([
      { pointer: '/view/blocks', message: 'must be less than 101 items' },
    ]);
    const input = { type: 'input', label: { type: 'plain_text', text: 'How' }, element: { type: 'plain_text_input', action_id: 'how' } };
    expect(viewLimitViolations(modal({ blocks: [input] }), 'modal')).toEqual([{ pointer: '/view/submit', message: 'is required when the view has input blocks' }]);
  });

  it('checks private_metadata and callback_id', () => {
    expect(viewLimitViolations(modal({ private_metadata: 'x'.repeat(3001), callback_id: 'x'.repeat(256) }), 'modal')).toHaveLength(2);
  });
});
