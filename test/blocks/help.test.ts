import { parseComplaintCommand } from '../../src/slack/commands/parse-arguments.js';
import { describe, expect, it } from 'vitest';
import { WORKING_SUBCOMMANDS, helpText, usageError } from '../../src/blocks/help.js';
import { escapeMrkdwn } from '../../src/blocks/plain-text.js';
import { ATTACK, ATTACK_ESCAPED, findUnsafe } from './fixtures.js';

describe('helpText', () => {
  it('lists every working subcommand and nothing unfinished', () => {
    expect(WORKING_SUBCOMMANDS.map((s) => s.name)).toEqual([
      'new', 'help', 'list', 'show', 'take', 'assign', 'responded', 'note', 'severity', 'escalate', 'resolve', 'reopen', 'retry',
    ]);
    // Everything help lists is understood by the router.
    for (const sub of WORKING_SUBCOMMANDS) expect(parseComplaintCommand(sub.name).kind).not.toBe('unknown');
    const text = helpText();
    for (const sub of WORKING_SUBCOMMANDS) expect(text).toContain(`\`${escapeMrkdwn(sub.usage)}\``);
    expect(text).toContain('/complaint list [open|mine|overdue]');
    expect(text).toContain('#42');
    expect(text).not.toMatch(/coming soon|compensate|retro|stats|export/i);
  });
});

describe('usageError', () => {
  it('echoes the input and points to help', () => {
    const text = usageError('frobnicate now');
    expect(text.split('\n')[0]).toBe('I don\'t know "frobnicate now". Try `/complaint help`');
    expect(text).toContain('`/complaint note &lt;text&gt;`');
  });

  it('escapes the echoed input', () => {
    const text = usageError(ATTACK);
    expect(text).toContain(`"${ATTACK_ESCAPED}"`);
    expect(findUnsafe(text)).toEqual([]);
  });

  it('keeps a long input short', () => {
    expect(usageError('x'.repeat(5000)).length).toBeLessThan(1500);
  });
});
