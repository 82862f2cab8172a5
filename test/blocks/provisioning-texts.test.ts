import { describe, expect, it } from 'vitest';
import { caseOpenedText, cardStuckText, caseTopic, provisioningStuckText } from '../../src/blocks/provisioning-texts.js';

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

  it('explains a stuck set-up, naming the channel when there is one and how to retry', () => {
    expect(provisioningStuckText(42, 'a channel Anthill needs is archived', 'C0CASE042', '1 Dec, 10:05')).toBe(
      'Complaint #42 is saved, but Anthill could not finish setting it up in Slack: a channel Anthill needs is archived. ' +
        'Its channel is <#C0CASE042>. An administrator has to fix this. Anthill tries again at 1 Dec, 10:05, ' +
        'then less and less often; once the cause is fixed, `/complaint retry #42` tries at once.',
    );
    expect(provisioningStuckText(42, 'Slack refused a request (<odd>)', null, '1 Dec, 10:05')).toContain('(&lt;odd&gt;). An administrator');
  });

  it('says in the channel that the card is out of date', () => {
    expect(cardStuckText('Updating the card', 'the <card> was deleted')).toContain('Updating the card failed: the &lt;card&gt; was deleted.');
});
});
