// Drives the thin handlers through the durable-functions SDK's own entity machinery (the same code the host runs).
import { DummyEntityContext } from 'durable-functions';

// Not in the package's public types; it wraps a handler exactly as df.app.entity does.
const { createEntityFunction } = require('durable-functions/lib/src/util/testingUtils') as {
  createEntityFunction: (fn: unknown) => (trigger: unknown, context: unknown) => Promise<unknown>;
};
import { runEntity } from '../../entities/run-entity';
import { statusEntity } from '../../entities/status-entity';

type Request = { name: string; input?: unknown };

async function runBatch(handler: unknown, name: string, key: string, state: unknown, batch: Request[]) {
  const fn = createEntityFunction(handler);
  const trigger = {
    self: { name, key },
    exists: state !== undefined,
    ...(state !== undefined ? { state: JSON.stringify(state) } : {}),
    batch: batch.map((r, i) => ({
      id: `op-${i}`,
      name: r.name,
      signal: true,
      ...(r.input !== undefined ? { input: JSON.stringify(r.input) } : {}),
    })),
  };
  const ctx = new DummyEntityContext(name, 'inv', () => undefined);
  const out = (await fn(trigger, ctx)) as {
    entityState?: string;
    results: { isError: boolean; result?: string }[];
  };
  return {
    state: out.entityState === undefined ? undefined : JSON.parse(out.entityState),
    results: out.results,
  };
}

describe('entity handlers', () => {
  it('applies a batch of run operations and answers get with the state', async () => {
    const { state, results } = await runBatch(runEntity, 'haymakerrun', 'run-1', undefined, [
      { name: 'started', input: { runId: 'run-1', startedAt: '2026-11-23T06:00:00.000Z', seed: 's' } },
      {
        name: 'scenariosSelected',
        input: { scenarioIds: ['a-01-x'], expiresAt: '2026-11-23T18:00:00.000Z' },
      },
      { name: 'get' },
    ]);
    expect(state).toMatchObject({
      runId: 'run-1',
      phase: 'running',
      scenarios: { 'a-01-x': { status: 'pending' } },
    });
    expect(JSON.parse(results[2]!.result!)).toMatchObject({ phase: 'running' });
  });

  it('answers an unknown operation with a message that names the known ones', async () => {
    const { results, state } = await runBatch(
      statusEntity,
      'haymakerstatus',
      'singleton',
      { nextScheduledRun: 'x' },
      [{ name: 'explode' }],
    );
    expect(JSON.parse(results[0]!.result!).error).toMatch(/no operation "explode".*runStarted/);
    expect(state).toEqual({ nextScheduledRun: 'x' });
  });
});
