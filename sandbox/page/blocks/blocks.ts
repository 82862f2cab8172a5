import { documentOf, h, isSafeLink } from './dom.js';
import { renderElement, type ElementJson } from './elements.js';
import { FormState } from './form-state.js';
import { plainTextIn, textIn, type TextObject } from './text.js';
import type { RenderContext } from './types.js';

/** The fields of a block this renderer reads; Slack's JSON, loosely typed. */
interface BlockJson {
  type: string;
  block_id?: string;
  text?: TextObject;
  fields?: TextObject[];
  accessory?: ElementJson;
  elements?: (ElementJson | TextObject)[];
  element?: ElementJson;
  label?: TextObject;
  hint?: TextObject;
  optional?: boolean;
  dispatch_action?: boolean;
  image_url?: string;
  alt_text?: string;
  title?: TextObject;
}

/** What every block renderer is handed. */
interface BlockPlace {
  doc: Document;
  ctx: RenderContext;
  state: FormState;
  /** The block's id, or one made up from its position as Slack makes one up. */
  blockId: string;
}

/** An input block's parts the modal needs after rendering: where errors go, whether it may be empty. */
export interface InputSlot {
  blockId: string;
  actionId: string;
  optional: boolean;
  error: HTMLElement;
}

/**
 * A message's blocks as Slack draws them. Every block is a `.bk-block` with its type and
 * block id in `data-type`/`data-block-id`; a block type this renderer does not know is
 * shown as such, so a sandbox user sees that something was sent.
 *
 * @example
 * channelView.append(renderBlocks(message.blocks, { userName, channelName, onAction }));
 */
export function renderBlocks(blocks: unknown[], ctx: RenderContext): HTMLElement {
  const doc = documentOf(ctx);
  return renderBlockList(doc, blocks, { ...ctx, document: doc }, new FormState(), []);
}

export function renderBlockList(doc: Document, blocks: unknown[], ctx: RenderContext, state: FormState, inputs: InputSlot[]): HTMLElement {
  const list = h(doc, 'div', 'bk bk-blocks');
  for (const [index, raw] of blocks.entries()) {
    const block = raw as BlockJson;
    const place: BlockPlace = { doc, ctx, state, blockId: block.block_id ?? `block-${index}` };
    const rendered = renderBlock(block, place, inputs);
    rendered.classList.add('bk-block');
    rendered.dataset['type'] = String(block.type);
    rendered.dataset['blockId'] = place.blockId;
    list.append(rendered);
  }
  return list;
}

function renderBlock(block: BlockJson, place: BlockPlace, inputs: InputSlot[]): HTMLElement {
  const { doc } = place;
  switch (block.type) {
    case 'header':
      return h(doc, 'div', 'bk-header', plainTextIn(doc, block.text ?? { text: '' }));
    case 'divider':
      return h(doc, 'hr', 'bk-divider');
    case 'section':
      return section(block, place);
    case 'context':
      return h(doc, 'div', 'bk-context', ...(block.elements ?? []).map((element) => contextElement(element, place)));
    case 'actions':
      return h(doc, 'div', 'bk-actions', ...(block.elements ?? []).map((element, index) => renderElement(element as ElementJson, elementPlace(place, index, true))));
    case 'image':
      return imageBlock(block, doc);
    case 'input':
      return inputBlock(block, place, inputs);
    default:
      return h(doc, 'div', 'bk-unsupported', `Unsupported block: ${String(block.type)}`);
  }
}

function elementPlace(place: BlockPlace, index: number, dispatches: boolean, inputId?: string) {
  return { ...place, fallbackActionId: `${place.blockId}-action-${index}`, dispatches, ...(inputId !== undefined && { inputId }) };
}

function section(block: BlockJson, place: BlockPlace): HTMLElement {
  const { doc, ctx } = place;
  const body = h(doc, 'div', 'bk-section-body');
  if (block.text) body.append(h(doc, 'div', 'bk-section-text', textIn(doc, block.text, ctx)));
  if (block.fields && block.fields.length > 0) {
    body.append(h(doc, 'div', 'bk-fields', ...block.fields.map((field) => h(doc, 'div', 'bk-field', textIn(doc, field, ctx)))));
  }
  const parts: HTMLElement[] = [body];
  if (block.accessory) parts.push(h(doc, 'div', 'bk-accessory', renderElement(block.accessory, elementPlace(place, 0, true))));
  return h(doc, 'div', 'bk-section', ...parts);
}

function contextElement(element: ElementJson | TextObject, place: BlockPlace): Node {
  const { doc, ctx } = place;
  if (element.type === 'image') {
    const picture = element as ElementJson;
    const img = h(doc, 'img', 'bk-context-image');
    if (picture.image_url !== undefined && isSafeLink(picture.image_url)) img.src = picture.image_url;
    img.alt = picture.alt_text ?? '';
    return img;
  }
  return h(doc, 'span', 'bk-context-text', textIn(doc, element as TextObject, ctx));
}

function imageBlock(block: BlockJson, doc: Document): HTMLElement {
  const img = h(doc, 'img', 'bk-image');
  if (block.image_url !== undefined && isSafeLink(block.image_url)) img.src = block.image_url;
  img.alt = block.alt_text ?? '';
  const figure = h(doc, 'figure', 'bk-image-block');
  if (block.title) figure.append(h(doc, 'figcaption', 'bk-image-title', plainTextIn(doc, block.title)));
  figure.append(img);
  return figure;
}

/** Ties each input block's label to its field; unique on the page, however many views it shows. */
let inputCount = 0;

/** A labelled field, its hint and the place for its error; it sends actions only with `dispatch_action`. */
function inputBlock(block: BlockJson, place: BlockPlace, inputs: InputSlot[]): HTMLElement {
  const { doc } = place;
  inputCount += 1;
  const inputId = `bk-input-${inputCount}`;
  const label = h(doc, 'label', 'bk-input-label', plainTextIn(doc, block.label ?? { text: '' }));
  label.htmlFor = inputId;
  if (block.optional) label.append(h(doc, 'span', 'bk-input-optional', ' (optional)'));
  const element = block.element ?? { type: 'plain_text_input' };
  const field = renderElement(element, elementPlace(place, 0, block.dispatch_action === true, inputId));
  const error = h(doc, 'div', 'bk-input-error');
  error.hidden = true;
  inputs.push({ blockId: place.blockId, actionId: field.dataset['actionId'] ?? '', optional: block.optional === true, error });
  const parts: HTMLElement[] = [label, field];
  if (block.hint) parts.push(h(doc, 'div', 'bk-input-hint', plainTextIn(doc, block.hint)));
  parts.push(error);
  return h(doc, 'div', 'bk-input', ...parts);
}
