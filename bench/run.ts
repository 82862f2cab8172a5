/**
 * `npm run bench`: acknowledgement latency, intake, reminder lateness, restart time, then
 * stats at a million cases, each against the real bot and the fake Slack; prints a summary
 * table. A missed target is reported, not an exit code. `npm run bench -- <name> [<name>…]`
 * runs only those (`ack`, `intake`, `reminders`, `restart`, `stats`). Intake runs after the
 * acknowledgement benchmark, in a process it has already warmed up.
 */
import os from 'node:os';
import { ACK_RATIO_TARGET, benchAckLatency, DEFAULT_ACK_OPTIONS, type AckLatencyResult } from './ack-latency.js';
import { BURST_PROVISIONING_RATIO_TARGET, BURST_RATE_LIMITED_SHARE_TARGET, BURST_REMINDER_P99_MARGIN_MS, benchBurst, DEFAULT_BURST_OPTIONS, type BurstResult } from './burst.js';
import { benchInsight, DEFAULT_INSIGHT_OPTIONS, STATS_90D_TARGET_MS, STATS_RATIO_TARGET, type InsightResult } from './insight.js';
import { benchIntake, DEFAULT_INTAKE_OPTIONS, INTAKE_P95_TARGET_MS, SUBMISSION_P99_TARGET_MS, type IntakeResult } from './intake.js';
import { benchReminderLateness, DEFAULT_REMINDER_OPTIONS, REMINDER_P99_TARGET_MS, type ReminderResult } from './reminder-lateness.js';
import { benchRestart, DEFAULT_RESTART_OPTIONS, RESTART_TARGET_MS, type RestartResult } from './restart.js';
import { ms } from './stats.js';

type Row = readonly [benchmark: string, measure: string, value: string, target: string];

const verdict = (met: boolean): string => (met ? 'MET' : 'NOT MET');

function ackRows(result: AckLatencyResult): Row[] {
  const { options } = result;
  const load = `${options.requests} x /complaint help, concurrency ${options.concurrency}, ${options.rounds} rounds`;
  return [
    ['ack latency', 'load', load, ''],
    ['', 'bare server p50 / p99', `${ms(result.bare.p50)} / ${ms(result.bare.p99)}`, ''],
    ['', 'bot p50 / p99', `${ms(result.bot.p50)} / ${ms(result.bot.p99)}`, ''],
    ['', 'failed requests bare / bot', `${result.failures.bare} / ${result.failures.bot}`, '0 / 0'],
    ['', 'p50 ratio bot / bare', `${(result.bot.p50 / result.bare.p50).toFixed(2)}x`, '(for information)'],
    ['', 'p99 ratio bot / bare', `${result.ratio.toFixed(2)}x`, `<= ${ACK_RATIO_TARGET}x: ${verdict(result.targetMet)}`],
  ];
}

function intakeRows(result: IntakeResult): Row[] {
  const n = result.options.complaints;
  const latency = result.toAnnouncement;
  const ack = result.submissionAck;
  const { duplicates } = result;
  return [
    ['intake', 'load', `${n} submissions at once`, ''],
    ['', 'submission answered p50 / p95', ack ? `${ms(ack.p50)} / ${ms(ack.p95)}` : 'none answered', ''],
    ['', 'submission answered p99', ack ? ms(ack.p99) : 'none answered', `< ${SUBMISSION_P99_TARGET_MS} ms, all answered: ${verdict(result.submissionTargetMet)}`],
    ['', 'to announcement p50', latency ? ms(latency.p50) : 'none arrived', ''],
    ['', 'to announcement max', latency ? ms(latency.max) : 'none arrived', ''],
    ['', 'rejected / unannounced', `${result.rejectedSubmissions} / ${result.unannounced}`, '0 / 0'],
    ['', 'cases / channels / announcements / cards', `${result.storedCases} / ${result.channels} / ${result.announcements} / ${result.cards}`, `${n} each`],
    ['', 'duplicate channels / announcements / cards', `${duplicates.channels} / ${duplicates.announcements} / ${duplicates.cards}`, '0 / 0 / 0'],
    ['', 'to announcement p95', latency ? ms(latency.p95) : 'none arrived', `< ${INTAKE_P95_TARGET_MS} ms, all complete: ${verdict(result.targetMet)}`],
  ];
}

