import { describe, expect, it } from 'vitest';
import { AnthillMetrics, knownSlackMethod, observeBoth } from '../../src/metrics/anthill-metrics.js';
import { knownJobKind } from '../../src/jobs/job-kinds.js';
import { sample } from '../support/metrics-scrape.js';

describe('AnthillMetrics', () => {
  it('keeps each instance in a registry of its own', async () => {
    const first = new AnthillMetrics();
    const second = new AnthillMetrics();
    first.jobFinished({ kind: 'sync-case' }, 'completed', 0.02);
    expect(sample(await first.registry.metrics(), 'anthill_job_duration_seconds_count', { kind: 'sync-case', outcome: 'completed' })).toBe(1);
    expect(sample(await second.registry.metrics(), 'anthill_job_duration_seconds_count', { kind: 'sync-case' })).toBeUndefined();
  });

  it('bounds its labels: known job kinds and Slack methods, else unknown and other', async () => {
    expect(knownJobKind({ kind: 'deadline-warning' })).toBe('deadline-warning');
    expect(knownJobKind({ kind: 'reconcile' })).toBe('reconcile');
    expect(knownJobKind({ kind: 'drop table cases' })).toBe('unknown');
    expect(knownJobKind(null)).toBe('unknown');
    expect(knownJobKind('deadline-warning')).toBe('unknown');
    expect(knownSlackMethod('conversations.create')).toBe('conversations.create');
    expect(knownSlackMethod('chat.postMessage')).toBe('chat.postMessage');
    expect(knownSlackMethod('admin.users.remove')).toBe('other');
    expect(knownSlackMethod('toString')).toBe('other');

    const metrics = new AnthillMetrics();
    const seen: string[] = [];
    const observer = observeBoth(metrics.slackObserver, { onCall: (call) => seen.push(call.method) });
    observer.onCall({ method: 'admin.users.remove', outcome: 'error', durationMs: 5, slackError: 'not_allowed_token_type' });
    observer.onCall({ method: 'chat.update', outcome: 'rate_limited', durationMs: 5 });
    const text = await metrics.registry.metrics();
    expect(seen).toEqual(['admin.users.remove', 'chat.update']);
    expect(sample(text, 'anthill_slack_calls_total', { method: 'other', outcome: 'error' })).toBe(1);
    expect(sample(text, 'anthill_slack_calls_total', { method: 'chat.update', outcome: 'rate_limited' })).toBe(1);
    expect(text).not.toContain('admin.users');
    expect(text).not.toContain('not_allowed');
  });

  it('observes reminder lateness in seconds, never below zero', async () => {
    const metrics = new AnthillMetrics();
    const due = new Date('2026-12-02T10:00:00Z');
    metrics.reminderSent('warning', due, new Date(due.getTime() + 40));
    metrics.reminderSent('warning', due, new Date(due.getTime() - 500));
    metrics.reminderSent('breach', due, new Date(due.getTime() + 90_000));
    const text = await metrics.registry.metrics();
    expect(sample(text, 'anthill_reminder_lateness_seconds_bucket', { kind: 'warning', le: '0.01' })).toBe(1);
    expect(sample(text, 'anthill_reminder_lateness_seconds_bucket', { kind: 'warning', le: '0.05' })).toBe(2);
    expect(sample(text, 'anthill_reminder_lateness_seconds_sum', { kind: 'warning' })).toBeCloseTo(0.04);
    expect(sample(text, 'anthill_reminder_lateness_seconds_bucket', { kind: 'breach', le: '60' })).toBe(0);
    expect(sample(text, 'anthill_reminder_lateness_seconds_bucket', { kind: 'breach', le: '120' })).toBe(1);
  });
});
