import { createClock } from '../../embedded-host/clock';

describe('host clock', () => {
  it('runs scaled time: an hour of orchestration time passes in a tenth of a second at factor 36000', async () => {
    const clock = createClock({
      kind: 'scaled',
      factor: 36_000,
      startAt: Date.parse('2026-01-01T00:00:00Z'),
    });
    try {
      const started = Date.now();
      await new Promise<void>((resolve) => clock.schedule(clock.now() + 3_600_000, resolve));
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(clock.now()).toBeGreaterThanOrEqual(Date.parse('2026-01-01T01:00:00Z'));
    } finally {
      clock.dispose();
    }
  });

  it('fires manual-clock timers in time order only when advanced past them, and not once cancelled', async () => {
    const clock = createClock({ kind: 'manual', startAt: 0 });
    const fired: string[] = [];
    clock.schedule(2_000, () => fired.push('b'));
    clock.schedule(1_000, () => fired.push('a'));
    const cancel = clock.schedule(1_500, () => fired.push('cancelled'));
    cancel();
    await clock.advance(999);
    expect(fired).toEqual([]);
    await clock.advance(1_001);
    expect(fired).toEqual(['a', 'b']);
  });

  it('refuses advance() on a real clock with a hint', async () => {
    const clock = createClock({ kind: 'real' });
    await expect(clock.advance(1)).rejects.toThrow(/manual clock/);
    clock.dispose();
  });
});
