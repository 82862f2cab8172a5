// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { renderView } from '../../../sandbox/page/blocks/index.js';
import { date, pick, recordingContext, tick, type } from './context.js';

const plain = (text: string) => ({ type: 'plain_text', text });
const option = (value: string, text = value) => ({ text: plain(text), value });
const input = (blockId: string, element: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'input', block_id: blockId, label: plain(blockId), element, ...extra });

const EVERY_INPUT = [
  input('text', { type: 'plain_text_input', action_id: 'a', initial_value: 'Hello', max_length: 20, placeholder: plain('Say hi') }),
  input('long', { type: 'plain_text_input', action_id: 'a', multiline: true }, { optional: true, hint: plain('As long as you like') }),
  input('one', { type: 'static_select', action_id: 'a', options: [option('x', 'X'), option('y', 'Y')] }),
  input('many', { type: 'multi_static_select', action_id: 'a', options: [option('x', 'X'), option('y', 'Y'), option('z', 'Z')] }, { optional: true }),
  input('who', { type: 'users_select', action_id: 'a' }),
  input('whom', { type: 'multi_users_select', action_id: 'a', initial_users: ['U0LENA001'] }, { optional: true }),
  input('boxes', { type: 'checkboxes', action_id: 'a', options: [option('x', 'X'), option('y', 'Y')] }, { optional: true }),
  input('radio', { type: 'radio_buttons', action_id: 'a', options: [option('yes', 'Yes'), option('no', 'No')] }),
  input('day', { type: 'datepicker', action_id: 'a' }, { optional: true }),
  input('count', { type: 'number_input', action_id: 'a', is_decimal_allowed: false, min_value: '1', max_value: '5' }, { optional: true }),
];

