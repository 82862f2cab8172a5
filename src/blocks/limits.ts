import type { KnownBlock, View } from '@slack/types';

/** Slack's Block Kit limits; a payload over any of them is refused with `invalid_blocks`. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  placeholder: 150,
  inputLabel: 2000,
  inputHint: 2000,
  textInputMaxLength: 3000,
  viewTitle: 24,
  viewButton: 24,
  callbackId: 255,
  privateMetadata: 3000,
  /** Slack truncates a message's `text` beyond this. */
  messageText: 40_000,
} as const;

type Json = Record<string, unknown>;

/**
 * Every way `blocks` break Slack's limits, as readable lines (empty when none).
 *
 * @example
 * limitViolations([{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }])
 * // ['blocks[0] (header): text is 151 characters, limit 150']
 */
export function limitViolations(blocks: readonly unknown[], maxBlocks: number = SLACK_LIMITS.blocksPerMessage): string[] {
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks, limit ${maxBlocks}`);
  const blockIds = new Set<string>();
  blocks.forEach((block, index) => {
    const where = `blocks[${index}] (${String((block as Json).type)})`;
    const report = (problem: string): void => {
      problems.push(`${where}: ${problem}`);
    };
    const blockId = (block as Json).block_id;
    if (typeof blockId === 'string') {
      checkLength(report, 'block_id', blockId, SLACK_LIMITS.blockId);
      if (blockIds.has(blockId)) report(`block_id "${blockId}" is used twice`);
      blockIds.add(blockId);
    }
    checkBlock(block as Json, report);
  });
  return problems;
}

/** Throws, listing every problem, when `blocks` break Slack's limits. */
export function assertWithinLimits(blocks: readonly KnownBlock[], maxBlocks: number = SLACK_LIMITS.blocksPerMessage): void {
  const problems = limitViolations(blocks, maxBlocks);
  if (problems.length > 0) throw new Error(`Block Kit limits exceeded:\n${problems.join('\n')}`);
}

/** Throws, listing every problem, when a modal breaks Slack's limits. */
export function assertViewWithinLimits(view: View): void {
  const problems = limitViolations(view.blocks, SLACK_LIMITS.blocksPerView);
  const report = (problem: string): void => {
    problems.push(`view: ${problem}`);
  };
  if (view.type === 'modal') {
    checkLength(report, 'title', view.title.text, SLACK_LIMITS.viewTitle);
    if (view.submit) checkLength(report, 'submit', view.submit.text, SLACK_LIMITS.viewButton);
    if (view.close) checkLength(report, 'close', view.close.text, SLACK_LIMITS.viewButton);
  }
  if (view.callback_id !== undefined) checkLength(report, 'callback_id', view.callback_id, SLACK_LIMITS.callbackId);
  if (view.private_metadata !== undefined) {
    checkLength(report, 'private_metadata', view.private_metadata, SLACK_LIMITS.privateMetadata);
  }
  if (problems.length > 0) throw new Error(`Block Kit limits exceeded:\n${problems.join('\n')}`);
}

type Report = (problem: string) => void;

function checkBlock(block: Json, report: Report): void {
  switch (block.type) {
    case 'section':
      checkSection(block, report);
      break;
    case 'header':
      checkText(report, 'text', block.text, SLACK_LIMITS.headerText);
      break;
    case 'context': {
      const elements = asArray(block.elements);
      if (elements.length === 0 || elements.length > SLACK_LIMITS.contextElements) {
        report(`${elements.length} elements, allowed 1-${SLACK_LIMITS.contextElements}`);
      }
      elements.forEach((element, i) => {
        if (element.type !== 'image') checkText(report, `elements[${i}]`, element, SLACK_LIMITS.sectionText);
      });
      break;
    }
    case 'actions': {
      const elements = asArray(block.elements);
      if (elements.length === 0 || elements.length > SLACK_LIMITS.actionsElements) {
        report(`${elements.length} elements, allowed 1-${SLACK_LIMITS.actionsElements}`);
      }
      elements.forEach((element, i) => checkElement(element, `elements[${i}]`, report));
      break;
    }
    case 'input':
      checkText(report, 'label', block.label, SLACK_LIMITS.inputLabel);
      if (block.hint !== undefined) checkText(report, 'hint', block.hint, SLACK_LIMITS.inputHint);
      checkElement(block.element as Json, 'element', report);
      break;
  }
}

function checkSection(block: Json, report: Report): void {
  if (block.text === undefined && block.fields === undefined) report('needs text or fields');
  if (block.text !== undefined) checkText(report, 'text', block.text, SLACK_LIMITS.sectionText);
  if (block.fields !== undefined) {
    const fields = asArray(block.fields);
    if (fields.length === 0 || fields.length > SLACK_LIMITS.sectionFields) {
      report(`${fields.length} fields, allowed 1-${SLACK_LIMITS.sectionFields}`);
    }
    fields.forEach((field, i) => checkText(report, `fields[${i}]`, field, SLACK_LIMITS.fieldText));
  }
  if (block.accessory !== undefined) checkElement(block.accessory as Json, 'accessory', report);
}

function checkElement(element: Json, where: string, report: Report): void {
  if (typeof element.action_id === 'string') {
    checkLength(report, `${where}.action_id`, element.action_id, SLACK_LIMITS.actionId);
  }
  if (element.placeholder !== undefined) {
    checkText(report, `${where}.placeholder`, element.placeholder, SLACK_LIMITS.placeholder);
  }
  switch (element.type) {
    case 'button':
      checkText(report, `${where}.text`, element.text, SLACK_LIMITS.buttonText);
      if (typeof element.value === 'string') {
        checkLength(report, `${where}.value`, element.value, SLACK_LIMITS.buttonValue);
      }
      break;
    case 'static_select':
    case 'multi_static_select': {
      const options = asArray(element.options);
      if (options.length === 0 || options.length > SLACK_LIMITS.selectOptions) {
        report(`${where}: ${options.length} options, allowed 1-${SLACK_LIMITS.selectOptions}`);
      }
      options.forEach((option, i) => checkOption(option, `${where}.options[${i}]`, report));
      if (element.initial_option !== undefined) {
        const initial = element.initial_option as Json;
        if (!options.some((option) => option.value === initial.value)) {
          report(`${where}.initial_option is not one of the options`);
        }
      }
      break;
    }
    case 'plain_text_input': {
      const maxLength = element.max_length;
      if (typeof maxLength === 'number' && maxLength > SLACK_LIMITS.textInputMaxLength) {
        report(`${where}.max_length is ${maxLength}, limit ${SLACK_LIMITS.textInputMaxLength}`);
      }
      if (typeof element.initial_value === 'string' && typeof maxLength === 'number') {
        checkLength(report, `${where}.initial_value`, element.initial_value, maxLength);
      }
      break;
    }
  }
}

function checkOption(option: Json, where: string, report: Report): void {
  checkText(report, `${where}.text`, option.text, SLACK_LIMITS.optionText);
  if (typeof option.value !== 'string') report(`${where}.value is missing`);
  else checkLength(report, `${where}.value`, option.value, SLACK_LIMITS.optionValue);
}

function checkText(report: Report, where: string, textObject: unknown, max: number): void {
  const text = (textObject as Json | undefined)?.text;
  if (typeof text !== 'string' || text.length === 0) {
    report(`${where} has no text`);
    return;
  }
  checkLength(report, where, text, max);
}

function checkLength(report: Report, where: string, text: string, max: number): void {
  if (text.length > max) report(`${where} is ${text.length} characters, limit ${max}`);
}

function asArray(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}
