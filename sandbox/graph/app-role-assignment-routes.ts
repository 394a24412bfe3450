// App role assignments: granting an application permission (an app role of a resource service principal such as
// Microsoft Graph) to a service principal, as `POST /servicePrincipals/{id}/appRoleAssignments` and
// `…/appRoleAssignedTo` do. Needs AppRoleAssignment.ReadWrite.All.
// https://learn.microsoft.com/graph/api/serviceprincipal-post-approleassignments
import { z } from 'zod';
import { json, noContent, type SandboxRequest } from '../core/http';
import type { ServiceRouter } from '../core/router';
import type { ServiceContext } from '../core/service';
import type { DirectoryStore } from './directory-store';
import { badRequest, resourceNotFound } from './graph-errors';
import { canManageAppRoleAssignments, canReadAppRoleAssignments } from './permissions';

const assignmentBody = z.object({
  principalId: z.string().min(1),
  resourceId: z.string().min(1),
  appRoleId: z.string().min(1),
});

export function registerAppRoleAssignments(
  router: ServiceRouter,
  ctx: ServiceContext,
  store: DirectoryStore,
): void {
  const create = (req: SandboxRequest, side: 'principal' | 'resource') => {
    const denied = ctx.authz.graph(req, canManageAppRoleAssignments);
    if (denied) return denied;
    const body = assignmentBody.safeParse(req.body);
    if (!body.success)
      return badRequest('Send {"principalId", "resourceId", "appRoleId"} to create an app role assignment.');
    const { principalId, resourceId, appRoleId } = body.data;
    if ((side === 'principal' ? principalId : resourceId).toLowerCase() !== req.params.id.toLowerCase())
      return badRequest(
        `The ${side === 'principal' ? 'principalId' : 'resourceId'} of the body must be the service principal of the URL.`,
      );
    const principal = store.get('servicePrincipal', principalId);
    const resource = store.get('servicePrincipal', resourceId);
    if (!principal) return resourceNotFound(principalId);
    if (!resource) return resourceNotFound(resourceId);
    const role = (resource.appRoles as { id: string; allowedMemberTypes: string[] }[]).find(
      (r) => r.id.toLowerCase() === appRoleId.toLowerCase(),
    );
    if (!role || !role.allowedMemberTypes.includes('Application'))
      return badRequest(
        `Permission being assigned was not found on application '${String(resource.appId)}'.`,
        'Request_BadRequest',
      );
    const existing = Object.values(store.state.appRoleAssignments).find(
      (a) => a.principalId === principal.id && a.resourceId === resource.id && a.appRoleId === role.id,
    );
    if (existing)
      return badRequest('Permission being assigned already exists on the object', 'Request_BadRequest');
    const id = ctx.ids.guid();
    const assignment = {
      id,
      appRoleId: role.id,
      createdDateTime: new Date(ctx.clock.now()).toISOString(),
      deletedDateTime: null,
      principalDisplayName: String(principal.displayName ?? ''),
      principalId: principal.id,
      principalType: 'ServicePrincipal' as const,
      resourceDisplayName: String(resource.displayName ?? ''),
      resourceId: resource.id,
    };
    store.state.appRoleAssignments[id] = assignment;
    return json(201, {
      '@odata.context': `${req.baseUrl}/v1.0/$metadata#servicePrincipals('${req.params.id}')/${side === 'principal' ? 'appRoleAssignments' : 'appRoleAssignedTo'}/$entity`,
      ...assignment,
    });
  };
  const listOf = (req: SandboxRequest, side: 'principal' | 'resource') => {
    const denied = ctx.authz.graph(req, canReadAppRoleAssignments);
    if (denied) return denied;
    if (!store.get('servicePrincipal', req.params.id)) return resourceNotFound(req.params.id);
    const id = req.params.id.toLowerCase();
    const value = Object.values(store.state.appRoleAssignments).filter((a) =>
      side === 'principal' ? a.principalId === id : a.resourceId === id,
    );
    return json(200, {
      '@odata.context': `${req.baseUrl}/v1.0/$metadata#servicePrincipals('${req.params.id}')/${side === 'principal' ? 'appRoleAssignments' : 'appRoleAssignedTo'}`,
      value,
    });
  };
  const remove = (req: SandboxRequest) => {
    const denied = ctx.authz.graph(req, canManageAppRoleAssignments);
    if (denied) return denied;
    const assignment = store.state.appRoleAssignments[req.params.assignmentId];
    if (!assignment) return resourceNotFound(req.params.assignmentId);
    delete store.state.appRoleAssignments[req.params.assignmentId];
    return noContent();
  };
  router.post('/v1.0/servicePrincipals/{id}/appRoleAssignments', 'CreateAppRoleAssignment', (req) =>
    create(req, 'principal'),
  );
  router.post('/v1.0/servicePrincipals/{id}/appRoleAssignedTo', 'CreateAppRoleAssignedTo', (req) =>
    create(req, 'resource'),
  );
  router.get('/v1.0/servicePrincipals/{id}/appRoleAssignments', 'ListAppRoleAssignments', (req) =>
    listOf(req, 'principal'),
  );
  router.get('/v1.0/servicePrincipals/{id}/appRoleAssignedTo', 'ListAppRoleAssignedTo', (req) =>
    listOf(req, 'resource'),
  );
  router.delete(
    '/v1.0/servicePrincipals/{id}/appRoleAssignments/{assignmentId}',
    'DeleteAppRoleAssignment',
    remove,
  );
  router.delete(
    '/v1.0/servicePrincipals/{id}/appRoleAssignedTo/{assignmentId}',
    'DeleteAppRoleAssignedTo',
    remove,
  );
}