function reminderRows(result: ReminderResult): Row[] {
  const { options, bot, floor } = result;
  const figures = (s: ReminderResult['bot']) => (s ? `${ms(s.p50)} / ${ms(s.p99)} / ${ms(s.max)}` : 'none arrived');
  const allowed = floor ? Math.min(REMINDER_P99_TARGET_MS, 1.5 * floor.p99 + 100) : REMINDER_P99_TARGET_MS;
  return [
    ['reminder lateness', 'load', `${options.cases} cases, reminders over ${options.spreadMs / 1000}s, concurrency ${options.concurrency}`, ''],
    ['', 'bare BullMQ floor p50 / p99 / max', figures(floor), ''],
    ['', 'bot DM p50 / p99 / max', figures(bot), `p99 < ${ms(allowed)}`],
    ['', 'p99 ratio bot / floor', bot && floor ? `${(bot.p99 / floor.p99).toFixed(2)}x` : '-', '(for information)'],
    ['', 'sent / missing / duplicates', `${result.sent} / ${result.missing} / ${result.duplicates}`, `${options.cases} / 0 / 0`],
    ['', 'Redis bytes per pending job', `${Math.round(result.redisBytesPerPendingJob)} (${result.pendingJobs} jobs)`, ''],
    ['', 'target', '', verdict(result.targetMet)],
  ];
}

function restartRows(result: RestartResult): Row[] {
  const { restarts } = result;
  return [
    ['restart', 'load', `npm start with unchanged sources, ${result.options.restarts} times`, ''],
    ['', 'first start (compiles if needed)', ms(result.firstStartMs), '(for information)'],
    ['', 'spawn to /healthz 200, each run', result.samples.map(ms).join(', '), ''],
    ['', 'p50 / max', `${ms(restarts.p50)} / ${ms(restarts.max)}`, `max <= ${ms(RESTART_TARGET_MS)}: ${verdict(result.targetMet)}`],
  ];
}

function burstRows(result: BurstResult): Row[] {
  const { options } = result;
  const figures = (s: BurstResult['announcement']) => (s ? `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}` : 'none arrived');
  const ratio = result.provisionedAllMs === undefined ? undefined : result.provisionedAllMs / result.shortestMs;
  const share = result.calls ? result.rateLimited / result.calls : 0;
  const byMethod = Object.entries(result.rateLimitedByMethod).map(([method, n]) => `${method} ${n}`).join(', ');
  const { duplicates } = result;
  const quiet = result.remindersQuiet;
  const burst = result.remindersDuringBurst;
  const reminderMet = quiet !== undefined && burst !== undefined && burst.p99 <= quiet.p99 + BURST_REMINDER_P99_MARGIN_MS;
  return [
    ['burst', 'load', `${options.complaints} complaints over ${options.spreadMs / 1000}s, ${options.reminders} reminders due meanwhile, Slack's limits on`, ''],
    ['', 'shortest provisioning the limits allow', ms(result.shortestMs), '(for information)'],
    ['', 'all provisioned after', result.provisionedAllMs === undefined ? `not within ${options.timeoutMs / 1000}s (${result.provisioned})` : ms(result.provisionedAllMs), ''],
    ['', 'ratio to the shortest', ratio === undefined ? '-' : `${ratio.toFixed(2)}x`, `<= ${BURST_PROVISIONING_RATIO_TARGET}x: ${verdict(ratio !== undefined && ratio <= BURST_PROVISIONING_RATIO_TARGET)}`],
    ['', 'announcement after submission p50 / p95 / p99', figures(result.announcement), '(for information)'],
    ['', '429s met / calls', `${result.rateLimited} / ${result.calls} (${(share * 100).toFixed(2)}%)${byMethod ? `: ${byMethod}` : ''}`, `<= ${BURST_RATE_LIMITED_SHARE_TARGET * 100}%: ${verdict(share <= BURST_RATE_LIMITED_SHARE_TARGET)}`],
    ['', 'duplicate channels / announcements / cards', `${duplicates.channels} / ${duplicates.announcements} / ${duplicates.cards}`, '0 / 0 / 0'],
    ['', 'reminders quiet p50 / p99 (missing)', quiet ? `${ms(quiet.p50)} / ${ms(quiet.p99)} (${result.remindersMissing.quiet})` : 'none arrived', ''],
    ['', 'reminders during burst p50 / p99 (missing)', burst ? `${ms(burst.p50)} / ${ms(burst.p99)} (${result.remindersMissing.burst})` : 'none arrived', `p99 <= quiet + ${BURST_REMINDER_P99_MARGIN_MS} ms: ${verdict(reminderMet)}`],
    ['', 'target', '', verdict(result.targetMet)],
  ];
}

