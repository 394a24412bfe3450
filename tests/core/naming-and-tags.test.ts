import {
  runShort,
  servicePrincipalDisplayName,
  servicePrincipalSecretName,
  scenarioInstanceId,
  SCENARIO_ID_PATTERN,
} from '../../core/naming';
import { haymakerTags, isTaggedForRun, tagsForAzCli } from '../../core/tags';
import { parseAgentEvent } from '../../core/events';
import { phaseEventName } from '../../contract/events';

describe('run-derived names', () => {
  it('derives the same 8-character short name from a run id every time', () => {
    expect(runShort('3F2504E0-4F89-11D3-9A0C-0305E82C3301')).toBe('3f2504e0');
    expect(runShort('run-2026-11-23t06')).toBe('run20261');
  });

  it('refuses a run id too short to name resources', () => {
    expect(() => runShort('ab-12')).toThrow(/fewer than 8/);
  });

  it('names principals and secrets per scenario and per run', () => {
    const runId = 'a1b2c3d4e5f6';
    expect(servicePrincipalDisplayName('compute-03-app-service-python', runId)).toBe(
      'AzureHayMaker-compute-03-app-service-python-a1b2c3d4-admin',
    );
    expect(servicePrincipalSecretName('compute-03-app-service-python', runId)).toBe(
      'scenario-sp-compute-03-app-service-python-a1b2c3d4-secret',
    );
    expect(scenarioInstanceId('run1', 'compute-03-x')).toBe('run1:compute-03-x');
  });

  it('accepts file-stem scenario ids and rejects others', () => {
    expect(SCENARIO_ID_PATTERN.test('web-apps-02-static-site')).toBe(true);
    expect(SCENARIO_ID_PATTERN.test('Compute-03-x')).toBe(false);
    expect(SCENARIO_ID_PATTERN.test('compute-3-x')).toBe(false);
  });
});

describe('HayMaker tags', () => {
  const tags = haymakerTags({
    runId: 'run-1234abcd',
    scenarioId: 'compute-01-vm',
    createdAt: new Date('2026-11-23T06:00:00Z'),
    expiresAt: '2026-11-23T18:00:00Z',
  });

  it('carries every tag of the contract', () => {
    expect(tags).toEqual({
      'AzureHayMaker-managed': 'true',
      Scenario: 'compute-01-vm',
      Owner: 'AzureHayMaker',
      ExecutionId: 'run-1234abcd',
      CreatedAt: '2026-11-23T06:00:00.000Z',
      ExpiresAt: '2026-11-23T18:00:00.000Z',
    });
    expect(tagsForAzCli(tags)).toContain('ExecutionId=run-1234abcd Created');
  });

  it('recognises only resources of this run and scenario', () => {
    expect(isTaggedForRun(tags, 'run-1234abcd', 'compute-01-vm')).toBe(true);
    expect(isTaggedForRun(tags, 'run-1234abcd')).toBe(true);
    expect(isTaggedForRun(tags, 'other-run')).toBe(false);
    expect(isTaggedForRun(tags, 'run-1234abcd', 'compute-02-x')).toBe(false);
    expect(isTaggedForRun({ ExecutionId: 'run-1234abcd' }, 'run-1234abcd')).toBe(false);
    expect(isTaggedForRun(undefined, 'run-1234abcd')).toBe(false);
  });
});

describe('agent events', () => {
  it('accepts a valid event and names every invalid field of a bad one', () => {
    const ok = parseAgentEvent({
      eventId: 'e1',
      type: 'phase_completed',
      runId: 'r',
      scenarioId: 's',
      phase: 'deploy',
      timestamp: '2026-11-23T06:00:00Z',
      data: {},
    });
    expect(ok.ok).toBe(true);
    const bad = parseAgentEvent({ eventId: '', type: 'nope', phase: 'deploy' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error).toMatch(/eventId/);
      expect(bad.error).toMatch(/type/);
      expect(bad.error).toMatch(/runId/);
    }
    expect(phaseEventName('operate', 3)).toBe('agent:operate:3');
  });
});
