// `haymaker start --faults <file>`: a scripted sandbox for fault and chaos tests — fault rules, lags, the ARM throttle,
// resources seeded into ARM (decoys, or "forgotten" resources tagged for the run) and Key Vault secret names left in
// the soft-deleted state. Applied once the sandbox is up and before a run starts. The values in the file are the
// tester's own; nothing from it is echoed.
import { readFileSync } from 'node:fs';
import { SecretClient } from '@azure/keyvault-secrets';
import { z } from 'zod';
import { faultRuleSchema } from '../../sandbox/core/faults';
import type { EmbeddedHost } from '../../embedded-host';
import type { Sandbox } from '../../sandbox';

const bucket = z
  .object({ capacity: z.number().positive(), refillPerSecond: z.number().positive() })
  .nullable();

export const sandboxSetupSchema = z
  .object({
    rules: z.array(faultRuleSchema).default([]),
    settings: z
      .object({
        resourceGraphIndexLagMs: z.number().int().min(0),
        graphReplicationLagMs: z.number().int().min(0),
        armOperationDelayMs: z.number().int().min(0),
        secretPropagationLagMs: z.number().int().min(0),
        roleAssignmentPropagationLagMs: z.number().int().min(0),
        deletedItemsLagMs: z.number().int().min(0),
      })
      .partial()
      .default({}),
    throttle: z.object({ reads: bucket, writes: bucket, deletes: bucket }).partial().optional(),
    /** Put straight into ARM (no HTTP, no faults): `{ id, tags?, location?, properties? }`. Ids may use `{subscriptionId}`. */
    resources: z
      .array(
        z.object({
          id: z.string().min(1),
          tags: z.record(z.string(), z.string()).optional(),
          location: z.string().optional(),
          properties: z.record(z.string(), z.unknown()).optional(),
        }),
      )
      .default([]),
    /** Key Vault secret names to create and delete (not purge) so a later set of that name meets the soft-deleted state. */
    softDeletedSecrets: z.array(z.string().regex(/^[0-9a-zA-Z-]{1,127}$/)).default([]),
    /** Agent crashes: the first N job executions seen running whose env names this scenario are killed (SIGKILL). */
    crashExecutions: z
      .object({
        scenarioId: z.string().min(1),
        phase: z.enum(['deploy', 'operate', 'cleanup']).optional(),
        count: z.number().int().positive().default(1),
      })
      .optional(),
    /**
     * At-least-once delivery: the next agent event of this type, scenario and phase arrives `copies` times on the
     * agent-events queue (same message id, as after a lost lock).
     */
    redeliveries: z
      .array(
        z
          .object({
            scenarioId: z.string().min(1),
            phase: z.enum(['deploy', 'operate', 'cleanup']),
            type: z.string().min(1),
            copies: z.number().int().min(2).max(10),
          })
          .strict(),
      )
      .default([]),
    /**
     * Orchestrator failures, as a defect or platform fault would cause: the scenario orchestration of `scenarioId` fails in
     * the episode that receives the result of `afterActivity` (the host's scripted episode fault; count episodes).
     */
    orchestratorFaults: z
      .array(
        z
          .object({
            scenarioId: z.string().min(1),
            afterActivity: z.string().min(1),
            count: z.number().int().positive().default(1),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();
export type SandboxSetup = z.output<typeof sandboxSetupSchema>;

export function readSandboxSetup(file: string): SandboxSetup {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `could not read the sandbox setup ${file}: ${(error as Error).message} — pass a JSON file ({ rules, settings, throttle, resources, softDeletedSecrets })`,
    );
  }
  const parsed = sandboxSetupSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new Error(`the sandbox setup ${file} is invalid: ${problems}`);
  }
  return parsed.data;
}

interface ExecutionView {
  name?: string;
  status?: string;
  properties?: { status?: string };
  env?: Record<string, string>;
  template?: { containers?: { env?: { name: string; value?: string }[] }[] };
}

const envOf = (e: ExecutionView, name: string): string | undefined =>
  e.env?.[name] ?? e.template?.containers?.flatMap((c) => c.env ?? []).find((v) => v.name === name)?.value;

/** Watches executions and crashes the chosen ones; returns the stop function (the watch also ends after N crashes). */
function crashExecutionsOf(
  sandbox: Sandbox,
  target: NonNullable<SandboxSetup['crashExecutions']>,
): () => void {
  const crashed = new Set<string>();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    const executions = ((
      sandbox.state().containerApps as { executions?: Record<string, ExecutionView> } | undefined
    )?.executions ?? {}) as Record<string, ExecutionView>;
    const victim = Object.entries(executions).find(
      ([id, e]) =>
        !crashed.has(id) &&
        (e.properties?.status ?? e.status) === 'Running' &&
        envOf(e, 'HAYMAKER_SCENARIO') === target.scenarioId &&
        (target.phase === undefined || envOf(e, 'HAYMAKER_PHASE') === target.phase),
    );
    if (!victim) {
      busy = false;
      return;
    }
    const [id, execution] = victim;
    // "Running" can be recorded a moment before the process is registered: only a kill that happened counts.
    void sandbox.admin
      .crashExecution(execution.name ?? id.split('/').pop() ?? id)
      .catch(() => false)
      .then((killed) => {
        if (killed) crashed.add(id);
        busy = false;
        if (crashed.size >= target.count) clearInterval(timer);
      });
  }, 100);
  timer.unref();
  return () => clearInterval(timer);
}

/** Applies the setup; the returned function stops its watchers (call it before stopping the sandbox). */
export async function applySandboxSetup(
  sandbox: Sandbox,
  setup: SandboxSetup,
  host?: Pick<EmbeddedHost, 'injectEpisodeFault'>,
): Promise<() => void> {
  for (const fault of setup.orchestratorFaults) {
    if (!host)
      throw new Error(
        'orchestratorFaults need the embedded host: apply the setup through `haymaker start --faults`',
      );
    const suffix = `:${fault.scenarioId}`;
    host.injectEpisodeFault({
      matches: (e) => e.instanceId.endsWith(suffix) && e.completedActivities.includes(fault.afterActivity),
      message: `scripted orchestrator fault after ${fault.afterActivity} (haymaker start --faults)`,
      count: fault.count,
    });
  }
  if (setup.softDeletedSecrets.length) {
    const secrets = new SecretClient(sandbox.endpoints.keyVault, sandbox.credential, {
      disableChallengeResourceVerification: true,
    });
    for (const name of setup.softDeletedSecrets) {
      await secrets.setSecret(name, `soft-deleted-placeholder-${name.length}`);
      const poller = await secrets.beginDeleteSecret(name, { intervalInMs: 50 });
      await poller.pollUntilDone();
    }
  }
  for (const resource of setup.resources) {
    sandbox.admin.putDecoyResource({
      ...resource,
      id: resource.id.replaceAll('{subscriptionId}', sandbox.subscriptionId),
    });
  }
  for (const r of setup.redeliveries) {
    sandbox.admin.redeliverMessages({
      queue: 'agent-events',
      copies: r.copies,
      times: 1,
      matches: (body) => {
        const event = body as { type?: unknown; scenarioId?: unknown; phase?: unknown } | null;
        return event?.type === r.type && event.scenarioId === r.scenarioId && event.phase === r.phase;
      },
    });
  }
  Object.assign(sandbox.settings, setup.settings);
  if (setup.throttle) sandbox.faults.setArmThrottle(setup.throttle);
  for (const rule of setup.rules) sandbox.faults.add(rule);
  return setup.crashExecutions ? crashExecutionsOf(sandbox, setup.crashExecutions) : () => undefined;
}
