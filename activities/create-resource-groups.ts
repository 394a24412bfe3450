// Creates a scenario's resource groups before its agent runs: tagged, in the scenario region, named from the run.
// Idempotent: a group this run already created (recorded in the audit trail) is PUT again, which only refreshes its
// tags. A group that exists but that HayMaker did not create for this run is never adopted: the scenario principal
// would get roles on someone else's group and the janitor would later delete it.
import { haymakerTags } from '../core/tags';
import type { ActivityHandler } from '../contract/activities';
import type { Dependencies } from './dependencies';
import { RESOURCE_GROUP_CREATED, resourceGroupEventId, runResourceGroupIds } from './run-resource-groups';

type Deps = Pick<Dependencies, 'settings' | 'arm' | 'audit' | 'now'>;

export function createCreateResourceGroups(deps: Deps): ActivityHandler<'createResourceGroups'> {
  return async (input) => {
    const owned = await runResourceGroupIds(deps.audit, input.runId, input.scenarioId);
    const resourceGroupIds: string[] = [];
    for (const name of input.resourceGroups) {
      const id = `/subscriptions/${deps.settings.subscriptionId}/resourceGroups/${name}`;
      if (!owned.has(id.toLowerCase())) {
        const existing = await deps.arm.getResourceGroup(name);
        if (existing.found)
          throw new Error(
            `resource group ${name} already exists and HayMaker did not create it for run ${input.runId}; ` +
              'refusing to grant the scenario principal anything on it (delete or rename that group, then rewind the run)',
          );
        // Recorded before the PUT, so a crash between the two still leaves the group HayMaker's.
        await deps.audit.recordEvent({
          eventId: resourceGroupEventId(input.runId, input.scenarioId, id),
          runId: input.runId,
          scenarioId: input.scenarioId,
          type: RESOURCE_GROUP_CREATED,
          source: 'orchestrator',
          timestamp: deps.now().toISOString(),
          data: { resourceGroupId: id, location: input.location },
        });
      }
      const group = await deps.arm.putResourceGroup(name, input.location, { ...haymakerTags(input) });
      resourceGroupIds.push(group.id || id);
    }
    return { resourceGroupIds };
  };
}
