import { parseAgentEvent } from '../../core/events';
import {
  createHarness,
  RUN_ID,
  SP_SECRET,
  step,
  SUBSCRIPTION,
  type Harness,
} from '../../testkit/phase-harness';

const RG_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/haymaker-compute00-c0ffee42`;
const types = (h: Harness): string[] => h.sink.events.map((e) => e.type);

describe('phase runner without repair', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
  });
  afterEach(() => h.cleanup());

  it('runs a clean deploy phase: resource_created from the JSON output, phase_completed last, zero tokens', async () => {
    const result = await h.run('deploy', [
      step(
        'Create the resource group',
        'az group create --name "$RG" --location "$AZURE_LOCATION" --tags $HAYMAKER_TAGS',
      ),
      step(
        'Create the storage account',
        'az storage account create --name "$STORAGE" --resource-group "$RG" --sku Standard_LRS',
      ),
      step(
        'Validate',
        'az storage account show --name "$STORAGE" --resource-group "$RG" --query provisioningState -o tsv',
      ),
    ]);
    expect(result).toMatchObject({
      succeeded: true,
      tokens: { input: 0, output: 0, cacheRead: 0, cacheCreation: 0 },
      repairCalls: 0,
    });
    expect(types(h)).toEqual(['phase_started', 'resource_created', 'resource_created', 'phase_completed']);
    expect(h.sink.events[1].data).toMatchObject({
      resourceId: RG_ID,
      resourceType: 'Microsoft.Resources/resourceGroups',
    });
    expect(h.sink.events.every((e) => parseAgentEvent(JSON.parse(JSON.stringify(e))).ok)).toBe(true);
    expect(h.sink.events.map((e) => e.eventId)).toEqual(
      [1, 2, 3, 4].map((n) => `${RUN_ID}:compute-00-example-template:deploy:${String(n).padStart(4, '0')}`),
    );
    // The storage create lacked tags: the policy added them before it ran.
    expect(h.azCalls().find((c) => c.startsWith('storage account create'))).toContain(
      `ExecutionId=${RUN_ID}`,
    );
  });

  it('emits operation_performed for every operations step of a burst', async () => {
    const result = await h.run(
      'operate',
      [
        step('Review', 'az storage account show --name "$STORAGE" --resource-group "$RG"'),
        step('Echo', 'echo ok'),
      ],
      { burst: 2 },
    );
    expect(result.succeeded).toBe(true);
    expect(types(h)).toEqual([
      'phase_started',
      'operation_performed',
      'operation_performed',
      'phase_completed',
    ]);
    expect(h.sink.events.every((e) => e.burst === 2 && e.eventId.includes(':b2:'))).toBe(true);
  });

  it('fails the phase when a step fails and repair is disabled, skipping the rest', async () => {
    const result = await h.run('deploy', [
      step(
        'Bad sku',
        'az storage account create --name "$STORAGE" --resource-group "$RG" --sku Premium_Bogus --tags $HAYMAKER_TAGS',
      ),
      step('Never', 'echo never'),
    ]);
    expect(result.succeeded).toBe(false);
    expect(result.error).toMatch(/Bad sku.*exit 1.*repair is disabled/);
    expect(types(h)).toEqual(['phase_started', 'error_encountered', 'phase_failed']);
    expect(h.sink.events[1].data.output).toContain('InvalidSku');
  });

  it('refuses a hostile scenario command without running it', async () => {
    const result = await h.run('deploy', [
      step('Escalate', 'az role assignment create --assignee x --role Owner --scope /'),
    ]);
    expect(result.succeeded).toBe(false);
    expect(types(h)).toEqual(['phase_started', 'command_refused', 'phase_failed']);
    expect(h.sink.events[1].data).toMatchObject({ rule: 'role.privileged', source: 'scenario' });
    expect(h.azCalls()).toEqual([]);
  });

  it('runs the refused command only with the test-only switch off-for-blast-radius-test, and says so in phase_started', async () => {
    const result = await h.run(
      'deploy',
      [step('Escalate', 'az role assignment create --assignee x --role Owner --scope /')],
      { commandPolicy: 'off-for-blast-radius-test' },
    );
    expect(result.succeeded).toBe(true);
    expect(types(h)).toEqual(['phase_started', 'phase_completed']);
    expect(h.sink.events[0].data).toMatchObject({ commandPolicy: 'off-for-blast-radius-test' });
    expect(h.azCalls()).toEqual(['role assignment create --assignee x --role Owner --scope /']);
    expect(h.logs.some((l) => l.includes('COMMAND POLICY OFF'))).toBe(true);
  });

  it('keeps going through cleanup after a failed step and reports the deletes', async () => {
    const result = await h.run('cleanup', [
      step('Delete a thing', 'az group delete --name "$RG-extra" --yes; exit 7'),
      step('Delete the group', 'az group delete --name "$RG" --yes'),
    ]);
    expect(result.succeeded).toBe(false);
    expect(types(h)).toEqual([
      'phase_started',
      'error_encountered',
      'resource_deletion_failed',
      'resource_deleted',
      'phase_failed',
    ]);
    expect(h.sink.events[2].data.resourceId).toBe(`${RG_ID}-extra`);
    expect(h.sink.events[3].data.resourceId).toBe(RG_ID);
  });

  it('keeps known secrets and secret shapes out of logs and events', async () => {
    await h.run('deploy', [
      step('Leak', 'echo "secret is $SP_SECRET_FOR_TEST"; echo "AccountKey=abcdEFGH1234;"; exit 1'),
    ]);
    const everything = JSON.stringify(h.sink.events) + h.logs.join('\n');
    expect(everything).not.toContain(SP_SECRET);
    expect(everything).not.toContain('abcdEFGH1234');
    expect(everything).toContain('[REDACTED]');
  });
});
