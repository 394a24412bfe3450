// The ARM adapter's pacing against the sandbox's ARM buckets, with the real SDK clients and one manual clock for the
// sandbox, the pacer and the retry policy (seconds of throttling cost no wall time).
import { ResourceManagementClient } from '@azure/arm-resources';
import pLimit from 'p-limit';
import { ArmPacer } from '../../adapters/arm-pacing/arm-pacer';
import { createArmResources } from '../../adapters/arm-resources';
import { startSandbox, type Sandbox } from '../../sandbox';
import { armClientOptions } from '../sandbox/helpers/client-options';
import { armContext, cloudServices } from './helpers/sandbox-context';
import { until, virtualClock, type VirtualClock } from './helpers/virtual-clock';

/**
 * A delete bucket of 40 + 10/s in the sandbox and in the pacer (Azure's 200 + 10/s behave alike, in five times the
 * requests; the pacer's arithmetic on Azure's own figures is in arm-pacer.test.ts).
 */
const deletes = { capacity: 40, refillPerSecond: 10 };

let clock: VirtualClock;
let sandbox: Sandbox;
const rg = (name: string) => `/subscriptions/${sandbox.subscriptionId}/resourceGroups/${name}`;
const nsg = (group: string, i: number) =>
  `${rg(group)}/providers/Microsoft.Network/networkSecurityGroups/nsg-${i}`;

beforeEach(async () => {
  clock = virtualClock();
  sandbox = await startSandbox({ services: cloudServices(), clock, armThrottle: { deletes } });
});
afterEach(async () => {
  await sandbox?.stop();
});

function pacedArm() {
  const pacer = new ArmPacer({ now: clock.now, sleep: clock.sleep, figures: { deletes } });
  const arm = createArmResources({ ...armContext(sandbox, { sleep: clock.sleep }), pacer });
  return { arm, pacer };
}

const answers = (operation: string) => sandbox.requestLog().filter((e) => e.operation === operation);
/** When each accepted delete reached ARM, by the sandbox clock (its long-running operation's start). */
const acceptedAt = () =>
  Object.values(
    (sandbox.state().arm as { operations: Record<string, { startedAt: number }> }).operations,
  ).map((op) => op.startedAt);

describe('ARM adapter pacing against the sandbox', () => {
  it('deletes a burst twice the delete bucket without a single 429, at the bucket’s refill rate', async () => {
    const { arm, pacer } = pacedArm();
    for (let i = 0; i < 80; i++) sandbox.admin.putDecoyResource({ id: nsg('rg-burst', i) });
    const started = clock.now();
    const limit = pLimit(16);
    const outcomes = await Promise.all(
      Array.from({ length: 80 }, (_, i) => limit(() => arm.beginDeleteById(nsg('rg-burst', i)))),
    );
    expect(outcomes.every((o) => o.state === 'accepted')).toBe(true);
    const sent = answers('Resources_DeleteById');
    expect(sent.filter((e) => e.status === 429)).toEqual([]);
    expect(sent.filter((e) => e.status === 202)).toHaveLength(80);
    expect(pacer.stats().throttled).toBe(0);
    // 40 at once, the other 40 at 10 a second (one second's refill kept in hand): about 5 s, never under 4 s.
    const elapsed = Math.max(...acceptedAt()) - started;
    expect(elapsed).toBeGreaterThanOrEqual(4_000);
    expect(elapsed).toBeLessThanOrEqual(5_500);

    // The same burst without pacing meets ARM's throttle: the test above would notice a pacer that did nothing.
    for (let i = 0; i < 80; i++) sandbox.admin.putDecoyResource({ id: nsg('rg-raw', i) });
    const raw = new ResourceManagementClient(
      sandbox.credentialFor('orchestrator'),
      sandbox.subscriptionId,
      armClientOptions(sandbox, { maxRetries: 0 }),
    );
    await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        limit(() =>
          raw.resources
            .deleteById(nsg('rg-raw', i), '2024-07-01', { updateIntervalInMs: 10 })
            .submitted()
            .catch(() => undefined),
        ),
      ),
    );
    expect(answers('Resources_DeleteById').filter((e) => e.status === 429).length).toBeGreaterThan(30);
  });

  it('follows the remaining-requests headers when another client of the same principal spends the bucket', async () => {
    const { arm, pacer } = pacedArm();
    const { arm: other } = pacedArm();
    for (let i = 0; i < 120; i++) sandbox.admin.putDecoyResource({ id: nsg('rg-shared', i) });
    const limit = pLimit(8);
    // Two pacers that do not know of each other, one identity: only ARM's headers tell each what the other spent.
    await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        limit(() => (i % 2 ? arm : other).beginDeleteById(nsg('rg-shared', i))),
      ),
    );
    const refused = answers('Resources_DeleteById').filter((e) => e.status === 429).length;
    // A handful may meet the throttle while both still believe the bucket full (unpaced, 80 would); the headers stop
    // it from then on.
    expect(refused).toBeLessThanOrEqual(8);
    expect(pacer.stats().waits).toBeGreaterThan(0);
  });

  it("holds the other deletes until a 429's Retry-After has passed, and retries the throttled one then", async () => {
    const { arm } = pacedArm();
    for (const i of [1, 2]) sandbox.admin.putDecoyResource({ id: nsg('rg-retry', i) });
    sandbox.faults.add({
      service: 'arm',
      operation: 'Resources_DeleteById',
      kind: '429',
      schedule: [1],
      retryAfterSeconds: 7,
    });
    const t0 = clock.now();
    const first = arm.beginDeleteById(nsg('rg-retry', 1));
    await until(() => answers('Resources_DeleteById').some((e) => e.status === 429));
    const second = arm.beginDeleteById(nsg('rg-retry', 2));
    await Promise.all([first, second]);
    const times = acceptedAt();
    expect(times).toHaveLength(2);
    for (const t of times) expect(t - t0).toBeGreaterThanOrEqual(7_000);
  });

  it('answers a delete with ARM’s Retry-After, and confirms it done through its operation', async () => {
    const { arm } = pacedArm();
    sandbox.admin.putDecoyResource({ id: nsg('rg-lro', 1) });
    sandbox.settings.armOperationDelayMs = 4_000;
    const started = await arm.beginDeleteById(nsg('rg-lro', 1));
    expect(started).toMatchObject({ state: 'accepted', retryAfterMs: 4_000 });
    if (started.state !== 'accepted') return;
    expect(await started.check()).toBe('running');
    await clock.sleep(4_000);
    expect(await started.check()).toBe('deleted');
    expect(await arm.beginDeleteById(nsg('rg-lro', 1))).toEqual({ state: 'deleted' });
    expect(await arm.beginDeleteResourceGroup('rg-none')).toEqual({ state: 'notFound' });
  });
});
