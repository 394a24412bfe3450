// The office-hours profile: its text form, local time in a zone (daylight saving, half-hour offsets) and the weights.
import {
  activityWeight,
  localWeekdayAndHour,
  OFFICE_HOURS_WEIGHTS,
  parseOfficeHours,
  type OfficeHours,
} from '../../core/office-hours';

const at = (iso: string) => Date.parse(iso);

describe('parseOfficeHours', () => {
  it('reads a zone, a day range and the busy hours', () => {
    expect(parseOfficeHours('Europe/Berlin Mon-Fri 09-17')).toEqual({
      ok: true,
      profile: {
        timeZone: 'Europe/Berlin',
        workingDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
        busyFrom: 9,
        busyTo: 17,
      },
    });
  });

  it('wraps a day range over the week end', () => {
    const parsed = parseOfficeHours('Asia/Jerusalem sun-thu 8-16');
    expect(parsed.ok && parsed.profile.workingDays).toEqual(['Sun', 'Mon', 'Tue', 'Wed', 'Thu']);
  });

  it.each([
    ['Mars/Olympus Mon-Fri 09-17', 'IANA time zone'],
    ['Europe/Berlin Mon-Fri 17-09', 'end after they start'],
    ['Europe/Berlin Mon-Fri 09-25', ''],
    ['Europe/Berlin Mon-Fry 09-17', 'must read'],
    ['weekdays 9 to 5', 'must read'],
  ])('refuses %s', (text, message) => {
    const parsed = parseOfficeHours(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toContain(message);
  });
});

describe('localWeekdayAndHour', () => {
  it('follows daylight saving (Berlin, 29 March 2026)', () => {
    expect(localWeekdayAndHour(at('2026-03-29T00:30:00Z'), 'Europe/Berlin')).toEqual({
      weekday: 'Sun',
      hour: 1,
    });
    expect(localWeekdayAndHour(at('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toEqual({
      weekday: 'Sun',
      hour: 3,
    });
  });

  it('handles half-hour offsets and the date line', () => {
    expect(localWeekdayAndHour(at('2026-12-07T03:30:00Z'), 'Asia/Kolkata')).toEqual({
      weekday: 'Mon',
      hour: 9,
    });
    expect(localWeekdayAndHour(at('2026-12-07T02:00:00Z'), 'America/New_York')).toEqual({
      weekday: 'Sun',
      hour: 21,
    });
  });
});

describe('activityWeight', () => {
  const berlin: OfficeHours = {
    timeZone: 'Europe/Berlin',
    workingDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
    busyFrom: 9,
    busyTo: 17,
  };
  it('weighs busy hours, other working hours and rest days', () => {
    expect(activityWeight(at('2026-12-07T09:00:00Z'), berlin)).toBe(OFFICE_HOURS_WEIGHTS.busy); // Mon 10:00
    expect(activityWeight(at('2026-12-07T16:00:00Z'), berlin)).toBe(OFFICE_HOURS_WEIGHTS.workingDay); // Mon 17:00
    expect(activityWeight(at('2026-12-06T10:00:00Z'), berlin)).toBe(OFFICE_HOURS_WEIGHTS.restDay); // Sun 11:00
  });
});
