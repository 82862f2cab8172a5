import { describe, expect, it } from 'vitest';
import { userErrorText } from '../../src/blocks/user-error-text.js';
import { userError } from '../../src/domain/user-error.js';

describe('userErrorText', () => {
  it('adds the mention and the command where they help', () => {
    expect(userErrorText(userError('already_owner', 'That person already owns case #4.', { caseNumber: 4, ownerId: 'U0AAA0001' }))).toBe('<@U0AAA0001> already owns case #4.');
    expect(userErrorText(userError('no_case_here', 'plain', { verb: 'show' }))).toBe('This is not a case channel. Name the case: `/complaint show #42`.');
    expect(userErrorText(userError('empty_note', 'plain'))).toContain('`/complaint note &lt;text&gt;`');
  });

  it('never builds a mention from an id that is not a user id', () => {
    expect(userErrorText(userError('already_owner', 'That person already owns case #4.', { caseNumber: 4, ownerId: '<!channel>' }))).toBe('That person already owns case #4.');
  });

  it('passes every other message through, escaped', () => {
    expect(userErrorText(userError('case_closed', 'Case #3 is closed. Reopen it first.'))).toBe('Case #3 is closed. Reopen it first.');
    expect(userErrorText(userError('odd', 'Use <this> & that'))).toBe('Use &lt;this&gt; &amp; that');
  });
});
