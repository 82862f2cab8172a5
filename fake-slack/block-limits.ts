/**
 * Slack's limits, checked the way Slack answers them: a list of violations, each with the
 * JSON pointer Slack puts in `response_metadata.messages`. This is the one implementation
 * of the checks: the fake Slack answers with it, and the builder tests ask it.
 *
 * The numbers are Slack's own, written down here independently of `src/blocks/limits.ts`
 * so that a wrong number in production code is caught, not agreed with. Lengths are
 * counted on the text as sent, in UTF-16 code units: Slack does not document whether
 * `&amp;` counts as one character or five, and five is the safe side.
 * Limits: https://docs.slack.dev/reference/block-kit/blocks,
 * https://docs.slack.dev/reference/views, https://docs.slack.dev/reference/methods/conversations.setTopic
 */

/** Slack's documented limits, as the fake enforces them. */
export const FAKE_SLACK_LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionId: 255,
  blockId: 255,
  selectOptions: 100,
  checkboxOptions: 10,
  optionText: 75,
  optionValue: 150,
  placeholder: 150,
  inputLabel: 2000,
  inputHint: 2000,
  textInputMaxLength: 3000,
  imageUrl: 3000,
  imageAltText: 2000,
  markdownText: 12_000,
  viewTitle: 24,
  viewButton: 24,
  callbackId: 255,
  externalId: 255,
  privateMetadata: 3000,
  messageText: 40_000,
  topic: 250,
  purpose: 250,
} as const;

const L = FAKE_SLACK_LIMITS;

export interface LimitViolation {
  message: string;
  pointer: string;
}

const KNOWN_BLOCK_TYPES = new Set([
  'actions',
  'call',
  'context',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'video',
]);

const OPTION_LIMITS: Record<string, number> = {
  static_select: L.selectOptions,
  multi_static_select: L.selectOptions,
  overflow: 5,
  radio_buttons: 10,
  checkboxes: L.checkboxOptions,
};

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

class Checker {
  readonly violations: LimitViolation[] = [];

  fail(pointer: string, message: string): void {
    this.violations.push({ pointer, message });
  }

  maxLength(value: unknown, pointer: string, max: number): void {
    if (typeof value === 'string' && value.length > max) {
      this.fail(pointer, `must be less than ${max + 1} characters`);
    }
  }

  /** A composition text object: `{ type: 'plain_text' | 'mrkdwn', text }`. */
  text(value: unknown, pointer: string, limits: { max: number; plainOnly?: boolean }): void {
    if (!isObject(value) || typeof value.text !== 'string') {
      this.fail(pointer, 'must be a text object with a string `text`');
      return;
    }
    if (value.type !== 'plain_text' && (limits.plainOnly === true || value.type !== 'mrkdwn')) {
      this.fail(`${pointer}/type`, `must be ${limits.plainOnly === true ? 'plain_text' : 'plain_text or mrkdwn'}`);
    }
    if (value.text.length === 0) this.fail(`${pointer}/text`, 'must be more than 0 characters');
    this.maxLength(value.text, `${pointer}/text`, limits.max);
  }

  element(element: unknown, pointer: string): void {
    if (!isObject(element) || typeof element.type !== 'string') {
      this.fail(pointer, 'must be an element object with a `type`');
      return;
    }
    this.maxLength(element.action_id, `${pointer}/action_id`, L.actionId);
    if (element.placeholder !== undefined) this.text(element.placeholder, `${pointer}/placeholder`, { max: L.placeholder, plainOnly: true });
    if (element.type === 'button') {
      this.text(element.text, `${pointer}/text`, { max: L.buttonText, plainOnly: true });
      this.maxLength(element.value, `${pointer}/value`, L.buttonValue);
      this.maxLength(element.url, `${pointer}/url`, L.buttonUrl);
    }
    const maxOptions = OPTION_LIMITS[element.type];
    if (maxOptions !== undefined) this.options(element, pointer, maxOptions);
    if (element.type === 'plain_text_input') this.textInput(element, pointer);
  }

