import { describe, expect, it } from 'vitest';
import { caseOpenedText, caseTopic, provisioningStoppedText } from '../../src/blocks/provisioning-texts.js';

describe('caseTopic', () => {
  it('is number, severity and summary, escaped', () => {
    expect(caseTopic({ number: 42, severity: 'high', summary: 'Tom & Jerry <!here>' })).toBe('Complaint #42 · high · Tom &amp; Jerry &lt;!here&gt;');
  });

  it('counts the 250 characters after escaping, and never cuts an entity', () => {
    const topic = caseTopic({ number: 7, severity: 'critical', summary: '<b>&</b>'.repeat(19).slice(0, 150) });
    expect(topic.length).toBeLessThanOrEqual(250);
    expect(topic.endsWith('…')).toBe(true);
    expect(topic.slice(0, -1)).toMatch(/^Complaint #7 · critical · (&lt;|&gt;|&amp;|[b/])+$/);
  });
});

describe('DMs to the reporter', () => {
  it('says where the case lives', () => {
    expect(caseOpenedText(42, 'C0CASE042')).toBe('Complaint #42 is open in <#C0CASE042>. The team has been told.');
  });

  it('explains a stopped set-up, naming the channel when there is one', () => {
    expect(provisioningStoppedText(42, 'a channel Anthill needs is archived', 'C0CASE042')).toBe(
      'Complaint #42 is saved, but Anthill could not finish setting it up in Slack: a channel Anthill needs is archived. ' +
        'Its channel is <#C0CASE042>. An administrator has to fix this; Anthill tries again when it restarts.',
    );
    expect(provisioningStoppedText(42, 'Slack refused a request (<odd>)', null)).toContain('(&lt;odd&gt;). An administrator');
  });
});
