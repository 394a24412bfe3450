import { burstOffsetsMs } from '../../orchestrations/burst-schedule';
import { localWeekdayAndHour, type OfficeHours } from '../../core/office-hours';

const MINUTE = 60_000;

describe('burst schedule', () => {
  const options = { windowMinutes: 480, bursts: 8, burstDeadlineMinutes: 20, seed: 'run-1:compute-01-vm' };

  it('places one burst per slot so each deadline ends before the next slot', () => {
    const offsets = burstOffsetsMs(options);
    expect(offsets).toHaveLength(8);
    offsets.forEach((offset, i) => {
      expect(offset).toBeGreaterThanOrEqual(i * 60 * MINUTE);
      expect(offset + 20 * MINUTE).toBeLessThanOrEqual((i + 1) * 60 * MINUTE);
      expect(offset % 1000).toBe(0);
    });
  });

  it('gives the same seed the same times and another scenario different times', () => {
    expect(burstOffsetsMs(options)).toEqual(burstOffsetsMs({ ...options }));
    expect(burstOffsetsMs(options)).not.toEqual(
      burstOffsetsMs({ ...options, seed: 'run-1:storage-02-blob' }),
    );
  });

  it('keeps the order and bounds in a window shorter than the bursts need', () => {
    const offsets = burstOffsetsMs({ ...options, windowMinutes: 60, bursts: 8 });
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(offsets.every((o, i) => o === Math.floor((i * 7.5 * MINUTE) / 1000) * 1000)).toBe(true);
  });

  it('schedules nothing for zero bursts', () => {
    expect(burstOffsetsMs({ ...options, bursts: 0 })).toEqual([]);
  });

  it('scales with the window without changing the number of bursts', () => {
    const long = burstOffsetsMs({ ...options, windowMinutes: 4800 });
    expect(long).toHaveLength(8);
    expect(long.at(-1)!).toBeGreaterThan(7 * 600 * MINUTE);
  });
});

describe('burst schedule with an office-hours profile', () => {
  const berlin: OfficeHours = {
    timeZone: 'Europe/Berlin',
    workingDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
    busyFrom: 9,
    busyTo: 17,
  };
  // A week from Monday 00:00 in Berlin (23:00 UTC on Sunday 6 December 2026).
  const week = {
    windowMinutes: 7 * 24 * 60,
    bursts: 60,
    burstDeadlineMinutes: 20,
    seed: 'run-1:compute-01-vm',
    windowStartMs: Date.parse('2026-12-06T23:00:00Z'),
  };
  const inBusyHours = (offsets: number[]) =>
    offsets.filter((o) => {
      const { weekday, hour } = localWeekdayAndHour(week.windowStartMs + o, berlin.timeZone);
      return berlin.workingDays.includes(weekday) && hour >= 9 && hour < 17;
    }).length / offsets.length;

  it('crowds the bursts into busy hours of working days (an even spread puts a quarter there)', () => {
    const even = burstOffsetsMs(week);
    const office = burstOffsetsMs({ ...week, officeHours: berlin });
    // Busy hours are 40 of the week's 168 hours; weighted 6 : 1 : 0.25 they carry 240/332 of the activity.
    expect(inBusyHours(even)).toBeLessThan(0.35);
    expect(inBusyHours(office)).toBeGreaterThan(0.6);
    expect(inBusyHours(office)).toBeLessThan(0.85);
  });

  it('keeps bursts ordered, in whole seconds, inside the window and a deadline apart', () => {
    const offsets = burstOffsetsMs({ ...week, officeHours: berlin });
    expect(offsets).toHaveLength(60);
    for (let i = 0; i < offsets.length; i++) {
      expect(offsets[i]! % 1000).toBe(0);
      expect(offsets[i]! + 20 * MINUTE).toBeLessThanOrEqual(week.windowMinutes * MINUTE);
      if (i > 0) expect(offsets[i]! - offsets[i - 1]!).toBeGreaterThanOrEqual(20 * MINUTE - 1000);
    }
  });

  it('is reproducible from the seed and differs between scenarios', () => {
    const options = { ...week, officeHours: berlin };
    expect(burstOffsetsMs(options)).toEqual(burstOffsetsMs({ ...options }));
    expect(burstOffsetsMs(options)).not.toEqual(
      burstOffsetsMs({ ...options, seed: 'run-1:storage-02-blob' }),
    );
  });

  it('places one burst per equal slot when the whole window weighs the same (a Saturday)', () => {
    const saturday = Date.parse('2026-12-05T08:00:00Z');
    const offsets = burstOffsetsMs({
      ...week,
      windowMinutes: 480,
      bursts: 8,
      windowStartMs: saturday,
      officeHours: berlin,
    });
    expect(offsets).toHaveLength(8);
    offsets.forEach((offset, i) => {
      expect(offset).toBeGreaterThanOrEqual(i * 60 * MINUTE);
      expect(offset).toBeLessThan((i + 1) * 60 * MINUTE + 20 * MINUTE);
    });
  });
});
