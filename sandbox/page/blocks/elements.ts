import { askToConfirm, type ConfirmObject } from './confirm.js';
import { h, isSafeLink } from './dom.js';
import type { FormState } from './form-state.js';
import { flatText, plainTextIn, textIn, type TextObject } from './text.js';
import type { BlockAction, ElementState, RenderContext, SelectedOption, SlackOption } from './types.js';

/** The fields of an element this renderer reads; Slack's JSON, loosely typed. */
export interface ElementJson {
  type: string;
  action_id?: string;
  text?: TextObject;
  value?: string;
  url?: string;
  style?: 'primary' | 'danger';
  confirm?: ConfirmObject;
  placeholder?: TextObject;
  options?: SlackOption[];
  option_groups?: { label: TextObject; options: SlackOption[] }[];
  initial_option?: SlackOption;
  initial_options?: SlackOption[];
  initial_user?: string;
  initial_users?: string[];
  initial_value?: string;
  initial_date?: string;
  initial_time?: string;
  multiline?: boolean;
  max_length?: number;
  min_length?: number;
  is_decimal_allowed?: boolean;
  min_value?: string;
  max_value?: string;
  max_selected_items?: number;
  image_url?: string;
  alt_text?: string;
}

/**
 * Where an element stands: its block, the form it belongs to, and whether using it
 * sends an action at once (actions blocks, section accessories, inputs with
 * `dispatch_action`) or only changes what the form will submit (other inputs).
 */
export interface Placement {
  doc: Document;
  ctx: RenderContext;
  state: FormState;
  blockId: string;
  /** Made up when the element has no `action_id`, as Slack does. */
  fallbackActionId: string;
  dispatches: boolean;
  /** The input block's label element, for `for=`. */
  inputId?: string;
}

type Renderer = (element: ElementJson, place: Placement, actionId: string) => HTMLElement;

/** Renders one interactive or image element; an unknown type is shown as such. */
export function renderElement(element: ElementJson, place: Placement): HTMLElement {
  const renderer = RENDERERS[element.type];
  const actionId = element.action_id ?? place.fallbackActionId;
  if (renderer === undefined) return h(place.doc, 'span', 'bk-unsupported', `Unsupported element: ${element.type}`);
  const rendered = renderer(element, place, actionId);
  rendered.dataset['actionId'] = actionId;
  rendered.dataset['type'] = element.type;
  return rendered;
}

/** Sends the action, after the element's confirmation dialog when it has one. */
function send(place: Placement, element: ElementJson, action: Omit<BlockAction, 'blockId' | 'type'>, undo?: () => void): void {
  if (!place.dispatches) return;
  const full: BlockAction = { ...action, blockId: place.blockId, type: element.type };
  if (element.confirm) askToConfirm(place.doc, element.confirm, place.ctx, () => place.ctx.onAction(full), undo);
  else place.ctx.onAction(full);
}

const selected = (option: SlackOption): SelectedOption => ({ text: option.text.text, value: option.value });

function button(element: ElementJson, place: Placement, actionId: string): HTMLElement {
  const { doc } = place;
  const style = element.style ? ` bk-button-${element.style}` : '';
  const target = h(doc, 'button', `bk-button${style}`, plainTextIn(doc, element.text ?? { text: '' }));
  target.type = 'button';
  const press = () => {
    // A link button opens its page and still sends the action, as in Slack.
    if (element.url !== undefined && isSafeLink(element.url)) doc.defaultView?.open(element.url, '_blank', 'noopener,noreferrer');
    place.ctx.onAction({ actionId, blockId: place.blockId, type: 'button', ...(element.value !== undefined && { value: element.value }) });
  };
  target.addEventListener('click', () => {
    if (element.confirm) askToConfirm(doc, element.confirm, place.ctx, press);
    else press();
  });
  return target;
}

/** Every option of a select, groups flattened, for finding the chosen one by value. */
function allOptions(element: ElementJson): SlackOption[] {
  return element.options ?? element.option_groups?.flatMap((group) => group.options) ?? [];
}

function optionElement(doc: Document, option: { text: string; value: string }, chosen: boolean): HTMLOptionElement {
  const item = h(doc, 'option', undefined, option.text);
  item.value = option.value;
  item.selected = chosen;
  return item;
}

/** A `<select>` with Slack's placeholder as its first, unchoosable entry. */
function selectBox(place: Placement, element: ElementJson, choices: { text: string; value: string }[], chosen: readonly string[], multiple: boolean): HTMLSelectElement {
  const { doc } = place;
  const select = h(doc, 'select', multiple ? 'bk-select bk-select-multi' : 'bk-select');
  if (place.inputId !== undefined) select.id = place.inputId;
  select.multiple = multiple;
  if (!multiple) {
    const placeholder = optionElement(doc, { text: flatText(element.placeholder) || 'Select an item', value: '' }, chosen.length === 0);
    placeholder.disabled = true;
    select.append(placeholder);
  }
  if (element.option_groups && element.type.endsWith('static_select')) {
    for (const group of element.option_groups) {
      const optgroup = h(doc, 'optgroup', undefined, ...group.options.map((option) => optionElement(doc, { text: flatText(option.text), value: option.value }, chosen.includes(option.value))));
      optgroup.label = flatText(group.label);
      select.append(optgroup);
    }
  } else {
    select.append(...choices.map((choice) => optionElement(doc, choice, chosen.includes(choice.value))));
  }
  // Chosen once more now that they are in the select: a DOM may settle the selection as options arrive.
  for (const item of Array.from(select.options)) item.selected = item.value === '' ? chosen.length === 0 : chosen.includes(item.value);
  return select;
}

