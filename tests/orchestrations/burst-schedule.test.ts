import { burstOffsetsMs } from '../../orchestrations/burst-schedule';

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
