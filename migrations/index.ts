import type { Migration } from 'kysely';
import * as cases from './20261123_0001_cases.js';
import * as deadlines from './20261123_0002_deadlines.js';
import * as intakeView from './20261123_0003_intake_view.js';
import * as stuckSteps from './20261124_0004_stuck_steps.js';
import * as playbookStaff from './20261202_0005_playbook_staff.js';
import * as compensations from './20261202_0006_compensations.js';
import * as followUps from './20261202_0007_follow_ups.js';
import * as closing from './20261203_0008_closing.js';
import * as retro from './20261203_0010_retro.js';
import * as actionItems from './20261203_0011_action_items.js';
import * as channelRestored from './20261203_0012_channel_restored.js';
import * as stats from './20261204_0013_stats.js';
import * as insight from './20261205_0014_insight.js';
import * as exportIndex from './20261205_0015_export.js';
import * as digestFailure from './20261205_0016_digest_failure.js';
import * as sourceMessages from './20261206_0017_source_messages.js';

/** Every migration, by name; names sort in the order they must run. Add new files here. */
export const migrations: Record<string, Migration> = {
  '20261123_0001_cases': cases,
  '20261123_0002_deadlines': deadlines,
  '20261123_0003_intake_view': intakeView,
  '20261124_0004_stuck_steps': stuckSteps,
  '20261202_0005_playbook_staff': playbookStaff,
  '20261202_0006_compensations': compensations,
  '20261202_0007_follow_ups': followUps,
  '20261203_0008_closing': closing,
  '20261203_0010_retro': retro,
  '20261203_0011_action_items': actionItems,
  '20261203_0012_channel_restored': channelRestored,
  '20261204_0013_stats': stats,
  '20261205_0014_insight': insight,
  '20261205_0015_export': exportIndex,
  '20261205_0016_digest_failure': digestFailure,
  '20261206_0017_source_messages': sourceMessages,
};