/** Read from the options themselves: happy-dom's `selectedOptions` can lag behind them. */
function chosenValues(select: HTMLSelectElement): string[] {
  return Array.from(select.options)
    .filter((option) => option.selected && option.value !== '')
    .map((option) => option.value);
}

function staticSelect(element: ElementJson, place: Placement, actionId: string): HTMLElement {
  const options = allOptions(element);
  const multiple = element.type === 'multi_static_select';
  const initial = multiple ? (element.initial_options ?? []).map((o) => o.value) : element.initial_option ? [element.initial_option.value] : [];
  const select = selectBox(place, element, options.map((o) => ({ text: flatText(o.text), value: o.value })), initial, multiple);
  const picked = () => chosenValues(select).flatMap((value) => options.filter((o) => o.value === value));
  place.state.add(place.blockId, actionId, (): ElementState =>
    multiple ? { type: element.type, selected_options: picked() } : { type: element.type, selected_option: picked()[0] ?? null },
  );
  let before = chosenValues(select);
  select.addEventListener('change', () => {
    const previous = before;
    before = chosenValues(select);
    const undo = () => {
      for (const option of Array.from(select.options)) option.selected = previous.includes(option.value) || (previous.length === 0 && option.value === '' && !multiple);
      before = previous;
    };
    if (multiple) send(place, element, { actionId, selectedOptions: picked().map(selected) }, undo);
    else {
      const option = picked()[0];
      if (option) send(place, element, { actionId, selectedOption: selected(option) }, undo);
    }
  });
  return select;
}

/** The people to offer: the context's, and any chosen one it does not list. */
function people(place: Placement, chosen: readonly string[]): { text: string; value: string }[] {
  const listed = place.ctx.users?.() ?? [];
  const extra = chosen.filter((id) => !listed.some((user) => user.id === id)).map((id) => ({ id, name: place.ctx.userName(id) ?? id }));
  return [...listed, ...extra].map((user) => ({ text: user.name, value: user.id }));
}

function usersSelect(element: ElementJson, place: Placement, actionId: string): HTMLElement {
  const multiple = element.type === 'multi_users_select';
  const initial = multiple ? (element.initial_users ?? []) : element.initial_user ? [element.initial_user] : [];
  const select = selectBox(place, element, people(place, initial), initial, multiple);
  place.state.add(place.blockId, actionId, (): ElementState =>
    multiple ? { type: element.type, selected_users: chosenValues(select) } : { type: element.type, selected_user: chosenValues(select)[0] ?? null },
  );
  select.addEventListener('change', () => {
    const users = chosenValues(select);
    if (multiple) send(place, element, { actionId, selectedUsers: users });
    else if (users[0] !== undefined) send(place, element, { actionId, selectedUser: users[0] });
  });
  return select;
}

function overflow(element: ElementJson, place: Placement, actionId: string): HTMLElement {
  const { doc } = place;
  const toggle = h(doc, 'button', 'bk-overflow-toggle', '⋮');
  toggle.type = 'button';
  toggle.setAttribute('aria-label', 'More actions');
  const menu = h(doc, 'div', 'bk-overflow-menu');
  menu.hidden = true;
  for (const option of element.options ?? []) {
    const item = h(doc, 'button', 'bk-overflow-item', plainTextIn(doc, option.text));
    item.type = 'button';
    item.addEventListener('click', () => {
      menu.hidden = true;
      send(place, element, { actionId, selectedOption: selected(option) });
    });
    menu.append(item);
  }
  toggle.addEventListener('click', () => {
    menu.hidden = !menu.hidden;
  });
  return h(doc, 'span', 'bk-overflow', toggle, menu);
}