  options(element: Json, pointer: string, maxOptions: number): void {
    if (element.options === undefined && element.option_groups !== undefined) return;
    if (!Array.isArray(element.options) || element.options.length === 0) {
      this.fail(`${pointer}/options`, 'must be a non-empty array');
      return;
    }
    const options: unknown[] = element.options;
    if (options.length > maxOptions) this.fail(`${pointer}/options`, `must be less than ${maxOptions + 1} items`);
    options.forEach((option, index) => this.option(option, `${pointer}/options/${index}`));
    if (isObject(element.initial_option)) {
      const initial = element.initial_option.value;
      if (!options.some((option) => isObject(option) && option.value === initial)) {
        this.fail(`${pointer}/initial_option`, 'must match one of the options');
      }
    }
  }

  textInput(element: Json, pointer: string): void {
    const maxLength = element.max_length;
    if (typeof maxLength === 'number' && maxLength > L.textInputMaxLength) {
      this.fail(`${pointer}/max_length`, `must be at most ${L.textInputMaxLength}`);
    }
    const allowed = typeof maxLength === 'number' ? Math.min(maxLength, L.textInputMaxLength) : L.textInputMaxLength;
    this.maxLength(element.initial_value, `${pointer}/initial_value`, allowed);
  }

  option(option: unknown, pointer: string): void {
    if (!isObject(option)) {
      this.fail(pointer, 'must be an option object');
      return;
    }
    this.text(option.text, `${pointer}/text`, { max: L.optionText });
    if (typeof option.value !== 'string') this.fail(`${pointer}/value`, 'must be a string');
    this.maxLength(option.value, `${pointer}/value`, L.optionValue);
  }

  block(block: unknown, pointer: string): void {
    if (!isObject(block) || typeof block.type !== 'string') {
      this.fail(pointer, 'must be a block object with a `type`');
      return;
    }
    if (!KNOWN_BLOCK_TYPES.has(block.type)) {
      this.fail(`${pointer}/type`, `unknown block type "${block.type}"`);
      return;
    }
    this.maxLength(block.block_id, `${pointer}/block_id`, L.blockId);
    switch (block.type) {
      case 'section':
        this.section(block, pointer);
        break;
      case 'header':
        this.text(block.text, `${pointer}/text`, { max: L.headerText, plainOnly: true });
        break;
      case 'context':
        this.elements(block.elements, `${pointer}/elements`, L.contextElements, (element, at) => {
          if (isObject(element) && (element.type === 'plain_text' || element.type === 'mrkdwn')) {
            this.text(element, at, { max: L.contextText });
          }
        });
        break;
      case 'actions':
        this.elements(block.elements, `${pointer}/elements`, L.actionsElements, (element, at) => this.element(element, at));
        this.uniqueActionIds(block.elements, `${pointer}/elements`);
        break;
      case 'input':
        this.text(block.label, `${pointer}/label`, { max: L.inputLabel, plainOnly: true });
        if (block.hint !== undefined) this.text(block.hint, `${pointer}/hint`, { max: L.inputHint, plainOnly: true });
        this.element(block.element, `${pointer}/element`);
        break;
      case 'image':
        this.maxLength(block.image_url, `${pointer}/image_url`, L.imageUrl);
        this.maxLength(block.alt_text, `${pointer}/alt_text`, L.imageAltText);
        break;
      case 'markdown':
        this.maxLength(block.text, `${pointer}/text`, L.markdownText);
        break;
    }
  }

  section(block: Json, pointer: string): void {
    if (block.text === undefined && block.fields === undefined) {
      this.fail(pointer, 'must provide either `text` or `fields`');
    }
    if (block.text !== undefined) this.text(block.text, `${pointer}/text`, { max: L.sectionText });
    if (block.fields !== undefined) {
      this.elements(block.fields, `${pointer}/fields`, L.sectionFields, (field, at) => this.text(field, at, { max: L.fieldText }));
    }
    if (block.accessory !== undefined) this.element(block.accessory, `${pointer}/accessory`);
  }

  elements(value: unknown, pointer: string, max: number, check: (element: unknown, at: string) => void): void {
    if (!Array.isArray(value) || value.length === 0) {
      this.fail(pointer, 'must be a non-empty array');
      return;
    }
    if (value.length > max) this.fail(pointer, `must be less than ${max + 1} items`);
    value.forEach((element, index) => check(element, `${pointer}/${index}`));
  }

