// The managed identity endpoint a Container Apps job execution reaches through IDENTITY_ENDPOINT and
// IDENTITY_HEADER (the App Service protocol, api-version 2019-08-01, that Container Apps serves), so the agent runs
// the same ManagedIdentityCredential as in Azure and gets tokens of the job's user-assigned identity.
// https://learn.microsoft.com/azure/container-apps/managed-identity#rest-endpoint-reference
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxService, ServiceContext } from '../core/service';
import { audienceForScope, endpointAliases, isGraphAudience } from './audiences';
import { graphServicePrincipalId } from './builtin-principals';
import { graphAppRoleById } from './graph-app-roles';
import { directoryState } from '../graph/directory-store';

export interface JobIdentity {
  principalId: string;
  clientId: string;
}

export function createIdentityEndpointService(): SandboxService {
  return {
    name: 'managed-identity',
    endpoint: 'identity',
    async listen(ctx, port) {
      const grants = new Map<string, JobIdentity[]>();
      ctx.lookups.managedIdentityEnvironment = (identities) => {
        const header = randomBytes(24).toString('hex');
        grants.set(header, identities);
        return { IDENTITY_ENDPOINT: `${ctx.endpoints.identity}/msi/token`, IDENTITY_HEADER: header };
      };
      const server = createServer((req, res) => {
        const send = (status: number, body: unknown) => {
          res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify(body));
        };
        const url = new URL(req.url ?? '/', 'http://identity');
        if (req.method !== 'GET' || url.pathname !== '/msi/token')
          return send(404, { statusCode: 404, message: 'Not found' });
        const identities = grants.get(String(req.headers['x-identity-header'] ?? ''));
        if (!identities)
          return send(401, { statusCode: 401, message: 'Unauthorized: invalid X-IDENTITY-HEADER' });
        const resource = url.searchParams.get('resource') ?? '';
        const audience = audienceForScope(
          `${resource.replace(/\/+$/, '')}/.default`,
          endpointAliases(ctx.endpoints),
        );
        if (!audience) return send(400, { statusCode: 400, message: `Unknown resource '${resource}'` });
        const clientId = url.searchParams.get('client_id');
        const principalId = url.searchParams.get('principal_id') ?? url.searchParams.get('object_id');
        const chosen = clientId
          ? identities.find((i) => i.clientId.toLowerCase() === clientId.toLowerCase())
          : principalId
            ? identities.find((i) => i.principalId.toLowerCase() === principalId.toLowerCase())
            : identities.length === 1
              ? identities[0]
              : undefined;
        if (!chosen)
          return send(400, {
            statusCode: 400,
            message: 'No managed identity of this job matches the request (client_id / principal_id).',
          });
        const issued = ctx.identity.issue({
          objectId: chosen.principalId,
          appId: chosen.clientId,
          audience,
          roles: graphRoles(ctx, chosen.principalId, audience),
        });
        send(200, {
          access_token: issued.token,
          expires_on: String(issued.expiresOn),
          resource,
          token_type: 'Bearer',
          client_id: chosen.clientId,
        });
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      });
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      return {
        url,
        close: () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      };
    },
  };
}

function graphRoles(ctx: ServiceContext, principalId: string, audience: string): string[] {
  if (!isGraphAudience(audience)) return [];
  const graphSp = graphServicePrincipalId(ctx);
  return Object.values(directoryState(ctx).appRoleAssignments)
    .filter((a) => a.principalId === principalId && a.resourceId === graphSp)
    .map((a) => graphAppRoleById(a.appRoleId)?.value)
    .filter((v): v is NonNullable<typeof v> => v !== undefined);
}