/** Checkboxes and radio buttons: one labelled box per option, with its description. */
function choiceGroup(element: ElementJson, place: Placement, actionId: string): HTMLElement {
  const { doc, ctx } = place;
  const radio = element.type === 'radio_buttons';
  const options = element.options ?? [];
  const initial = radio ? (element.initial_option ? [element.initial_option.value] : []) : (element.initial_options ?? []).map((o) => o.value);
  const name = `${place.blockId}/${actionId}`;
  const boxes = options.map((option) => {
    const box = h(doc, 'input', 'bk-choice-box');
    box.type = radio ? 'radio' : 'checkbox';
    box.name = name;
    box.value = option.value;
    box.checked = initial.includes(option.value);
    return box;
  });
  const group = h(
    doc,
    'div',
    'bk-choices',
    ...options.map((option, index) =>
      h(doc, 'label', 'bk-choice', boxes[index] as HTMLInputElement, h(doc, 'span', 'bk-choice-text', textIn(doc, option.text, ctx), ...(option.description ? [h(doc, 'span', 'bk-choice-description', textIn(doc, option.description, ctx))] : []))),
    ),
  );
  group.setAttribute('role', radio ? 'radiogroup' : 'group');
  const picked = () => options.filter((_option, index) => boxes[index]?.checked);
  place.state.add(place.blockId, actionId, (): ElementState =>
    radio ? { type: element.type, selected_option: picked()[0] ?? null } : { type: element.type, selected_options: picked() },
  );
  let before = picked().map((o) => o.value);
  group.addEventListener('change', () => {
    const previous = before;
    before = picked().map((o) => o.value);
    const undo = () => {
      for (const box of boxes) box.checked = previous.includes(box.value);
      before = previous;
    };
    if (radio) {
      const option = picked()[0];
      if (option) send(place, element, { actionId, selectedOption: selected(option) }, undo);
    } else send(place, element, { actionId, selectedOptions: picked().map(selected) }, undo);
  });
  return group;
}

function picker(element: ElementJson, place: Placement, actionId: string): HTMLElement {
  const time = element.type === 'timepicker';
  const field = h(place.doc, 'input', 'bk-picker');
  field.type = time ? 'time' : 'date';
  if (place.inputId !== undefined) field.id = place.inputId;
  field.value = (time ? element.initial_time : element.initial_date) ?? '';
  place.state.add(place.blockId, actionId, (): ElementState =>
    time ? { type: element.type, selected_time: field.value || null } : { type: element.type, selected_date: field.value || null },
  );
  field.addEventListener('change', () => {
    if (field.value === '') return;
    send(place, element, time ? { actionId, selectedTime: field.value } : { actionId, selectedDate: field.value });
  });
  return field;
}

const INPUT_TYPES: Record<string, string> = { plain_text_input: 'text', email_text_input: 'email', url_text_input: 'url', number_input: 'number' };

/** A typed field; in Slack it dispatches on Enter only with `dispatch_action`. */
function textField(element: ElementJson, place: Placement, actionId: string): HTMLElement {
  const field = element.multiline ? multilineField(place.doc) : lineField(place.doc, element);
  if (place.inputId !== undefined) field.id = place.inputId;
  if (element.max_length !== undefined) field.maxLength = element.max_length;
  if (element.min_length !== undefined) field.minLength = element.min_length;
  if (element.placeholder) field.placeholder = flatText(element.placeholder);
  field.value = element.initial_value ?? '';
  place.state.add(place.blockId, actionId, (): ElementState => ({ type: element.type, value: field.value === '' ? null : field.value }));
  const typed: HTMLElement = field;
  typed.addEventListener('keydown', (event) => {
    // Enter submits a one-line field; a multiline one needs Ctrl/Cmd+Enter, as Enter adds a line.
    const enter = event.key === 'Enter' && (!element.multiline || event.ctrlKey || event.metaKey);
    if (enter) send(place, element, { actionId, value: field.value });
  });
  return field;
}

function multilineField(doc: Document): HTMLTextAreaElement {
  const field = h(doc, 'textarea', 'bk-text-input bk-text-input-multiline');
  field.rows = 4;
  return field;
}

function lineField(doc: Document, element: ElementJson): HTMLInputElement {
  const field = h(doc, 'input', 'bk-text-input');
  field.type = INPUT_TYPES[element.type] ?? 'text';
  if (element.type === 'number_input') {
    field.step = element.is_decimal_allowed ? 'any' : '1';
    if (element.min_value !== undefined) field.min = element.min_value;
    if (element.max_value !== undefined) field.max = element.max_value;
  }
  return field;
}

function image(element: ElementJson, place: Placement): HTMLElement {
  const picture = h(place.doc, 'img', 'bk-image-element');
  if (element.image_url !== undefined && isSafeLink(element.image_url)) picture.src = element.image_url;
  picture.alt = element.alt_text ?? '';
  return picture;
}

const RENDERERS: Record<string, Renderer> = {
  button,
  static_select: staticSelect,
  multi_static_select: staticSelect,
  users_select: usersSelect,
  multi_users_select: usersSelect,
  overflow,
  checkboxes: choiceGroup,
  radio_buttons: choiceGroup,
  datepicker: picker,
  timepicker: picker,
  plain_text_input: textField,
  email_text_input: textField,
  url_text_input: textField,
  number_input: textField,
  image,
};

/** Whether an element's state counts as empty for a required input. */
export function isEmpty(state: ElementState): boolean {
  if ('value' in state) return state.value === null || state.value === undefined || state.value.trim() === '';
  if ('selected_option' in state) return state.selected_option === null;
  if ('selected_user' in state) return state.selected_user === null;
  if ('selected_date' in state) return state.selected_date === null;
  if ('selected_time' in state) return state.selected_time === null;
  if (state.selected_options !== undefined) return state.selected_options.length === 0;
  if (state.selected_users !== undefined) return state.selected_users.length === 0;
  return false;
}
