import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { audienceForScope, endpointAliases, isGraphAudience } from '../entra/audiences';
import type { BuiltinPrincipal } from '../entra/builtin-principals';
import { graphServicePrincipalId } from '../entra/builtin-principals';
import { graphAppRoleById } from '../entra/graph-app-roles';
import { directoryState } from '../graph/directory-store';
import type { ServiceContext } from './service';

/**
 * In-process sign-in as a built-in principal (tests and the sandbox's own setup): the token the token endpoint would
 * issue, with the principal's Microsoft Graph permissions as `roles`, without an HTTP round trip.
 */
export function principalCredential(ctx: ServiceContext, principal: BuiltinPrincipal): TokenCredential {
  return {
    async getToken(scopes): Promise<AccessToken> {
      const scope = Array.isArray(scopes) ? scopes.join(' ') : scopes;
      const audience = audienceForScope(scope, endpointAliases(ctx.endpoints));
      if (!audience) throw new Error(`the sandbox issues no token for scope '${scope}'`);
      const graphSp = graphServicePrincipalId(ctx);
      const roles = isGraphAudience(audience)
        ? Object.values(directoryState(ctx).appRoleAssignments)
            .filter((a) => a.principalId === principal.objectId && a.resourceId === graphSp)
            .map((a) => graphAppRoleById(a.appRoleId)?.value)
            .filter((v): v is NonNullable<typeof v> => v !== undefined)
        : [];
      const issued = ctx.identity.issue({
        objectId: principal.objectId,
        appId: principal.clientId,
        audience,
        roles: [...new Set(roles)],
      });
      return { token: issued.token, expiresOnTimestamp: issued.expiresOn * 1000 };
    },
  };
}
