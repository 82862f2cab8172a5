import { describe, expect, it } from 'vitest';
import { checkRetroForm, everyoneAnswered, isCalendarDay, retroParticipants, summaryDueAt, type RetroForm, type RetroRequest } from '../../src/domain/retro.js';

const TODAY = '2026-12-03';
const good: RetroForm = { rootCause: 'process_gap', rootCauseDetail: '', wentWell: 'Fast answer', lesson: 'Check photos', change: '' };

describe('checkRetroForm', () => {
  it('keeps a complete form, trimmed, without a procedure change', () => {
    expect(checkRetroForm({ ...good, wentWell: '  Fast answer \n' }, TODAY)).toEqual({
      ok: true,
      notes: { rootCause: 'process_gap', rootCauseDetail: '', wentWell: 'Fast answer', lesson: 'Check photos' },
    });
  });

  it('keeps a procedure change given whole, due today or later', () => {
    const checked = checkRetroForm({ ...good, change: ' Photograph parcels ', changeOwnerId: 'U0AAA0001', changeDueOn: TODAY }, TODAY);
    expect(checked).toMatchObject({ ok: true, notes: { change: { description: 'Photograph parcels', ownerId: 'U0AAA0001', dueOn: TODAY } } });
  });

  it('names each missing answer on its field', () => {
    expect(checkRetroForm({ rootCauseDetail: '', wentWell: ' ', lesson: '', change: '' }, TODAY)).toEqual({
      ok: false,
      errors: { rootCause: 'required', wentWell: 'required', lesson: 'required' },
    });
  });

  it('refuses a cause that is not on the list, and Other without words', () => {
    expect(checkRetroForm({ ...good, rootCause: 'gremlins' }, TODAY)).toEqual({ ok: false, errors: { rootCause: 'required' } });
    expect(checkRetroForm({ ...good, rootCause: 'other' }, TODAY)).toEqual({ ok: false, errors: { rootCauseDetail: 'detail_required' } });
    expect(checkRetroForm({ ...good, rootCause: 'other', rootCauseDetail: 'A storm' }, TODAY).ok).toBe(true);
  });

  it('asks for all three parts of a procedure change or none', () => {
    expect(checkRetroForm({ ...good, changeOwnerId: 'U0AAA0001' }, TODAY)).toEqual({ ok: false, errors: { change: 'change_incomplete', changeDue: 'change_incomplete' } });
    expect(checkRetroForm({ ...good, change: 'x', changeDueOn: TODAY }, TODAY)).toEqual({ ok: false, errors: { changeOwner: 'change_incomplete' } });
  });

  it('refuses a day before today in the workspace zone, and a day that does not exist', () => {
    const change = { change: 'x', changeOwnerId: 'U0AAA0001' };
    expect(checkRetroForm({ ...good, ...change, changeDueOn: '2026-12-02' }, TODAY)).toEqual({ ok: false, errors: { changeDue: 'date_past' } });
    expect(checkRetroForm({ ...good, ...change, changeDueOn: '2026-02-30' }, TODAY)).toEqual({ ok: false, errors: { changeDue: 'date_invalid' } });
    expect(checkRetroForm({ ...good, ...change, changeDueOn: 'tomorrow' }, TODAY)).toEqual({ ok: false, errors: { changeDue: 'date_invalid' } });
  });

  it('refuses answers longer than the form allows', () => {
    expect(checkRetroForm({ ...good, lesson: 'x'.repeat(2001) }, TODAY)).toEqual({ ok: false, errors: { lesson: 'too_long' } });
  });
});

describe('isCalendarDay', () => {
  it.each([
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
  ])('%s → %s', (day, expected) => {
    expect(isCalendarDay(day)).toBe(expected);
  });
});

describe('retroParticipants', () => {
  it('asks the owner, the reporter, the approvers and every actor once each, never the bot', () => {
    expect(
      retroParticipants(
        { ownerId: 'U0OWNER01', reporterId: 'U0REP0001', approverIds: ['U0LEAD001', 'U0HEAD001', 'U0LEAD001'], deciderIds: ['U0LEAD001'], actorIds: ['U0REP0001', 'UBOT', 'U0AAA0001', 'U0OWNER01'] },
        'UBOT',
      ),
    ).toEqual(['U0OWNER01', 'U0REP0001', 'U0LEAD001', 'U0HEAD001', 'U0AAA0001']);
  });

  it('has no owner to ask while nobody owns the case', () => {
    expect(retroParticipants({ ownerId: null, reporterId: 'U0REP0001', approverIds: [], deciderIds: [], actorIds: [] }, 'UBOT')).toEqual(['U0REP0001']);
  });
});

describe('when the summary is due', () => {
  const due = new Date('2026-12-04T10:00:00Z');
  const asked = new Date('2026-12-03T10:00:05Z');
  const request = (answeredAt: string | null, unreachable = false): RetroRequest => ({
    recipient: 'U1',
    askedAt: asked,
    remindedAt: null,
    unreachableAt: unreachable ? asked : null,
    answeredAt: answeredAt === null ? null : new Date(answeredAt),
  });

  it('is the due time while anyone reachable has not answered', () => {
    const requests = [request('2026-12-03T11:00:00Z'), request(null)];
    expect(everyoneAnswered(requests)).toBe(false);
    expect(summaryDueAt({ retroDueAt: due, retroAskedAt: asked }, requests)).toEqual(due);
  });

  it('is the last answer once everyone reachable has answered', () => {
    const requests = [request('2026-12-03T11:00:00Z'), request('2026-12-03T12:00:00Z'), request(null, true)];
    expect(summaryDueAt({ retroDueAt: due, retroAskedAt: asked }, requests)).toEqual(new Date('2026-12-03T12:00:00Z'));
  });

  it('waits for the asking to finish, and never comes after the due time', () => {
    const requests = [request('2026-12-03T11:00:00Z')];
    expect(summaryDueAt({ retroDueAt: due, retroAskedAt: null }, requests)).toEqual(due);
    expect(summaryDueAt({ retroDueAt: due, retroAskedAt: new Date('2026-12-05T00:00:00Z') }, requests)).toEqual(due);
  });
});
