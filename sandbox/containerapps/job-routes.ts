import { azureError, json, noContent, type SandboxRequest, type SandboxResponse } from '../core/http';
import type { ServiceRouter } from '../core/router';
import type { ServiceContext } from '../core/service';
import { armHandler, checkApiVersion, type ArmAccess } from '../arm/guards';
import { armAuthorizationFailed } from '../authz/sandbox-authz';
import { startOperation } from '../arm/operations';
import { groupNotFound } from '../arm/resource-group-routes';
import { idKey, parseResourceId, resourceGroupId } from '../arm/resource-id';
import { putResource } from '../arm/resource-routes';
import { armState, type ArmResource } from '../arm/store';
import { containerAppsState, type JobSecret } from './store';

export const jobPath =
  '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.App/jobs/{jobName}';

export const jobIdOf = (req: SandboxRequest) =>
  `/subscriptions/${req.params.subscriptionId}/resourceGroups/${req.params.resourceGroupName}/providers/Microsoft.App/jobs/${req.params.jobName}`;

export function jobNotFound(req: SandboxRequest): SandboxResponse {
  return azureError(
    404,
    'ResourceNotFound',
    `The Resource 'Microsoft.App/jobs/${req.params.jobName}' under resource group '${req.params.resourceGroupName}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );
}

/** The job as Azure returns it: secret values left out, identities given ids. */
export function jobView(ctx: ServiceContext, job: ArmResource): Record<string, unknown> {
  const secrets = containerAppsState(ctx).secrets[idKey(job.id)] ?? [];
  const properties = structuredClone(job.properties) as Record<string, any>;
  if (properties.configuration) {
    properties.configuration.secrets = secrets.map((s) => ({
      name: s.name,
      ...(s.keyVaultUrl ? { keyVaultUrl: s.keyVaultUrl } : {}),
      ...(s.identity ? { identity: s.identity } : {}),
    }));
  }
  return {
    id: job.id,
    name: job.name,
    type: 'Microsoft.App/jobs',
    location: job.location,
    ...(job.tags ? { tags: job.tags } : {}),
    ...(job.identity ? { identity: job.identity } : {}),
    properties,
  };
}

function withIdentityIds(ctx: ServiceContext, identity: any): unknown {
  if (!identity || typeof identity !== 'object') return identity;
  const out: Record<string, unknown> = { ...identity };
  if (/SystemAssigned/i.test(String(identity.type ?? ''))) {
    out.principalId = identity.principalId ?? ctx.ids.guid();
    out.tenantId = ctx.tenantId;
  }
  if (identity.userAssignedIdentities && typeof identity.userAssignedIdentities === 'object') {
    out.userAssignedIdentities = Object.fromEntries(
      Object.entries(identity.userAssignedIdentities as Record<string, any>).map(([id, v]) => [
        id,
        userAssignedIdentityIds(ctx, id, v),
      ]),
    );
  }
  return out;
}

/** A user-assigned identity's ids: those of the identity resource when ARM has it (the sandbox's own), else new. */
function userAssignedIdentityIds(
  ctx: ServiceContext,
  id: string,
  given: any,
): { principalId: string; clientId: string } {
  const resource = armState(ctx).resources[idKey(id)];
  return {
    principalId: String(resource?.properties.principalId ?? given?.principalId ?? ctx.ids.guid()),
    clientId: String(resource?.properties.clientId ?? given?.clientId ?? ctx.ids.guid()),
  };
}

export function registerJobRoutes(
  router: ServiceRouter,
  ctx: ServiceContext,
  onDelete: (jobId: string) => Promise<void>,
): void {
  const h = (fn: Parameters<typeof armHandler>[1], access?: ArmAccess) => armHandler(ctx, fn, access);
  const onJob =
    (action: string): ArmAccess =>
    (req) => ({ action: `Microsoft.App/jobs/${action}`, scope: jobIdOf(req) });
  const findJob = (req: SandboxRequest) => armState(ctx).resources[idKey(jobIdOf(req))];
  const guard = (req: SandboxRequest): SandboxResponse | undefined =>
    checkApiVersion(req, 'Microsoft.App', 'jobs') ??
    (armState(ctx).groups[idKey(resourceGroupId(req.params.subscriptionId, req.params.resourceGroupName))]
      ? undefined
      : groupNotFound(req.params.resourceGroupName));

  router.put(
    jobPath,
    'Jobs_CreateOrUpdate',
    h((req) => {
      const refused = guard(req);
      if (refused) return refused;
      const body = (req.body ?? {}) as Record<string, any>;
      const properties = structuredClone(body.properties ?? {}) as Record<string, any>;
      if (!properties.template?.containers?.length) {
        return azureError(
          400,
          'ContainerAppInvalidSchema',
          'properties.template.containers must hold at least one container.',
        );
      }
      if (!properties.configuration?.triggerType)
        return azureError(
          400,
          'JobInvalidTriggerType',
          'properties.configuration.triggerType is required (Manual, Schedule or Event).',
        );
      // Running a job as a user-assigned identity needs the right to assign that identity.
      for (const identityId of Object.keys(body.identity?.userAssignedIdentities ?? {})) {
        const denied = ctx.authz.arm(req, {
          action: 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action',
          scope: identityId,
        });
        if (denied) return denied;
      }
      const id = jobIdOf(req);
      const secrets = (properties.configuration.secrets ?? []) as JobSecret[];
      containerAppsState(ctx).secrets[idKey(id)] = secrets.map((s) => ({ ...s }));
      properties.configuration.secrets = secrets.map((s) => ({ name: s.name }));
      for (const c of [...properties.template.containers, ...(properties.template.initContainers ?? [])])
        c.resources ??= { cpu: 0.5, memory: '1Gi' };
      properties.eventStreamEndpoint = `${req.baseUrl}/subscriptions/${req.params.subscriptionId}/resourceGroups/${req.params.resourceGroupName}/containerApps/${req.params.jobName}/eventstream`;
      properties.workloadProfileName ??= 'Consumption';
      const parsed = parseResourceId(id)!;
      const { resource, created } = putResource(
        ctx,
        parsed,
        id,
        {
          location: body.location,
          tags: body.tags,
          identity: withIdentityIds(ctx, body.identity),
          properties,
        },
        req.query.get('api-version') ?? '',
      );
      return json(created ? 201 : 200, jobView(ctx, resource));
    }, onJob('write')),
  );
  router.get(
    jobPath,
    'Jobs_Get',
    h((req) => {
      const refused = guard(req);
      if (refused) return refused;
      const job = findJob(req);
      return job ? json(200, jobView(ctx, job)) : jobNotFound(req);
    }, onJob('read')),
  );
  router.delete(
    jobPath,
    'Jobs_Delete',
    h(async (req) => {
      const refused = guard(req);
      if (refused) return refused;
      const job = findJob(req);
      if (!job) return noContent(204);
      await onDelete(job.id);
      job.properties.provisioningState = 'Deleting';
      return startOperation(ctx, req, req.params.subscriptionId, { kind: 'deleteResource', id: job.id });
    }, onJob('delete')),
  );
  router.post(
    `${jobPath}/listSecrets`,
    'Jobs_ListSecrets',
    h((req) => {
      const job = findJob(req);
      if (!job) return jobNotFound(req);
      return json(200, { value: containerAppsState(ctx).secrets[idKey(job.id)] ?? [] });
    }, onJob('listsecrets/action')),
  );
  const list = (req: SandboxRequest, group?: string) => {
    const scope = group
      ? resourceGroupId(req.params.subscriptionId, group)
      : `/subscriptions/${req.params.subscriptionId}`;
    if (!ctx.authz.hasAnyAccess(req, scope))
      return armAuthorizationFailed(req.caller, 'Microsoft.App/jobs/read', scope, {
        allowed: false,
        conditionNotFulfilled: false,
      });
    return json(200, {
      value: Object.values(armState(ctx).resources)
        .filter(
          (r) =>
            r.type.toLowerCase() === 'microsoft.app/jobs' &&
            r.subscriptionId.toLowerCase() === req.params.subscriptionId.toLowerCase() &&
            (!group || r.resourceGroup.toLowerCase() === group.toLowerCase()),
        )
        .filter((r) => ctx.authz.canSee(req, { action: 'Microsoft.App/jobs/read', scope: r.id }))
        .map((r) => jobView(ctx, r)),
    });
  };
  router.get(
    '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.App/jobs',
    'Jobs_ListByResourceGroup',
    h((req) => list(req, req.params.resourceGroupName)),
  );
  router.get(
    '/subscriptions/{subscriptionId}/providers/Microsoft.App/jobs',
    'Jobs_ListBySubscription',
    h((req) => list(req)),
  );
}
