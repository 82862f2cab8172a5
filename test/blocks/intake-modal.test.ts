import type { InputBlock, StaticSelect } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { COMPLAINT_SOURCES } from '../../src/domain/case.js';
import {
  INTAKE_CALLBACK_ID,
  INTAKE_FIELDS,
  intakeModal,
  parseIntakeSubmission,
  type SlackViewStateValues,
} from '../../src/blocks/intake-modal.js';
import { expectViewWithinLimits } from '../support/slack-limits.js';

const CATEGORIES = [
  { id: 'delivery', name: 'Late or damaged delivery' },
  { id: 'billing', name: 'Wrong invoice' },
];

function inputBlock(view: ReturnType<typeof intakeModal>, blockId: string): InputBlock {
  const block = view.blocks.find((b) => b.block_id === blockId);
  if (block?.type !== 'input') throw new Error(`no input block ${blockId}`);
  return block as InputBlock;
}

describe('intakeModal', () => {
  const view = intakeModal({ categories: CATEGORIES, prefillSummary: '  Broken vase  ', currency: 'PLN' });

  it('is the complaint_intake modal titled New complaint', () => {
    expect(view.type).toBe('modal');
    expect(view.callback_id).toBe(INTAKE_CALLBACK_ID);
    expect(view.callback_id).toBe('complaint_intake');
    expect(view.title.text).toBe('New complaint');
    expectViewWithinLimits(view);
  });

  it('has one input per intake field, with the exported ids', () => {
    for (const field of Object.values(INTAKE_FIELDS)) {
      const block = inputBlock(view, field.blockId);
      expect(block.element.action_id).toBe(field.actionId);
    }
    expect(view.blocks).toHaveLength(Object.keys(INTAKE_FIELDS).length);
  });

  it('prefills the trimmed summary and limits its length', () => {
    const summary = inputBlock(view, INTAKE_FIELDS.summary.blockId).element;
    expect(summary).toMatchObject({ type: 'plain_text_input', initial_value: 'Broken vase', max_length: 150 });
    const long = intakeModal({ categories: CATEGORIES, prefillSummary: 'x'.repeat(400) });
    expectViewWithinLimits(long);
    expect(inputBlock(long, INTAKE_FIELDS.summary.blockId).element).toMatchObject({ max_length: 150 });
  });

  it('has no initial summary without a prefill', () => {
    const bare = intakeModal({ categories: CATEGORIES });
    expect(inputBlock(bare, INTAKE_FIELDS.summary.blockId).element).not.toHaveProperty('initial_value');
  });

  it('carries no private_metadata: nothing Slack hands back with the form is read', () => {
    expect(view).not.toHaveProperty('private_metadata');
  });

  it('makes the text fields required with their lengths, the loss optional', () => {
    expect(inputBlock(view, INTAKE_FIELDS.customerName.blockId)).not.toHaveProperty('optional');
    expect(inputBlock(view, INTAKE_FIELDS.customerName.blockId).element).toMatchObject({ max_length: 200 });
    expect(inputBlock(view, INTAKE_FIELDS.customerContact.blockId).element).toMatchObject({ max_length: 200 });
    expect(inputBlock(view, INTAKE_FIELDS.description.blockId).element).toMatchObject({
      multiline: true,
      max_length: 3000,
    });
    const loss = inputBlock(view, INTAKE_FIELDS.claimedLoss.blockId);
    expect(loss.optional).toBe(true);
    expect(loss.hint?.text).toContain('PLN');
  });

  it('offers the categories, severities (normal first chosen) and sources', () => {
    const category = inputBlock(view, INTAKE_FIELDS.category.blockId).element as StaticSelect;
    expect(category.options?.map((o) => o.value)).toEqual(['delivery', 'billing']);
    expect(category.initial_option).toBeUndefined();
    const severity = inputBlock(view, INTAKE_FIELDS.severity.blockId).element as StaticSelect;
    expect(severity.options?.map((o) => o.value)).toEqual(['critical', 'high', 'normal', 'low']);
    expect(severity.initial_option?.value).toBe('normal');
    const source = inputBlock(view, INTAKE_FIELDS.source.blockId).element as StaticSelect;
    expect(source.options?.map((o) => o.value)).toEqual([...COMPLAINT_SOURCES]);
    expect(source.options?.map((o) => o.text.text)).toContain('Web form');
  });

  it('shows typed and configured text only as plain_text, where nothing can ping', () => {
    const risky = intakeModal({
      categories: [{ id: 'x', name: '<!channel> category' }],
      prefillSummary: '<!channel> hi <@U123> <https://evil|click>',
    });
    expect(JSON.stringify(risky)).not.toContain('"mrkdwn"');
    expect(inputBlock(risky, INTAKE_FIELDS.summary.blockId).element).toMatchObject({
      initial_value: '<!channel> hi <@U123> <https://evil|click>',
    });
  });

  it('preselects the only category', () => {
    const single = intakeModal({ categories: [CATEGORIES[0]!] });
    const category = inputBlock(single, INTAKE_FIELDS.category.blockId).element as StaticSelect;
    expect(category.initial_option?.value).toBe('delivery');
  });

  it('offers at most 100 categories with names cut to 75 characters', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ id: `c${i}`, name: `Category ${i} ${'x'.repeat(100)}` }));
    const big = intakeModal({ categories: many });
    expectViewWithinLimits(big);
    const category = inputBlock(big, INTAKE_FIELDS.category.blockId).element as StaticSelect;
    expect(category.options).toHaveLength(100);
  });
});

