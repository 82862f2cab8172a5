import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '../../src/domain/case-event.js';
import { EVENT_TEXT_LENGTH, eventLine, timelineText } from '../../src/blocks/event-lines.js';
import { createWords } from '../../src/i18n/words.js';

const words = createWords({ language: 'en', timeZone: 'Europe/Warsaw', currency: 'PLN' });
const polish = createWords({ language: 'pl', timeZone: 'Europe/Warsaw', currency: 'PLN' });

type EventView = Pick<CaseEvent, 'kind' | 'actorId' | 'data'>;
const by = (kind: EventView['kind'], data: EventView['data']): EventView => ({ kind, actorId: 'U0AAA0001', data });

describe('eventLine', () => {
  it('mentions the people of an event the way every builder does', () => {
    expect(eventLine(words, by('owner_changed', { to: 'U0BBB0002' }))).toBe('<@U0AAA0001> assigned the case to <@U0BBB0002>.');
    expect(eventLine(words, by('owner_changed', { to: 'U0AAA0001' }))).toBe('<@U0AAA0001> took ownership.');
  });

  it('says someone when there is no actor, and never pings a malformed id', () => {
    expect(eventLine(words, { kind: 'note', actorId: null, data: { text: 'x' } })).toBe('someone noted: x');
    expect(eventLine(words, { kind: 'note', actorId: '<!channel>', data: { text: 'x' } })).toBe('&lt;!channel&gt; noted: x');
  });

  it('escapes and bounds what a person typed, keeping the pings after it', () => {
    const line = eventLine(words, by('escalated', { reason: '<'.repeat(5000), leads: ['U0LEAD001'] }));
    expect(line).toMatch(/^:mega: <@U0AAA0001> escalated the case: (&lt;)+…\. <@U0LEAD001>: a central decision is needed\.$/);
    expect(line!.length).toBeLessThan(EVENT_TEXT_LENGTH + 200);
  });

  it('names severities in the team’s language, and shows odd stored values escaped', () => {
    expect(eventLine(words, by('severity_changed', { from: 'high', to: 'critical' }))).toBe(
      '<@U0AAA0001> changed the severity from High to Critical; deadlines moved.',
    );
    expect(eventLine(words, by('severity_changed', { from: 'high', to: '<!here>' }))).toBe(
      '<@U0AAA0001> changed the severity from High to &lt;!here&gt;; deadlines moved.',
    );
  });

  it('asks the leads by name to step in at a breach, or all leads when the event names none', () => {
    expect(eventLine(words, { kind: 'deadline_breached', actorId: null, data: { deadline: 'first_response', leads: ['U0LEAD001'] } })).toBe(
      ':rotating_light: The first-response deadline passed. <@U0LEAD001>, please step in.',
    );
    expect(eventLine(words, { kind: 'deadline_breached', actorId: null, data: { deadline: 'resolution', leads: [] } })).toBe(
      ':rotating_light: The resolution deadline passed. Leads, please step in.',
    );
  });

  it('has no line for what the card already shows, but a timeline text for it', () => {
    expect(eventLine(words, by('opened', { severity: 'high' }))).toBeUndefined();
    expect(timelineText(words, by('opened', { severity: 'high' }))).toBe('<@U0AAA0001> opened the case (High).');
  });
});

describe('channel lines in Polish', () => {
  it.each<[string, EventView, string]>([
    ['taking the case', by('owner_changed', { to: 'U0AAA0001' }), '<@U0AAA0001> przejmuje tę reklamację.'],
    ['assigning it', by('owner_changed', { to: 'U0BBB0002' }), '<@U0AAA0001> przekazuje reklamację, opiekunem jest teraz <@U0BBB0002>.'],
    ['the first response', by('responded', {}), '<@U0AAA0001> wysyła klientowi pierwszą odpowiedź.'],
    ['the first response with a note', by('responded', { note: 'Zadzwoniłam o 10:05' }), '<@U0AAA0001> wysyła klientowi pierwszą odpowiedź: Zadzwoniłam o 10:05'],
    ['a note', by('note', { text: 'Klient prosi o zwrot' }), '<@U0AAA0001> dodaje notatkę: Klient prosi o zwrot'],
    [
      'a severity change',
      by('severity_changed', { from: 'high', to: 'critical' }),
      '<@U0AAA0001> zmienia priorytet: Wysoki → Krytyczny. Terminy się przesuwają.',
    ],
    [
      'an escalation to one lead',
      by('escalated', { reason: 'duża strata', leads: ['U0LEAD001'] }),
      ':mega: <@U0AAA0001> eskaluje reklamację: duża strata. <@U0LEAD001>, potrzebna jest twoja decyzja.',
    ],
    [
      'an escalation to two leads',
      by('escalated', { leads: ['U0LEAD001', 'U0LEAD002'] }),
      ':mega: <@U0AAA0001> eskaluje reklamację. <@U0LEAD001> <@U0LEAD002>, potrzebna jest wasza decyzja.',
    ],
    ['resolving', by('resolved', { how: 'Zwrot 120 zł' }), ':white_check_mark: <@U0AAA0001> oznacza reklamację jako rozwiązaną: Zwrot 120 zł'],
    ['reopening', by('reopened', {}), '<@U0AAA0001> otwiera reklamację ponownie. Biegnie nowy termin rozwiązania.'],
    [
      'reopening with a reason',
      by('reopened', { reason: 'klient oddzwonił' }),
      '<@U0AAA0001> otwiera reklamację ponownie: klient oddzwonił. Biegnie nowy termin rozwiązania.',
    ],
    [
      'a breach, to one lead',
      { kind: 'deadline_breached', actorId: null, data: { deadline: 'first_response', leads: ['U0LEAD001'] } },
      ':rotating_light: Minął termin pierwszej odpowiedzi. <@U0LEAD001>, zajmij się tym, proszę.',
    ],
    [
      'a breach, to two leads',
      { kind: 'deadline_breached', actorId: null, data: { deadline: 'resolution', leads: ['U0LEAD001', 'U0LEAD002'] } },
      ':rotating_light: Minął termin rozwiązania. <@U0LEAD001> <@U0LEAD002>, zajmijcie się tym, proszę.',
    ],
    ['a note by nobody known', { kind: 'note', actorId: null, data: { text: 'x' } }, 'ktoś dodaje notatkę: x'],
  ])('%s', (_, event, line) => {
    expect(eventLine(polish, event)).toBe(line);
  });

  it('the timeline of /complaint show says the opening and Slack’s problems', () => {
    expect(timelineText(polish, by('opened', { severity: 'critical' }))).toBe('<@U0AAA0001> otwiera reklamację (priorytet: Krytyczny).');
    expect(timelineText(polish, { kind: 'slack_problem', actorId: null, data: { step: 'dm', user: 'U0REP0002', error: 'channel_not_found' } })).toBe(
      'Slack nie dostarczył wiadomości bezpośredniej do <@U0REP0002> (channel_not_found).',
    );
    expect(timelineText(polish, { kind: 'slack_problem', actorId: null, data: { error: 'missing_scope' } })).toBe(
      'Slack odrzucił jeden z kroków przygotowania reklamacji (missing_scope).',
    );
    expect(timelineText(polish, { kind: 'slack_problem', actorId: null, data: { step: 'card', error: 'message_not_found' } })).toMatch(
      /^:construction: Utknął krok „.+”: .+ \(`message_not_found`\)\.$/,
    );
  });
});
