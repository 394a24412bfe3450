// Reads the sandbox's persisted store (<data-dir>/sandbox/state.json) and answers what a run left behind. The store is
// the fake tenant itself, so it legitimately holds secrets; the tests only read them to search for them elsewhere.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runShort } from '../../../core/naming';

type Tags = Record<string, string> | undefined;
interface ArmObject {
  id: string;
  tags?: Tags;
  subscriptionId?: string;
  properties?: Record<string, unknown>;
}
export interface SandboxState {
  tenant: { subscriptionId: string; tenantId: string };
  arm: {
    groups: Record<string, ArmObject>;
    resources: Record<string, ArmObject>;
    roleAssignments: Record<string, { properties?: { principalId?: string }; principalId?: string }>;
  };
  graph: {
    applications: Record<string, { displayName?: string }>;
    servicePrincipals: Record<string, { displayName?: string; appId?: string }>;
    deleted: Record<string, { displayName?: string }>;
  };
  keyVault: { secrets: Record<string, unknown>; deleted: Record<string, unknown> };
  containerApps: {
    executions: Record<
      string,
      {
        stdout?: string;
        stderr?: string;
        status?: string;
        name?: string;
        template?: { containers?: { env?: { name: string; value?: string }[] }[] };
      }
    >;
  };
}

export function readSandboxState(dataDir: string): SandboxState | undefined {
  const file = join(dataDir, 'sandbox', 'state.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SandboxState;
  } catch {
    // Read while the sandbox rewrote it; the next poll sees the whole file.
    return undefined;
  }
}

export interface Leftovers {
  resources: string[];
  applications: string[];
  servicePrincipals: string[];
  deletedApplications: string[];
  roleAssignments: string[];
  secrets: string[];
  deletedSecrets: string[];
}

const principalOf = (a: { properties?: { principalId?: string }; principalId?: string }) =>
  a.properties?.principalId ?? a.principalId ?? '';

/** Everything of the run still in the tenant: tagged ARM objects, principals named for it, their roles, secrets. */
export function leftoversOf(state: SandboxState, runId: string, principalIds: Iterable<string>): Leftovers {
  const short = runShort(runId);
  // A resource of another subscription carrying the run's tags is a decoy HayMaker must not touch, not a leftover.
  const inSubscription = (o: ArmObject) =>
    o.id.toLowerCase().startsWith(`/subscriptions/${state.tenant.subscriptionId.toLowerCase()}/`);
  // The tests' decoy group is foreign by construction: what it holds stays, whatever its tags say.
  const decoy = (o: ArmObject) => o.id.toLowerCase().includes('/resourcegroups/rg-e2e-decoys');
  const tagged = (o: ArmObject) => o.tags?.ExecutionId === runId && inSubscription(o) && !decoy(o);
  const named = (name: string | undefined) =>
    !!name && name.startsWith('AzureHayMaker-') && name.includes(`-${short}-`);
  const principals = new Set(principalIds);
  // The vault has purge protection, as Bicep deploys it: Key Vault refuses every purge, and a deleted secret waits out
  // its retention (then Key Vault purges it). Deleted is then all cleanup can do: not a leftover.
  const purgeProtected = Object.values(state.arm.resources).some(
    (r) =>
      /\/providers\/Microsoft\.KeyVault\/vaults\//i.test(r.id) &&
      r.properties?.enablePurgeProtection === true,
  );
  return {
    resources: [...Object.values(state.arm.groups), ...Object.values(state.arm.resources)]
      .filter(tagged)
      .map((o) => o.id),
    applications: Object.values(state.graph.applications)
      .filter((a) => named(a.displayName))
      .map((a) => a.displayName!),
    servicePrincipals: Object.values(state.graph.servicePrincipals)
      .filter((a) => named(a.displayName))
      .map((a) => a.displayName!),
    deletedApplications: Object.values(state.graph.deleted)
      .filter((a) => named(a.displayName))
      .map((a) => a.displayName!),
    roleAssignments: Object.entries(state.arm.roleAssignments)
      .filter(([, a]) => principals.has(principalOf(a)))
      .map(([k]) => k),
    secrets: Object.keys(state.keyVault.secrets).filter((n) => n.includes(`-${short}-`)),
    deletedSecrets: purgeProtected
      ? []
      : Object.keys(state.keyVault.deleted).filter((n) => n.includes(`-${short}-`)),
  };
}

export const NOTHING_LEFT: Leftovers = {
  resources: [],
  applications: [],
  servicePrincipals: [],
  deletedApplications: [],
  roleAssignments: [],
  secrets: [],
  deletedSecrets: [],
};

/** Secret values and principal ids seen while the run was going: polled from the store, since both are gone after it. */
export class RunWitness {
  readonly secretValues = new Set<string>();
  readonly principalIds = new Set<string>();
  readonly appDisplayNames = new Set<string>();
  readonly roleAssignmentIds = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly runId: string,
  ) {}

  start(intervalMs = 150): void {
    this.timer = setInterval(() => this.observe(), intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.observe();
  }

  observe(): void {
    const state = readSandboxState(this.dataDir);
    if (!state) return;
    const short = runShort(this.runId);
    for (const area of [state.keyVault.secrets, state.keyVault.deleted]) {
      for (const [name, entry] of Object.entries(area)) {
        if (!name.includes(`-${short}-`)) continue;
        collectValues(entry, this.secretValues);
      }
    }
    for (const [id, sp] of Object.entries(state.graph.servicePrincipals)) {
      if (sp.displayName?.includes(`-${short}-`)) {
        this.principalIds.add(id);
        this.appDisplayNames.add(sp.displayName);
      }
    }
    for (const [id, a] of Object.entries(state.arm.roleAssignments))
      if (this.principalIds.has(principalOf(a))) this.roleAssignmentIds.add(id);
  }
}

function collectValues(entry: unknown, into: Set<string>): void {
  if (Array.isArray(entry)) for (const e of entry) collectValues(e, into);
  else if (entry && typeof entry === 'object') {
    const value = (entry as { value?: unknown }).value;
    if (typeof value === 'string' && value.length >= 16) into.add(value);
    for (const v of Object.values(entry)) if (v && typeof v === 'object') collectValues(v, into);
  }
}
