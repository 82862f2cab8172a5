// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { renderBlocks, toSlackAction } from '../../../sandbox/page/blocks/index.js';
import { recordingContext } from './context.js';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const option = (value: string, text = value) => ({ text: plain(text), value });

/** Renders into the page, as the sandbox does, so confirm dialogs and events work. */
function shown(blocks: unknown[]) {
  const ctx = recordingContext();
  const element = renderBlocks(blocks, ctx);
  document.body.append(element);
  return { ctx, element };
}

function choose(select: HTMLSelectElement, ...values: string[]): void {
  for (const item of Array.from(select.options)) item.selected = values.includes(item.value);
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('renderBlocks draws each block', () => {
  it('header, divider, section text and fields', () => {
    const { element } = shown([
      { type: 'header', text: plain('Complaint #42 :package:') },
      { type: 'divider' },
      { type: 'section', block_id: 'facts', text: mrkdwn('*Parcel* arrived broken'), fields: [mrkdwn('*Owner*\n<@U0ALICE01>'), plain('*not bold*')] },
    ]);
    const blocks = element.querySelectorAll('.bk-block');
    expect(Array.from(blocks, (b) => b.getAttribute('data-type'))).toEqual(['header', 'divider', 'section']);
    expect(element.querySelector('.bk-header')?.textContent).toBe('Complaint #42 📦\uFE0F');
    expect(element.querySelector('hr.bk-divider')).not.toBeNull();
    const section = element.querySelector('[data-block-id="facts"]');
    expect(section?.querySelector('.bk-section-text')?.innerHTML).toBe('<b>Parcel</b> arrived broken');
    expect(Array.from(section?.querySelectorAll('.bk-field') ?? [], (f) => f.textContent)).toEqual(['Owner@Alice', '*not bold*']);
  });

  it('context with text and images, and image blocks; only web addresses load', () => {
    const { element } = shown([
      { type: 'context', elements: [{ type: 'image', image_url: 'https://example.com/a.png', alt_text: 'avatar' }, mrkdwn('Opened by <@U0BRUNO01>'), plain('two')] },
      { type: 'image', image_url: 'https://example.com/photo.png', alt_text: 'The crushed box', title: plain('Photo') },
      { type: 'image', image_url: 'javascript:alert(1)', alt_text: 'bad' },
    ]);
    const context = element.querySelector('.bk-context');
    expect(context?.querySelector('img')?.getAttribute('src')).toBe('https://example.com/a.png');
    expect(Array.from(context?.querySelectorAll('.bk-context-text') ?? [], (t) => t.textContent)).toEqual(['Opened by @Bruno', 'two']);
    const images = element.querySelectorAll('.bk-image');
    expect(images[0]?.getAttribute('alt')).toBe('The crushed box');
    expect(element.querySelector('.bk-image-title')?.textContent).toBe('Photo');
    expect(images[1]?.hasAttribute('src')).toBe(false);
  });

  it('a block type it does not know, named, not dropped', () => {
    const { element } = shown([{ type: 'video', title: plain('x') }]);
    expect(element.querySelector('.bk-unsupported')?.textContent).toBe('Unsupported block: video');
  });
});

describe('interactive elements send what Slack would', () => {
  it('buttons: styles, value, block and action ids', () => {
    const { ctx, element } = shown([
      {
        type: 'actions',
        block_id: 'case_actions',
        elements: [
          { type: 'button', action_id: 'case_take', text: plain('Take it'), value: 'c1', style: 'primary' },
          { type: 'button', action_id: 'case_escalate', text: plain('Escalate'), value: 'c1', style: 'danger' },
          { type: 'button', text: plain('Plain') },
        ],
      },
    ]);
    const buttons = element.querySelectorAll('button');
    expect(Array.from(buttons, (b) => b.className)).toEqual(['bk-button bk-button-primary', 'bk-button bk-button-danger', 'bk-button']);
    for (const button of Array.from(buttons)) button.click();
    expect(ctx.actions).toEqual([
      { actionId: 'case_take', blockId: 'case_actions', type: 'button', value: 'c1' },
      { actionId: 'case_escalate', blockId: 'case_actions', type: 'button', value: 'c1' },
      { actionId: 'case_actions-action-2', blockId: 'case_actions', type: 'button' },
    ]);
  });

  it('a button with confirm asks first: deny sends nothing, confirm sends the action', () => {
    const confirm = { title: plain('Escalate?'), text: mrkdwn('Lena will be *paged*.'), confirm: plain('Yes, escalate'), deny: plain('Not now'), style: 'danger' };
    const { ctx, element } = shown([{ type: 'actions', block_id: 'b', elements: [{ type: 'button', action_id: 'escalate', text: plain('Escalate'), value: 'c1', confirm }] }]);
    element.querySelector('button')?.click();
    expect(ctx.actions).toEqual([]);
    const dialog = document.querySelector('.bk-confirm');
    expect(dialog?.querySelector('.bk-confirm-title')?.textContent).toBe('Escalate?');
    expect(dialog?.querySelector('.bk-confirm-text')?.innerHTML).toBe('Lena will be <b>paged</b>.');
    expect(dialog?.querySelector('.bk-confirm-yes')?.className).toContain('bk-button-danger');
    (dialog?.querySelector('.bk-confirm-no') as HTMLButtonElement).click();
    expect(document.querySelector('.bk-confirm')).toBeNull();
    expect(ctx.actions).toEqual([]);

    element.querySelector('button')?.click();
    (document.querySelector('.bk-confirm-yes') as HTMLButtonElement).click();
    expect(document.querySelector('.bk-confirm')).toBeNull();
    expect(ctx.actions).toEqual([{ actionId: 'escalate', blockId: 'b', type: 'button', value: 'c1' }]);
  });

  it('static_select: placeholder, initial option, groups, the chosen option', () => {
    const { ctx, element } = shown([
      {
        type: 'actions',
        block_id: 'sev',
        elements: [
          { type: 'static_select', action_id: 'severity', placeholder: plain('Change severity'), options: [option('c1:low', 'Low'), option('c1:high', 'High')], initial_option: option('c1:low', 'Low') },
          { type: 'static_select', action_id: 'grouped', option_groups: [{ label: plain('Money'), options: [option('refund', 'Refund')] }, { label: plain('Other'), options: [option('apology', 'Apology')] }] },
        ],
      },
    ]);
    const [severity, grouped] = Array.from(element.querySelectorAll('select'));
    expect(Array.from(severity!.options, (o) => [o.textContent, o.selected, o.disabled])).toEqual([
      ['Change severity', false, true],
      ['Low', true, false],
      ['High', false, false],
    ]);
    choose(severity!, 'c1:high');
    expect(Array.from(grouped!.querySelectorAll('optgroup'), (g) => g.label)).toEqual(['Money', 'Other']);
    choose(grouped!, 'apology');
    expect(ctx.actions).toEqual([
      { actionId: 'severity', blockId: 'sev', type: 'static_select', selectedOption: { text: 'High', value: 'c1:high' } },
      { actionId: 'grouped', blockId: 'sev', type: 'static_select', selectedOption: { text: 'Apology', value: 'apology' } },
    ]);
  });

  it('a select with confirm goes back to its earlier choice when denied', () => {
    const confirm = { title: plain('Sure?'), text: plain('Deadlines move.'), confirm: plain('Yes'), deny: plain('No') };
    const { ctx, element } = shown([{ type: 'actions', block_id: 'b', elements: [{ type: 'static_select', action_id: 's', options: [option('a'), option('b')], initial_option: option('a'), confirm }] }]);
    const select = element.querySelector('select')!;
    choose(select, 'b');
    (document.querySelector('.bk-confirm-no') as HTMLButtonElement).click();
    expect(select.value).toBe('a');
    choose(select, 'b');
    (document.querySelector('.bk-confirm-yes') as HTMLButtonElement).click();
    expect(ctx.actions).toEqual([{ actionId: 's', blockId: 'b', type: 'static_select', selectedOption: { text: 'b', value: 'b' } }]);
  });

  it('users_select offers the context’s people and sends the chosen id', () => {
    const { ctx, element } = shown([{ type: 'actions', block_id: 'b', elements: [{ type: 'users_select', action_id: 'assign', placeholder: plain('Assign'), initial_user: 'U0GUEST01' }] }]);
    const select = element.querySelector('select')!;
    expect(Array.from(select.options, (o) => o.textContent)).toEqual(['Assign', 'Alice', 'Bruno', 'Lena', 'U0GUEST01']);
    expect(select.value).toBe('U0GUEST01');
    choose(select, 'U0BRUNO01');
    expect(ctx.actions).toEqual([{ actionId: 'assign', blockId: 'b', type: 'users_select', selectedUser: 'U0BRUNO01' }]);
  });

  it('overflow opens its menu and sends the option picked', () => {
    const { ctx, element } = shown([{ type: 'section', block_id: 's', text: plain('Item'), accessory: { type: 'overflow', action_id: 'more', options: [option('edit', 'Edit'), option('delete', 'Delete')] } }]);
    const menu = element.querySelector<HTMLElement>('.bk-overflow-menu')!;
    expect(menu.hidden).toBe(true);
    element.querySelector<HTMLButtonElement>('.bk-overflow-toggle')!.click();
    expect(menu.hidden).toBe(false);
    menu.querySelectorAll('button')[1]!.click();
    expect(menu.hidden).toBe(true);
    expect(ctx.actions).toEqual([{ actionId: 'more', blockId: 's', type: 'overflow', selectedOption: { text: 'Delete', value: 'delete' } }]);
  });

  it('section accessory button', () => {
    const { ctx, element } = shown([{ type: 'section', block_id: 'item:7', text: mrkdwn('Call back'), accessory: { type: 'button', action_id: 'done', text: plain('Done'), value: '7' } }]);
    element.querySelector<HTMLButtonElement>('.bk-accessory button')!.click();
    expect(ctx.actions).toEqual([{ actionId: 'done', blockId: 'item:7', type: 'button', value: '7' }]);
  });

  it('checkboxes send every ticked option after each change, with descriptions shown', () => {
    const steps = [option('0', 'Apologise'), { ...option('1', 'Refund'), description: plain('Done at 14:05') }, option('2', 'Follow up')];
    const { ctx, element } = shown([{ type: 'actions', block_id: 'playbook', elements: [{ type: 'checkboxes', action_id: 'steps', options: steps, initial_options: [steps[1]] }] }]);
    const boxes = Array.from(element.querySelectorAll<HTMLInputElement>('input[type=checkbox]'));
    expect(boxes.map((b) => b.checked)).toEqual([false, true, false]);
    expect(element.querySelector('.bk-choice-description')?.textContent).toBe('Done at 14:05');
    boxes[0]!.click();
    expect(ctx.actions).toEqual([
      { actionId: 'steps', blockId: 'playbook', type: 'checkboxes', selectedOptions: [{ text: 'Apologise', value: '0' }, { text: 'Refund', value: '1' }] },
    ]);
  });

  it('radio buttons and date pickers', () => {
    const { ctx, element } = shown([
      { type: 'actions', block_id: 'b', elements: [{ type: 'radio_buttons', action_id: 'r', options: [option('yes', 'Yes'), option('no', 'No')] }, { type: 'datepicker', action_id: 'due', initial_date: '2026-12-04' }] },
    ]);
    element.querySelectorAll<HTMLInputElement>('input[type=radio]')[1]!.click();
    const date = element.querySelector<HTMLInputElement>('input[type=date]')!;
    expect(date.value).toBe('2026-12-04');
    date.value = '2026-12-10';
    date.dispatchEvent(new Event('change', { bubbles: true }));
    expect(ctx.actions).toEqual([
      { actionId: 'r', blockId: 'b', type: 'radio_buttons', selectedOption: { text: 'No', value: 'no' } },
      { actionId: 'due', blockId: 'b', type: 'datepicker', selectedDate: '2026-12-10' },
    ]);
  });

  it('multi_static_select and multi_users_select in an actions block send every choice', () => {
    const { ctx, element } = shown([
      { type: 'actions', block_id: 'b', elements: [{ type: 'multi_static_select', action_id: 'tags', options: [option('a', 'A'), option('b', 'B'), option('c', 'C')] }, { type: 'multi_users_select', action_id: 'people' }] },
    ]);
    const [tags, people] = Array.from(element.querySelectorAll('select'));
    choose(tags!, 'a', 'c');
    choose(people!, 'U0ALICE01', 'U0LENA001');
    expect(ctx.actions).toEqual([
      { actionId: 'tags', blockId: 'b', type: 'multi_static_select', selectedOptions: [{ text: 'A', value: 'a' }, { text: 'C', value: 'c' }] },
      { actionId: 'people', blockId: 'b', type: 'multi_users_select', selectedUsers: ['U0ALICE01', 'U0LENA001'] },
    ]);
  });

  it('a link button opens its page in a new tab and still sends its action; a javascript: one opens nothing', () => {
    const opened: unknown[][] = [];
    const open = window.open;
    window.open = ((...args: unknown[]) => {
      opened.push(args);
      return null;
    }) as typeof window.open;
    try {
      const { ctx, element } = shown([
        { type: 'actions', block_id: 'b', elements: [{ type: 'button', action_id: 'docs', text: plain('Docs'), url: 'https://example.com/docs' }, { type: 'button', action_id: 'bad', text: plain('Bad'), url: 'javascript:alert(1)' }] },
      ]);
      for (const button of Array.from(element.querySelectorAll('button'))) button.click();
      expect(opened).toEqual([['https://example.com/docs', '_blank', 'noopener,noreferrer']]);
      expect(ctx.actions.map((a) => a.actionId)).toEqual(['docs', 'bad']);
    } finally {
      window.open = open;
    }
  });

  it('an element type it does not know, named', () => {
    const { element } = shown([{ type: 'actions', elements: [{ type: 'workflow_button', text: plain('Run') }] }]);
    expect(element.querySelector('.bk-unsupported')?.textContent).toBe('Unsupported element: workflow_button');
  });
});

describe('toSlackAction', () => {
  it('is the action as block_actions carries it', () => {
    expect(toSlackAction({ actionId: 'severity', blockId: 'sev', type: 'static_select', selectedOption: { text: 'High', value: 'c1:high' } }, '1700000000.000100')).toEqual({
      type: 'static_select',
      action_id: 'severity',
      block_id: 'sev',
      action_ts: '1700000000.000100',
      selected_option: { text: { type: 'plain_text', text: 'High', emoji: true }, value: 'c1:high' },
    });
    expect(toSlackAction({ actionId: 'due', blockId: 'b', type: 'datepicker', selectedDate: '2026-12-10' }, '1.2')).toEqual({ type: 'datepicker', action_id: 'due', block_id: 'b', action_ts: '1.2', selected_date: '2026-12-10' });
  });
});
