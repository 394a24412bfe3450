// Starting a run: the one place a run id is chosen and the run orchestration started, for the API, the schedule and
// the CLI alike.
import { randomUUID } from 'node:crypto';
import type { RunRequest } from '../contract/activities';
import { RUN_ORCHESTRATION } from '../contract/orchestrations';
import type { DurableClientPort } from './durable-client-port';
import { onDemandRunInstanceId } from './run-instance-id';

export interface StartRunOptions {
  /** The caller's clock: an on-demand run id carries its start time. */
  now: Date;
  /** The id to use (a schedule slot's, or one a test tags resources for); otherwise one is made from `now`. */
  runId?: string;
}

/** Starts the run orchestration for `request` and returns the run id (= the instance id). */
export async function startRun(
  client: Pick<DurableClientPort, 'startNew'>,
  request: RunRequest,
  options: StartRunOptions,
): Promise<string> {
  const runId = options.runId ?? onDemandRunInstanceId(options.now, randomUUID());
  await client.startNew(RUN_ORCHESTRATION, { instanceId: runId, input: request });
  return runId;
}
