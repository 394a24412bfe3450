// The scenario's own service principal. Every object has a deterministic name, so a retry or a rewind finds what
// an earlier attempt made; a password is added only when its Key Vault secret is missing, and its text goes
// straight into Key Vault — the activity returns the secret's NAME.
import { servicePrincipalDisplayName, servicePrincipalSecretName } from '../core/naming';
import { haymakerTags } from '../core/tags';
import type { ActivityHandler } from '../contract/activities';
import type { Dependencies } from './dependencies';

export function createProvisionPrincipal(
  deps: Pick<Dependencies, 'graph' | 'secrets'>,
): ActivityHandler<'provisionPrincipal'> {
  return async (ctx) => {
    const displayName = servicePrincipalDisplayName(ctx.scenarioId, ctx.runId);
    const secretName = servicePrincipalSecretName(ctx.scenarioId, ctx.runId);
    const app = await deps.graph.createOrGetApplication(displayName);
    const sp = await deps.graph.createOrGetServicePrincipal(app.appId);
    const existing = await deps.secrets.getInfo(secretName);
    // A secret written for an app that has since been replaced (deleted by hand, or by the janitor) is useless.
    if (!existing || (existing.tags.AppId !== undefined && existing.tags.AppId !== app.appId)) {
      const password = await deps.graph.addPassword(app.id, {
        displayName: 'haymaker-scenario',
        endDateTime: ctx.expiresAt,
      });
      await deps.secrets.set(secretName, password.secretText, {
        tags: { ...haymakerTags(ctx), AppId: app.appId },
        expiresOn: new Date(ctx.expiresAt),
      });
    }
    return { appId: app.appId, appObjectId: app.id, servicePrincipalId: sp.id, secretName, displayName };
  };
}
