// Scenario orchestration histories recorded with the code of main before issue 15 (ee019b5) by
// history/record-histories.ts, replayed through today's orchestrator: it must decide the same actions in the same
// order, reach the same output and leave the same custom status, or an instance in flight during an update would
// fail as non-deterministic.
import fs from 'node:fs';
import path from 'node:path';
import { replayThroughOrchestrator, type RecordedHistory } from './history/replay';

const fixture = JSON.parse(
  fs.readFileSync(path.join(__dirname, 'fixtures', 'scenario-histories-ee019b5.json'), 'utf8'),
) as { recordedWith: string; histories: RecordedHistory[] };

describe(`scenario histories recorded with ${fixture.recordedWith}`, () => {
  it('covers the paths that matter (success, timeouts, failures, retries, force deletion)', () => {
    expect(fixture.histories.map((h) => h.instanceId.split(':')[1])).toEqual([
      'compute-01-happy',
      'compute-02-deploy-timeout',
      'compute-03-burst-timeout',
      'compute-04-deploy-failed',
      'compute-05-roles-denied',
      'compute-06-flaky-provision',
    ]);
  });

  it.each(fixture.histories.map((h) => [h.instanceId, h] as const))(
    'replays %s to the same actions, output and custom status',
    async (_id, recorded) => {
      const now = await replayThroughOrchestrator(recorded);
      expect(now.isDone).toBe(true);
      expect(now.actions).toEqual(recorded.actions);
      expect(now.output).toEqual(recorded.output);
      expect(now.customStatus).toEqual(recorded.customStatus);
    },
  );
});