function insightRows(result: InsightResult): Row[] {
  const { options, seed } = result;
  const seeding = seed.seededNow ? `${seed.seedSeconds.toFixed(0)} s, this run` : `reused (seeded ${seed.seededAt.toISOString().slice(0, 16)}Z in ${seed.seedSeconds.toFixed(0)} s)`;
  const rows: Row[] = [
    ['stats', 'load', `${options.cases} cases over two years (+${options.otherCases} of another workspace), ${options.runs} runs per period`, ''],
    ['', 'seeding (in SQL)', seeding, '(for information)'],
  ];
  for (const timing of result.timings) {
    rows.push(
      ['', `${timing.period} bot end to end p50 / p95`, `${ms(timing.bot.p50)} / ${ms(timing.bot.p95)}`, timing.period === '90d' ? `p50 < ${STATS_90D_TARGET_MS} ms: ${verdict(timing.bot.p50 < STATS_90D_TARGET_MS)}` : ''],
      ['', `${timing.period} hand-written SQL p50 / p95`, `${ms(timing.sql.p50)} / ${ms(timing.sql.p95)}`, ''],
      ['', `${timing.period} p50 ratio bot / SQL`, `${timing.ratio.toFixed(2)}x`, `<= ${STATS_RATIO_TARGET}x: ${verdict(timing.ratio <= STATS_RATIO_TARGET)}`],
    );
  }
  const { crossCheck } = result;
  rows.push(
    ['', 'failed answers', String(result.failedAnswers), '0'],
    ['', '30d figures: hand-written vs loadStats', crossCheck.differences.length ? `${crossCheck.differences.length} of ${crossCheck.compared} differ` : `all ${crossCheck.compared} the same`, 'all the same'],
    ['', 'target', '', verdict(result.targetMet)],
  );
  return rows;
}

const BENCHMARKS = ['ack', 'intake', 'reminders', 'burst', 'restart', 'stats'] as const;
type BenchmarkName = (typeof BENCHMARKS)[number];

function chosen(args: readonly string[]): Set<BenchmarkName> {
  const unknown = args.filter((arg) => !(BENCHMARKS as readonly string[]).includes(arg));
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(', ')}; choose from ${BENCHMARKS.join(', ')}`);
  return new Set((args.length ? args : BENCHMARKS) as BenchmarkName[]);
}

function printTable(rows: readonly Row[]): void {
  const header: Row = ['benchmark', 'measure', 'value', 'target'];
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]?.length ?? 0)));
  const line = (row: Row): string => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

/** The machine's load before each benchmark: its figures move with whatever else the machine is doing. */
function printLoad(): string {
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' / ');
  console.log(`  load average before it (1/5/15 min): ${load}`);
  return load;
}

/** A benchmark's rows with the load before it as its second row. */
function withLoad(load: string, [first, ...rest]: Row[]): Row[] {
  return first === undefined ? rest : [first, ['', 'load average before (1/5/15 min)', load, ''], ...rest];
}

async function main(): Promise<void> {
  const run = chosen(process.argv.slice(2));
  console.log(`Anthill benchmarks · Node ${process.version} · ${os.cpus().length} CPUs · ${os.platform()} ${os.arch()}`);
  const rows: Row[] = [];
  if (run.has('ack')) {
    console.log('\nAcknowledgement latency: bot vs bare signature-checking server');
    const load = printLoad();
    rows.push(...withLoad(load, ackRows(await benchAckLatency(DEFAULT_ACK_OPTIONS))));
  }
  if (run.has('intake')) {
    console.log('\nIntake: complaints submitted at once, until their team-channel announcements');
    const load = printLoad();
    rows.push(...withLoad(load, intakeRows(await benchIntake(DEFAULT_INTAKE_OPTIONS))));
  }
  if (run.has('reminders')) {
    console.log('\nReminder lateness: due instant to DM at the fake Slack, against bare BullMQ delayed jobs');
    const load = printLoad();
    rows.push(...withLoad(load, reminderRows(await benchReminderLateness(DEFAULT_REMINDER_OPTIONS))));
  }
  if (run.has('burst')) {
    console.log("\nBurst: complaints over a minute under Slack's limits, with reminders falling due");
    const load = printLoad();
    rows.push(...withLoad(load, burstRows(await benchBurst(DEFAULT_BURST_OPTIONS))));
  }
  if (run.has('restart')) {
    console.log('\nRestart: npm start with unchanged sources, spawn to /healthz 200');
    const load = printLoad();
    rows.push(...withLoad(load, restartRows(await benchRestart(DEFAULT_RESTART_OPTIONS))));
  }
  if (run.has('stats')) {
    console.log('\nStats: /complaint stats 30d and 90d end to end at a million cases, against a hand-written SQL statement');
    const load = printLoad();
    rows.push(...withLoad(load, insightRows(await benchInsight(DEFAULT_INSIGHT_OPTIONS))));
  }
  console.log('\nSummary');
  printTable(rows);
}

main().then(
  () => {
    process.exitCode = 0;
  },
  (error: unknown) => {
    console.error('benchmark failed:', error);
    process.exitCode = 1;
  },
);
