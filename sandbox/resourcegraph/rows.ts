import type { ServiceContext } from '../core/service';
import { armState, isListedResource, type ArmResource, type ArmResourceGroup } from '../arm/store';
import type { Row } from './kql-eval';

function resourceRow(ctx: ServiceContext, r: ArmResource): Row {
  return {
    id: r.id,
    name: r.name,
    type: r.type.toLowerCase(),
    tenantId: ctx.tenantId,
    kind: r.kind ?? '',
    location: r.location ?? '',
    resourceGroup: r.resourceGroup.toLowerCase(),
    subscriptionId: r.subscriptionId,
    managedBy: r.managedBy ?? '',
    sku: r.sku ?? null,
    plan: r.plan ?? null,
    properties: r.properties,
    tags: r.tags ?? {},
    identity: r.identity ?? null,
    zones: null,
    extendedLocation: null,
  };
}

function groupRow(ctx: ServiceContext, g: ArmResourceGroup): Row {
  return {
    id: g.id,
    name: g.name,
    type: 'microsoft.resources/subscriptions/resourcegroups',
    tenantId: ctx.tenantId,
    kind: '',
    location: g.location,
    resourceGroup: g.name.toLowerCase(),
    subscriptionId: g.subscriptionId,
    managedBy: g.managedBy ?? '',
    sku: null,
    plan: null,
    properties: { provisioningState: g.properties.provisioningState },
    tags: g.tags ?? {},
    identity: null,
    zones: null,
    extendedLocation: null,
  };
}

/**
 * The rows Resource Graph shows now: with an index lag, a change is visible only `lag` ms after it
 * happened — new items appear late and deleted ones linger (from their tombstones).
 */
export function tableRows(
  ctx: ServiceContext,
  table: 'resources' | 'resourcecontainers',
  subscriptions: string[] | undefined,
): Row[] {
  const state = armState(ctx);
  const now = ctx.clock.now();
  const lag = ctx.settings.resourceGraphIndexLagMs;
  const indexed = (createdAt: number) => createdAt + lag <= now;
  const lingering = state.tombstones.filter((t) => t.deletedAt + lag > now && indexed(t.item.createdAt));
  const inScope = (sub: string) =>
    !subscriptions || subscriptions.some((s) => s.toLowerCase() === sub.toLowerCase());
  let rows: Row[];
  if (table === 'resources') {
    const live = Object.values(state.resources).filter((r) => isListedResource(r) && indexed(r.createdAt));
    const dead = lingering.filter((t) => t.kind === 'resource').map((t) => t.item as ArmResource);
    rows = [...live, ...dead].filter((r) => inScope(r.subscriptionId)).map((r) => resourceRow(ctx, r));
  } else {
    const live = Object.values(state.groups).filter((g) => indexed(g.createdAt));
    const dead = lingering.filter((t) => t.kind === 'group').map((t) => t.item as ArmResourceGroup);
    rows = [...live, ...dead].filter((g) => inScope(g.subscriptionId)).map((g) => groupRow(ctx, g));
    for (const subscriptionId of new Set([ctx.subscriptions.target, ctx.subscriptions.platform])) {
      if (!inScope(subscriptionId)) continue;
      rows.push({
        id: `/subscriptions/${subscriptionId}`,
        name:
          subscriptionId === ctx.subscriptions.target ? 'HayMaker Sandbox' : 'HayMaker Sandbox (platform)',
        type: 'microsoft.resources/subscriptions',
        tenantId: ctx.tenantId,
        kind: '',
        location: '',
        resourceGroup: '',
        subscriptionId,
        managedBy: '',
        sku: null,
        plan: null,
        properties: { state: 'Enabled' },
        tags: {},
        identity: null,
        zones: null,
        extendedLocation: null,
      });
    }
  }
  return rows;
}
