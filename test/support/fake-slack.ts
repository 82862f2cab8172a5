/** The fake Slack Web API for integration tests and benchmarks; see fake-slack/server.ts. */
export { FakeSlack, type CreateChannelOptions, type FakeSlackOptions } from './fake-slack/server.js';
export { FAKE_WORKSPACE } from './fake-slack/defaults.js';
export { SLACK_METHOD_TIERS, TIER_PER_MINUTE, type RateLimitOption, type RateLimitSettings } from './fake-slack/rate-limits.js';
export {
  FAKE_SLACK_LIMITS,
  blockLimitViolations,
  messageLimitViolations,
  viewLimitViolations,
  type LimitViolation,
} from './fake-slack/block-limits.js';
export type {
  FakeChannel,
  FakeDirectConversation,
  FakeEphemeral,
  FakeFile,
  FakeMessage,
  FakeUser,
  FakeView,
  InjectedFailure,
  RecordedCall,
} from './fake-slack/types.js';
