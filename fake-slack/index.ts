/** The fake Slack Web API for the tests, the benchmarks and the sandbox; see server.ts. */
export { FakeSlack, type CreateChannelOptions, type FakeSlackOptions } from './server.js';
export { FAKE_WORKSPACE } from './defaults.js';
export { SLACK_METHOD_TIERS, TIER_PER_MINUTE, type RateLimitOption, type RateLimitSettings } from './rate-limits.js';
export {
  FAKE_SLACK_LIMITS,
  blockLimitViolations,
  messageLimitViolations,
  viewLimitViolations,
  type LimitViolation,
} from './block-limits.js';
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
} from './types.js';