function submission(overrides: Partial<Record<keyof typeof INTAKE_FIELDS, string | null>> = {}): SlackViewStateValues {
  const typed: Record<keyof typeof INTAKE_FIELDS, string | null> = {
    summary: '  Parcel arrived broken ',
    customerName: ' Anna Nowak ',
    customerContact: 'anna@example.com',
    category: 'delivery',
    severity: 'high',
    source: 'email',
    description: ' The vase broke. ',
    claimedLoss: null,
    ...overrides,
  };
  const selects = new Set(['category', 'severity', 'source']);
  const values: SlackViewStateValues = {};
  for (const [key, field] of Object.entries(INTAKE_FIELDS)) {
    const value = typed[key as keyof typeof INTAKE_FIELDS];
    values[field.blockId] = {
      [field.actionId]: selects.has(key)
        ? { type: 'static_select', selected_option: value === null ? null : { value } }
        : { type: 'plain_text_input', value },
    };
  }
  return values;
}

describe('parseIntakeSubmission', () => {
  it('returns the trimmed intake', () => {
    expect(parseIntakeSubmission(submission(), CATEGORIES)).toEqual({
      ok: true,
      intake: {
        summary: 'Parcel arrived broken',
        customerName: 'Anna Nowak',
        customerContact: 'anna@example.com',
        categoryId: 'delivery',
        severity: 'high',
        source: 'email',
        description: 'The vase broke.',
        claimedLossMinor: null,
      },
    });
  });

  it('keeps dangerous text exactly as typed (escaping is for display)', () => {
    const result = parseIntakeSubmission(submission({ summary: '<!channel> hi' }), CATEGORIES);
    expect(result.ok && result.intake.summary).toBe('<!channel> hi');
  });

  it.each([
    ['123', 12300],
    ['123.45', 12345],
    ['123,45', 12345],
    ['0', 0],
    ['0.5', 50],
    [' 7,1 ', 710],
    ['1000000000', 100_000_000_000],
  ])('reads claimed loss %j as %i minor units', (typed, minor) => {
    const result = parseIntakeSubmission(submission({ claimedLoss: typed }), CATEGORIES);
    expect(result).toMatchObject({ ok: true, intake: { claimedLossMinor: minor } });
  });

  it.each([['-5'], ['abc'], ['1.234'], ['1000000000.01'], ['1000000001'], ['12 PLN'], ['1,000.50'], ['.5'], ['+5']])(
    'refuses claimed loss %j',
    (typed) => {
      const result = parseIntakeSubmission(submission({ claimedLoss: typed }), CATEGORIES);
      expect(result.ok).toBe(false);
      expect(!result.ok && Object.keys(result.errors)).toEqual([INTAKE_FIELDS.claimedLoss.blockId]);
    },
  );

  it.each([
    ['summary', '   ', INTAKE_FIELDS.summary.blockId],
    ['summary', null, INTAKE_FIELDS.summary.blockId],
    ['summary', 'x'.repeat(151), INTAKE_FIELDS.summary.blockId],
    ['customerName', '', INTAKE_FIELDS.customerName.blockId],
    ['customerName', 'x'.repeat(201), INTAKE_FIELDS.customerName.blockId],
    ['customerContact', ' \n ', INTAKE_FIELDS.customerContact.blockId],
    ['description', '', INTAKE_FIELDS.description.blockId],
    ['description', 'x'.repeat(3001), INTAKE_FIELDS.description.blockId],
    ['category', 'groceries', INTAKE_FIELDS.category.blockId],
    ['category', null, INTAKE_FIELDS.category.blockId],
    ['severity', 'urgent', INTAKE_FIELDS.severity.blockId],
    ['severity', null, INTAKE_FIELDS.severity.blockId],
    ['source', 'pigeon', INTAKE_FIELDS.source.blockId],
    ['source', null, INTAKE_FIELDS.source.blockId],
  ] as const)('refuses %s %j with an error on its block', (key, typed, blockId) => {
    const result = parseIntakeSubmission(submission({ [key]: typed }), CATEGORIES);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual([blockId]);
    expect(result.errors[blockId]).toMatch(/\w/);
  });

  it('reports every bad field at once', () => {
    const result = parseIntakeSubmission(submission({ summary: '', category: 'nope', claimedLoss: 'abc' }), CATEGORIES);
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual(
      [INTAKE_FIELDS.summary.blockId, INTAKE_FIELDS.category.blockId, INTAKE_FIELDS.claimedLoss.blockId].sort(),
    );
  });

  it('treats a missing block as empty', () => {
    const values = submission();
    delete values[INTAKE_FIELDS.description.blockId];
    const result = parseIntakeSubmission(values, CATEGORIES);
    expect(!result.ok && Object.keys(result.errors)).toEqual([INTAKE_FIELDS.description.blockId]);
  });
});
