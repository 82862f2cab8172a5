/**
 * Slack's Block Kit limits, checked the way Slack answers them: a list of violations, each
 * with the JSON pointer Slack puts in `response_metadata.messages`.
 * Limits: https://docs.slack.dev/reference/block-kit/blocks
 */

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
  static_select: 100,
  multi_static_select: 100,
  overflow: 5,
  radio_buttons: 10,
  checkboxes: 10,
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
    this.maxLength(element.action_id, `${pointer}/action_id`, 255);
    if (element.placeholder !== undefined) this.text(element.placeholder, `${pointer}/placeholder`, { max: 150, plainOnly: true });
    if (element.type === 'button') {
      this.text(element.text, `${pointer}/text`, { max: 75, plainOnly: true });
      this.maxLength(element.value, `${pointer}/value`, 2000);
      this.maxLength(element.url, `${pointer}/url`, 3000);
    }
    const maxOptions = OPTION_LIMITS[element.type];
    if (maxOptions !== undefined && Array.isArray(element.options)) {
      if (element.options.length > maxOptions) this.fail(`${pointer}/options`, `must be less than ${maxOptions + 1} items`);
      element.options.forEach((option, index) => this.option(option, `${pointer}/options/${index}`));
    }
    if (element.type === 'plain_text_input' && typeof element.max_length === 'number' && element.max_length > 3000) {
      this.fail(`${pointer}/max_length`, 'must be at most 3000');
    }
  }

  option(option: unknown, pointer: string): void {
    if (!isObject(option)) {
      this.fail(pointer, 'must be an option object');
      return;
    }
    this.text(option.text, `${pointer}/text`, { max: 75 });
    this.maxLength(option.value, `${pointer}/value`, 150);
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
    this.maxLength(block.block_id, `${pointer}/block_id`, 255);
    switch (block.type) {
      case 'section':
        this.section(block, pointer);
        break;
      case 'header':
        this.text(block.text, `${pointer}/text`, { max: 150, plainOnly: true });
        break;
      case 'context':
        this.elements(block.elements, `${pointer}/elements`, 10, (element, at) => {
          if (isObject(element) && (element.type === 'plain_text' || element.type === 'mrkdwn')) {
            this.text(element, at, { max: 3000 });
          }
        });
        break;
      case 'actions':
        this.elements(block.elements, `${pointer}/elements`, 25, (element, at) => this.element(element, at));
        this.uniqueActionIds(block.elements, `${pointer}/elements`);
        break;
      case 'input':
        this.text(block.label, `${pointer}/label`, { max: 2000, plainOnly: true });
        if (block.hint !== undefined) this.text(block.hint, `${pointer}/hint`, { max: 2000, plainOnly: true });
        this.element(block.element, `${pointer}/element`);
        break;
      case 'image':
        this.maxLength(block.image_url, `${pointer}/image_url`, 3000);
        this.maxLength(block.alt_text, `${pointer}/alt_text`, 2000);
        break;
      case 'markdown':
        this.maxLength(block.text, `${pointer}/text`, 12000);
        break;
    }
  }

  section(block: Json, pointer: string): void {
    if (block.text === undefined && block.fields === undefined) {
      this.fail(pointer, 'must provide either `text` or `fields`');
    }
    if (block.text !== undefined) this.text(block.text, `${pointer}/text`, { max: 3000 });
    if (block.fields !== undefined) {
      this.elements(block.fields, `${pointer}/fields`, 10, (field, at) => this.text(field, at, { max: 2000 }));
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
  if (!Array.isArray(blocks)) {
    checker.fail(options.pointer, 'must be an array of blocks');
    return checker.violations;
  }
  if (blocks.length > options.maxBlocks) {
    checker.fail(options.pointer, `must be less than ${options.maxBlocks + 1} items`);
  }
  const blockIds = new Set<unknown>();
  blocks.forEach((block, index) => {
    const pointer = `${options.pointer}/${index}`;
    checker.block(block, pointer);
    if (isObject(block) && block.block_id !== undefined) {
      if (blockIds.has(block.block_id)) checker.fail(`${pointer}/block_id`, 'must be unique');
      blockIds.add(block.block_id);
    }
  });
  return checker.violations;
}

/** Slack's rendering of violations in `response_metadata.messages`. */
export function violationMessages(violations: LimitViolation[]): string[] {
  return violations.map((violation) => `[ERROR] ${violation.message} [json-pointer:${violation.pointer}]`);
}
