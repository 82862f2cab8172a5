import {
  FAKE_SLACK_LIMITS,
  blockLimitViolations,
  messageLimitViolations,
  viewLimitViolations,
  violationMessages,
  type LimitViolation,
} from '../../fake-slack/block-limits.js';

/**
 * Assertions for builder tests, asking the fake Slack's own checks (the one implementation
 * of Slack's limits), so a builder is held to exactly what the fake Slack would refuse.
 *
 * @example
 * expectMessageWithinLimits(announcementMessage(input));
 * expectViewWithinLimits(intakeModal({ categories }));
 */

function failOn(what: string, violations: LimitViolation[]): void {
  if (violations.length > 0) throw new Error(`${what} breaks Slack's limits:\n${violationMessages(violations).join('\n')}`);
}

/** A message's `text` and `blocks`, as `chat.postMessage` and `chat.update` check them. */
export function expectMessageWithinLimits(message: { text?: string; blocks?: readonly unknown[] }): void {
  failOn('message', messageLimitViolations(message));
}

/** Blocks of a message (at most 50). */
export function expectBlocksWithinLimits(blocks: readonly unknown[]): void {
  failOn('blocks', blockLimitViolations(blocks, { maxBlocks: FAKE_SLACK_LIMITS.blocksPerMessage, pointer: '/blocks' }));
}

/** A modal, as `views.open` checks it; a Home, as `views.publish` does. */
export function expectViewWithinLimits(view: unknown, type: 'modal' | 'home' = 'modal'): void {
  failOn('view', viewLimitViolations(view, type));
}

/** A channel topic, as `conversations.setTopic` checks it. */
export function expectTopicWithinLimits(topic: string): void {
  if (topic.length > FAKE_SLACK_LIMITS.topic) throw new Error(`topic is ${topic.length} characters, limit ${FAKE_SLACK_LIMITS.topic}`);
}
