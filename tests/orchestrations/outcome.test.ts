import { finishOutcome, newOutcome, recordStep, scenarioStatusOf } from '../../orchestrations/outcome';

const T = '2026-11-23T06:00:00.000Z';

function cleanDraft() {
  const draft = newOutcome('run-1', 'a-01-x', 'run-1:a-01-x', T, 2);
  for (const step of ['provisionPrincipal', 'assignRoles', 'rolePropagation', 'deploy'] as const)
    recordStep(draft, step, 'succeeded', T, T);
  recordStep(draft, 'operate', 'succeeded', T, T, { burst: 0 });
  recordStep(draft, 'operate', 'succeeded', T, T, { burst: 1 });
  recordStep(draft, 'cleanup', 'succeeded', T, T);
  recordStep(draft, 'verifyCleanup', 'succeeded', T, T);
  recordStep(draft, 'deletePrincipal', 'succeeded', T, T);
  draft.cleanupVerified = true;
  draft.principal = { created: true, deleted: true, verifiedGone: true };
  return draft;
}

describe('scenario outcome', () => {
  it('succeeds when every step succeeded, cleanup is verified and the principal is gone', () => {
    const outcome = finishOutcome(cleanDraft(), '2026-11-23T15:00:00.000Z');
    expect(outcome).toMatchObject({ status: 'succeeded', endedAt: '2026-11-23T15:00:00.000Z', errors: [] });
    expect(outcome.bursts).toEqual({ planned: 2, succeeded: 2, failed: 0, timedOut: 0, skipped: 0 });
  });

  it('fails when a burst timed out and says which one', () => {
    const draft = cleanDraft();
    recordStep(draft, 'operate', 'timedOut', T, T, { burst: 2, error: 'agent job x did not report' });
    expect(scenarioStatusOf(draft)).toBe('failed');
    expect(draft.errors).toEqual(['operate burst 2: agent job x did not report']);
    expect(draft.bursts.timedOut).toBe(1);
  });

  it('fails when leftovers could not be removed even if every phase succeeded', () => {
    const draft = cleanDraft();
    draft.cleanupVerified = false;
    expect(scenarioStatusOf(draft)).toBe('failed');
  });

  it('fails when the principal was not verified gone', () => {
    const draft = cleanDraft();
    draft.principal.verifiedGone = false;
    expect(scenarioStatusOf(draft)).toBe('failed');
  });

  it('redacts anything shaped like a client secret from recorded errors', () => {
    const draft = cleanDraft();
    const secret = 'abc8Q~' + 'x'.repeat(34);
    recordStep(draft, 'deletePrincipal', 'failed', T, T, {
      error: `Graph said: password ${secret} rejected`,
    });
    expect(JSON.stringify(draft)).not.toContain(secret);
    expect(draft.errors[0]).toMatch(/REDACTED/);
  });

  it('counts skipped steps as not succeeded', () => {
    const draft = cleanDraft();
    recordStep(draft, 'cleanup', 'skipped', T, T);
    expect(scenarioStatusOf(draft)).toBe('failed');
  });
});
