// The bursts entity's reducer: what the driver, the agent-events trigger and the watchdog tell it, in any order and
// more than once, leaves one consistent record per burst.
import type { BurstsEntityState, BurstsOperation } from '../../contract/bursts';
import { allBurstsDone, applyBurstsOperation, initialBurstsState } from '../../entities/bursts-state';

const ID = 'run-1:compute-01-x';
const register: BurstsOperation = {
  type: 'register',
  scenario: { runId: 'run-1', scenarioId: 'compute-01-x', createdAt: 't0', expiresAt: 't9' },
  principal: { appId: 'app-1', secretName: 'scenario-sp-x-secret' },
  deadlineMinutes: 20,
  crashRetries: 1,
  latestBurstStart: '2026-12-07T20:00:00.000Z',
  fireAt: ['2026-12-07T07:00:00.000Z', '2026-12-07T09:00:00.000Z', '2026-12-07T11:00:00.000Z'],
};
const apply = (ops: BurstsOperation[], from: BurstsEntityState = initialBurstsState(ID)) =>
  ops.reduce(applyBurstsOperation, from);
const at = '2026-12-07T07:01:00.000Z';

describe('bursts entity', () => {
  it('registers the schedule once; a redelivered register changes nothing', () => {
    const once = apply([register]);
    expect(once.bursts.map((b) => [b.burst, b.status, b.fireAt])).toEqual([
      [0, 'scheduled', '2026-12-07T07:00:00.000Z'],
      [1, 'scheduled', '2026-12-07T09:00:00.000Z'],
      [2, 'scheduled', '2026-12-07T11:00:00.000Z'],
    ]);
    const started = apply([{ type: 'started', burst: 0, executionName: 'e0', at }], once);
    expect(apply([register], started)).toBe(started);
  });

  it("takes the running execution's outcome, and ignores a duplicate or another execution's", () => {
    const s = apply([
      register,
      { type: 'started', burst: 0, executionName: 'e0', at },
      { type: 'outcome', burst: 0, at, succeeded: true, executionName: 'other' },
    ]);
    expect(s.bursts[0]!.status).toBe('running');
    const done = apply([{ type: 'outcome', burst: 0, at, succeeded: true, executionName: 'e0' }], s);
    expect(done.bursts[0]).toMatchObject({ status: 'succeeded', endedAt: at });
    expect(apply([{ type: 'outcome', burst: 0, at, succeeded: false, executionName: 'e0' }], done)).toBe(
      done,
    );
  });

  it('never ends a burst before the driver started it (the agent stamps its own clock) and records one report', () => {
    const s = apply([
      register,
      { type: 'started', burst: 0, executionName: 'e0', at: '2026-12-07T09:30:00.000Z' },
      { type: 'outcome', burst: 0, at, succeeded: true, executionName: 'e0' },
    ]);
    expect(s.bursts[0]).toMatchObject({ status: 'succeeded', endedAt: '2026-12-07T09:30:00.000Z' });
    const reported = apply([{ type: 'reported', at: '2026-12-07T09:31:00.000Z' }], s);
    expect(reported.reportedAt).toBe('2026-12-07T09:31:00.000Z');
    expect(apply([{ type: 'reported', at: '2026-12-07T09:40:00.000Z' }], reported)).toBe(reported);
  });

  it('keeps an outcome that arrives before the start is recorded, and applies it then', () => {
    const s = apply([
      register,
      { type: 'outcome', burst: 0, at, succeeded: false, executionName: 'e0', error: 'step 2 failed' },
      { type: 'started', burst: 0, executionName: 'e0', at },
    ]);
    expect(s.bursts[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/step 2 failed/) });
    expect(s.bursts[0]!.early).toBeUndefined();
  });

  it('schedules a crashed burst again until the retries are spent; the late word of a crashed execution is ignored', () => {
    const crash = (name: string): BurstsOperation => ({
      type: 'crashed',
      burst: 0,
      at,
      executionName: name,
      reason: `execution ${name} ended Failed without reporting`,
    });
    const once = apply([register, { type: 'started', burst: 0, executionName: 'e0', at }, crash('e0')]);
    expect(once.bursts[0]).toMatchObject({ status: 'scheduled', attempt: 2 });
    const late = apply([{ type: 'outcome', burst: 0, at, succeeded: true, executionName: 'e0' }], once);
    expect(late.bursts[0]!.status).toBe('scheduled');
    expect(late.bursts[0]!.early).toBeUndefined();
    const twice = apply([{ type: 'started', burst: 0, executionName: 'e1', at }, crash('e1')], late);
    expect(twice.bursts[0]).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/ended without reporting 2 time\(s\)/),
    });
    expect(twice.bursts[0]!.crashes.map((c) => c.executionName)).toEqual(['e0', 'e1']);
  });

  it('skips the later bursts after one timed out, and is done once every burst has its outcome', () => {
    const s = apply([
      register,
      { type: 'started', burst: 0, executionName: 'e0', at },
      { type: 'timedOut', burst: 0, at, error: 'agent job e0 did not report' },
    ]);
    expect(s.bursts.map((b) => b.status)).toEqual(['timedOut', 'skipped', 'skipped']);
    expect(allBurstsDone(s)).toBe(true);
    expect(allBurstsDone(apply([register]))).toBe(false);
  });
});
