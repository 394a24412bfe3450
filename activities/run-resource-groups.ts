// Which resource groups a run owns: those the orchestrator created for it (createResourceGroups records each in the
// audit trail, as an orchestrator event, before it creates the group). Ownership never comes from tags: anyone who
// can write a resource can tag it with a run's tags. Agent events are stored with source 'agent', so an agent cannot
// forge this record.
import type { AuditStore } from '../adapters/audit-store';

export const RESOURCE_GROUP_CREATED = 'resource_group_created';

export function resourceGroupEventId(runId: string, scenarioId: string, groupId: string): string {
  return `orch-rg:${runId}:${scenarioId}:${groupId.toLowerCase()}`;
}

/** Lower-cased ids of the groups the orchestrator created for the run (or one scenario of it). */
export async function runResourceGroupIds(
  audit: Pick<AuditStore, 'listEvents'>,
  runId: string,
  scenarioId?: string,
): Promise<Set<string>> {
  const events = await audit.listEvents(runId);
  return new Set(
    events
      .filter(
        (e) =>
          e.source === 'orchestrator' &&
          e.type === RESOURCE_GROUP_CREATED &&
          (scenarioId === undefined || e.scenarioId === scenarioId) &&
          typeof e.data.resourceGroupId === 'string',
      )
      .map((e) => String(e.data.resourceGroupId).toLowerCase()),
  );
}