  uniqueActionIds(elements: unknown, pointer: string): void {
    if (!Array.isArray(elements)) return;
    const seen = new Set<unknown>();
    elements.forEach((element, index) => {
      if (!isObject(element) || element.action_id === undefined) return;
      if (seen.has(element.action_id)) this.fail(`${pointer}/${index}/action_id`, 'must be unique within the block');
      seen.add(element.action_id);
    });
  }

  blocks(blocks: unknown, options: { maxBlocks: number; pointer: string }): void {
    if (!Array.isArray(blocks)) {
      this.fail(options.pointer, 'must be an array of blocks');
      return;
    }
    if (blocks.length > options.maxBlocks) {
      this.fail(options.pointer, `must be less than ${options.maxBlocks + 1} items`);
    }
    const blockIds = new Set<unknown>();
    blocks.forEach((block, index) => {
      const pointer = `${options.pointer}/${index}`;
      this.block(block, pointer);
      if (isObject(block) && block.block_id !== undefined) {
        if (blockIds.has(block.block_id)) this.fail(`${pointer}/block_id`, 'must be unique');
        blockIds.add(block.block_id);
      }
    });
  }
}

/**
 * Checks blocks against Slack's limits: at most `maxBlocks` (50 in a message, 100 in a modal
 * or home tab), known block types, unique block ids, and each block's text and element limits.
 *
 * @example
 * blockLimitViolations([{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }], { maxBlocks: 50, pointer: '/blocks' })
 * // → [{ pointer: '/blocks/0/text/text', message: 'must be less than 151 characters' }]
 */
export function blockLimitViolations(blocks: unknown, options: { maxBlocks: number; pointer: string }): LimitViolation[] {
  const checker = new Checker();
  checker.blocks(blocks, options);
  return checker.violations;
}

/**
 * Checks a message's `text` and `blocks` the way `chat.postMessage` does; `text` over the
 * limit is reported at `/text` (Slack answers it with `msg_too_long`, blocks with `invalid_blocks`).
 *
 * @example
 * messageLimitViolations({ text: 'x'.repeat(40_001) }) // → [{ pointer: '/text', message: 'must be less than 40001 characters' }]
 */
export function messageLimitViolations(message: { text?: unknown; blocks?: unknown }): LimitViolation[] {
  const checker = new Checker();
  checker.maxLength(message.text, '/text', L.messageText);
  if (message.blocks !== undefined) checker.blocks(message.blocks, { maxBlocks: L.blocksPerMessage, pointer: '/blocks' });
  return checker.violations;
}

/**
 * Slack's limits on a modal or home tab, as pointers under `/view`: its type, title and
 * buttons, ids and metadata, and its blocks (at most 100).
 *
 * @example
 * viewLimitViolations({ type: 'modal', title: { type: 'plain_text', text: 'x'.repeat(25) }, blocks: [] }, 'modal')
 * // → [{ pointer: '/view/title/text', message: 'must be less than 25 characters' }]
 */
export function viewLimitViolations(view: unknown, expectedType: 'modal' | 'home'): LimitViolation[] {
  const checker = new Checker();
  if (!isObject(view)) {
    checker.fail('/view', 'must be a view object');
    return checker.violations;
  }
  if (view.type !== expectedType) checker.fail('/view/type', `must be "${expectedType}"`);
  checker.maxLength(view.callback_id, '/view/callback_id', L.callbackId);
  checker.maxLength(view.private_metadata, '/view/private_metadata', L.privateMetadata);
  checker.maxLength(view.external_id, '/view/external_id', L.externalId);
  if (expectedType === 'modal') {
    if (view.title === undefined) checker.fail('/view/title', 'is required: a plain_text object');
    else checker.text(view.title, '/view/title', { max: L.viewTitle, plainOnly: true });
    for (const button of ['submit', 'close'] as const) {
      if (view[button] !== undefined) checker.text(view[button], `/view/${button}`, { max: L.viewButton, plainOnly: true });
    }
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((block) => isObject(block) && block.type === 'input');
    if (hasInput && view.submit === undefined) checker.fail('/view/submit', 'is required when the view has input blocks');
  }
  checker.blocks(view.blocks, { maxBlocks: L.blocksPerView, pointer: '/view/blocks' });
  return checker.violations;
}

/** Slack's rendering of violations in `response_metadata.messages`. */
export function violationMessages(violations: LimitViolation[]): string[] {
  return violations.map((violation) => `[ERROR] ${violation.message} [json-pointer:${violation.pointer}]`);
}
