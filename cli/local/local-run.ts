// The run `haymaker start` drives on the embedded host: which run (rewind a failed one, resume an unfinished one, or
// start a new one), how it is read (instance status + run entity), and following it to its end.
import type { EmbeddedDurableClient } from '../../embedded-host';
import { TERMINAL_RUN_PHASES } from '../../contract/entities';
import { readerOf, readRunState } from '../../entities/read-run';
import { RUN_ORCHESTRATION } from '../../contract/orchestrations';
import { startRun } from '../../triggers/start-run';
import type { ProgressSnapshot } from './progress';

export const RUN_SIZES = ['small', 'medium', 'large'] as const;
export type RunSize = (typeof RUN_SIZES)[number];

export interface RunRequest {
  size: RunSize;
  scenario?: string[];
  seed?: string;
  operationsWindowMinutes?: number;
  bursts?: number;
  /** Instance id of a new run (tests seed resources tagged for it). */
  runId?: string;
}

export type ChosenRun =
  | { kind: 'rewound'; runId: string }
  | { kind: 'resumed'; runId: string }
  | { kind: 'started'; runId: string };

export type RunSnapshot = ProgressSnapshot & { failure?: string };

const UNFINISHED = ['Running', 'Pending', 'Suspended'] as const;

/** The unfinished run a killed `haymaker start` left in the task hub, if any (newest first). */
export async function findUnfinishedRun(client: EmbeddedDurableClient): Promise<string | undefined> {
  const open = await client.listInstances({ runtimeStatus: [...UNFINISHED] });
  const runs = open
    .filter((s) => s.name === RUN_ORCHESTRATION)
    .sort((a, b) => String(b.createdTime).localeCompare(String(a.createdTime)));
  return runs[0]?.instanceId;
}

/** A failed run in the task hub, rewound so that it resumes where it failed. */
export async function rewindFailedRun(client: EmbeddedDurableClient, runId: string): Promise<void> {
  const status = await client.getStatus(runId);
  if (!status || status.name !== RUN_ORCHESTRATION)
    throw new Error(`--rewind: there is no run ${runId} in this data dir`);
  if (status.runtimeStatus !== 'Failed')
    throw new Error(`--rewind: run ${runId} is ${status.runtimeStatus}; only a Failed run can be rewound`);
  await client.rewind(runId, 'rewound by haymaker start --rewind');
}

/** Starts the run orchestration with the CLI's choices (triggers/start-run.ts makes the run id unless given). */
export function startNewRun(client: EmbeddedDurableClient, request: RunRequest): Promise<string> {
  return startRun(
    client,
    {
      trigger: 'cli',
      ...(request.scenario?.length ? { scenarioIds: request.scenario } : { size: request.size }),
      ...(request.seed ? { seed: request.seed } : {}),
      ...(request.operationsWindowMinutes !== undefined
        ? { operationsWindowMinutes: request.operationsWindowMinutes }
        : {}),
      ...(request.bursts !== undefined ? { operationBursts: request.bursts } : {}),
    },
    { now: new Date(), ...(request.runId ? { runId: request.runId } : {}) },
  );
}

/** --rewind wins, then an unfinished run (unless --new), then a new run. */
export async function chooseRun(
  client: EmbeddedDurableClient,
  options: RunRequest & { rewind?: string; new?: boolean },
): Promise<ChosenRun> {
  if (options.rewind) {
    await rewindFailedRun(client, options.rewind);
    return { kind: 'rewound', runId: options.rewind };
  }
  const unfinished = options.new ? undefined : await findUnfinishedRun(client);
  if (unfinished) return { kind: 'resumed', runId: unfinished };
  return { kind: 'started', runId: await startNewRun(client, options) };
}

export async function readRun(client: EmbeddedDurableClient, runId: string): Promise<RunSnapshot> {
  const [status, entity] = await Promise.all([
    client.getStatus(runId),
    readRunState(readerOf(client), runId),
  ]);
  const failure =
    status?.runtimeStatus === 'Failed' ? String(status.output ?? 'the run orchestration failed') : undefined;
  return {
    runId,
    runtimeStatus: status?.runtimeStatus ?? 'Unknown',
    run: entity,
    ...(failure ? { failure } : {}),
  };
}

/** Ended: failed (a failed orchestration never reports to its entity), or done and its entity agrees. */
export const hasEnded = (s: RunSnapshot) =>
  s.runtimeStatus === 'Failed' ||
  (['Completed', 'Terminated'].includes(s.runtimeStatus) && (!s.run || TERMINAL_RUN_PHASES.has(s.run.phase)));

export type FollowEnd = { kind: 'ended' | 'interrupted' | 'timedOut'; last: RunSnapshot };

/** Polls the run until it ends, the user interrupts, or the deadline passes; every snapshot goes to `show`. */
export async function followLocalRun(
  client: EmbeddedDurableClient,
  runId: string,
  options: { timeoutMinutes: number; pollMs?: number },
  show: (snapshot: RunSnapshot) => void,
  interrupted: () => boolean,
): Promise<FollowEnd> {
  const deadline = Date.now() + options.timeoutMinutes * 60_000;
  for (;;) {
    const last = await readRun(client, runId);
    show(last);
    if (hasEnded(last)) return { kind: 'ended', last };
    if (interrupted()) return { kind: 'interrupted', last };
    if (Date.now() > deadline) return { kind: 'timedOut', last };
    await new Promise((r) => setTimeout(r, options.pollMs ?? 500));
  }
}