function shown(blocks: unknown[], handlers: { onSubmit?(): void; onClose?(): void } = {}) {
  const ctx = recordingContext();
  const view = renderView({ title: plain('New complaint'), submit: plain('Open'), close: plain('Cancel'), blocks }, ctx, handlers);
  document.body.append(view.element);
  return { ctx, view };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('renderView', () => {
  it('draws the title, the blocks and Close/Submit', () => {
    const { view } = shown(EVERY_INPUT);
    expect(view.element.querySelector('.bk-view-title')?.textContent).toBe('New complaint');
    expect(view.element.querySelector('.bk-view-submit')?.textContent).toBe('Open');
    expect(view.element.querySelector('.bk-view-close')?.textContent).toBe('Cancel');
    const labels = Array.from(view.element.querySelectorAll('.bk-input-label'), (l) => l.textContent);
    expect(labels[1]).toBe('long (optional)');
    expect(view.element.querySelector('.bk-input-hint')?.textContent).toBe('As long as you like');
    const text = view.element.querySelector<HTMLInputElement>('[data-block-id="text"] input');
    expect([text?.value, text?.maxLength, text?.placeholder]).toEqual(['Hello', 20, 'Say hi']);
    expect(view.element.querySelector<HTMLLabelElement>('[data-block-id="text"] label')?.htmlFor).toBe(text?.id);
    const count = view.element.querySelector<HTMLInputElement>('[data-block-id="count"] input');
    expect([count?.type, count?.step, count?.min, count?.max]).toEqual(['number', '1', '1', '5']);
  });

  it('has no Submit when the view has none (Close still closes)', () => {
    let closed = 0;
    const view = renderView({ title: plain('Saved'), blocks: [] }, recordingContext(), { onClose: () => (closed += 1) });
    expect(view.element.querySelector('.bk-view-submit')).toBeNull();
    view.element.querySelector<HTMLButtonElement>('.bk-view-close')!.click();
    view.element.querySelector<HTMLButtonElement>('.bk-view-cross')!.click();
    expect(closed).toBe(2);
  });

  it('values() is Slack’s view.state.values, empty fields included', () => {
    const { view } = shown(EVERY_INPUT);
    expect(view.values()).toEqual({
      text: { a: { type: 'plain_text_input', value: 'Hello' } },
      long: { a: { type: 'plain_text_input', value: null } },
      one: { a: { type: 'static_select', selected_option: null } },
      many: { a: { type: 'multi_static_select', selected_options: [] } },
      who: { a: { type: 'users_select', selected_user: null } },
      whom: { a: { type: 'multi_users_select', selected_users: ['U0LENA001'] } },
      boxes: { a: { type: 'checkboxes', selected_options: [] } },
      radio: { a: { type: 'radio_buttons', selected_option: null } },
      day: { a: { type: 'datepicker', selected_date: null } },
      count: { a: { type: 'number_input', value: null } },
    });
  });

  it('values() reads what was typed and chosen, options as the blocks gave them', () => {
    const { view, ctx } = shown(EVERY_INPUT);
    const root = view.element;
    type(root, 'long', 'Line one\nLine two');
    pick(root, 'one', 'y');
    pick(root, 'many', 'x', 'z');
    pick(root, 'who', 'U0BRUNO01');
    pick(root, 'whom', 'U0ALICE01', 'U0LENA001');
    tick(root, 'boxes', 'y');
    tick(root, 'radio', 'no');
    date(root, 'day', '2026-12-24');
    type(root, 'count', '3');
    expect(view.values()).toMatchObject({
      long: { a: { value: 'Line one\nLine two' } },
      one: { a: { selected_option: option('y', 'Y') } },
      many: { a: { selected_options: [option('x', 'X'), option('z', 'Z')] } },
      who: { a: { selected_user: 'U0BRUNO01' } },
      whom: { a: { selected_users: ['U0ALICE01', 'U0LENA001'] } },
      boxes: { a: { selected_options: [option('y', 'Y')] } },
      radio: { a: { selected_option: option('no', 'No') } },
      day: { a: { selected_date: '2026-12-24' } },
      count: { a: { value: '3' } },
    });
    // Inputs without dispatch_action send nothing until the form is submitted.
    expect(ctx.actions).toEqual([]);
  });

  it('an input with dispatch_action sends its action', () => {
    const { ctx, view } = shown([input('pick', { type: 'static_select', action_id: 'kind', options: [option('refund')] }, { dispatch_action: true })]);
    pick(view.element, 'pick', 'refund');
    expect(ctx.actions).toEqual([{ actionId: 'kind', blockId: 'pick', type: 'static_select', selectedOption: { text: 'refund', value: 'refund' } }]);
  });

  it('a text input with dispatch_action sends its value on Enter; a multiline one on Ctrl+Enter', () => {
    const { ctx, view } = shown([
      input('line', { type: 'plain_text_input', action_id: 'search' }, { dispatch_action: true }),
      input('note', { type: 'plain_text_input', action_id: 'note', multiline: true }, { dispatch_action: true }),
    ]);
    const press = (blockId: string, init: KeyboardEventInit) =>
      view.element.querySelector(`[data-block-id="${blockId}"] input, [data-block-id="${blockId}"] textarea`)!.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, ...init }));
    type(view.element, 'line', 'Nowak');
    press('line', { key: 'Enter' });
    type(view.element, 'note', 'two\nlines');
    press('note', { key: 'Enter' });
    press('note', { key: 'Enter', ctrlKey: true });
    expect(ctx.actions).toEqual([
      { actionId: 'search', blockId: 'line', type: 'plain_text_input', value: 'Nowak' },
      { actionId: 'note', blockId: 'note', type: 'plain_text_input', value: 'two\nlines' },
    ]);
  });

  it('time pickers, e-mail and web address fields, and decimal numbers', () => {
    const { view } = shown([
      input('at', { type: 'timepicker', action_id: 'a', initial_time: '09:30' }),
      input('mail', { type: 'email_text_input', action_id: 'a' }),
      input('web', { type: 'url_text_input', action_id: 'a' }),
      input('amount', { type: 'number_input', action_id: 'a', is_decimal_allowed: true, initial_value: '12.5' }),
    ]);
    const kinds = Array.from(view.element.querySelectorAll('input'), (field) => field.type);
    expect(kinds).toEqual(['time', 'email', 'url', 'number']);
    expect(view.element.querySelector<HTMLInputElement>('[data-block-id="amount"] input')?.step).toBe('any');
    expect(view.values()).toEqual({
      at: { a: { type: 'timepicker', selected_time: '09:30' } },
      mail: { a: { type: 'email_text_input', value: null } },
      web: { a: { type: 'url_text_input', value: null } },
      amount: { a: { type: 'number_input', value: '12.5' } },
    });
  });

  it('shows HTML in a title, label, hint, placeholder, option or button as text', () => {
    const html = '<img src=x onerror=alert(1)>';
    const rendered = renderView(
      {
        title: plain(html),
        submit: plain(html),
        close: plain(html),
        blocks: [
          input('x', { type: 'static_select', action_id: 'a', placeholder: plain(html), options: [option('v', html)] }, { label: plain(html), hint: plain(html) }),
          input('y', { type: 'checkboxes', action_id: 'a', options: [{ text: { type: 'mrkdwn', text: html }, value: 'v', description: plain(html) }] }),
          { type: 'actions', elements: [{ type: 'button', text: plain(html), action_id: 'b' }] },
        ],
      },
      recordingContext(),
    );
    expect(rendered.element.querySelector('img, script, [onerror]')).toBeNull();
    expect(rendered.element.textContent?.split(html).length).toBeGreaterThan(8);
  });

  it('missingRequired() names required inputs still empty; blank text counts as empty', () => {
    const { view } = shown(EVERY_INPUT);
    expect(view.missingRequired()).toEqual(['one', 'who', 'radio']);
    type(view.element, 'text', '   ');
    pick(view.element, 'one', 'x');
    expect(view.missingRequired()).toEqual(['text', 'who', 'radio']);
  });

  it('Submit shows Slack’s required-field message and submits only when nothing required is empty', () => {
    let submitted = 0;
    const { view } = shown(EVERY_INPUT, { onSubmit: () => (submitted += 1) });
    const submit = view.element.querySelector<HTMLButtonElement>('.bk-view-submit')!;
    submit.click();
    expect(submitted).toBe(0);
    const errors = () => Array.from(view.element.querySelectorAll<HTMLElement>('.bk-input-error'), (e) => (e.hidden ? '' : `${e.closest('[data-block-id]')?.getAttribute('data-block-id')}: ${e.textContent}`)).filter(Boolean);
    expect(errors()).toEqual(['one: Please complete this required field.', 'who: Please complete this required field.', 'radio: Please complete this required field.']);
    pick(view.element, 'one', 'x');
    pick(view.element, 'who', 'U0ALICE01');
    tick(view.element, 'radio', 'yes');
    submit.click();
    expect(submitted).toBe(1);
    expect(errors()).toEqual([]);
  });

  it('showErrors() puts the bot’s messages under their fields and clears the earlier ones', () => {
    const { view } = shown(EVERY_INPUT);
    view.showErrors({ text: 'Too short <b>really</b>', count: 'Pick 1 to 5' });
    const shownErrors = () => Array.from(view.element.querySelectorAll<HTMLElement>('.bk-input-error')).filter((e) => !e.hidden).map((e) => e.innerHTML);
    expect(shownErrors()).toEqual(['Too short &lt;b&gt;really&lt;/b&gt;', 'Pick 1 to 5']);
    expect(view.element.querySelector('[data-block-id="text"]')?.classList.contains('bk-input-has-error')).toBe(true);
    view.showErrors({ who: 'Choose someone' });
    expect(shownErrors()).toEqual(['Choose someone']);
    expect(view.element.querySelector('[data-block-id="text"]')?.classList.contains('bk-input-has-error')).toBe(false);
  });
});
