// Seeded selection over the scenario library: the same seed picks the same scenarios, so a replayed or rewound
// run selects what it selected before. A scenario that needs a grant HayMaker cannot give is refused here, with its
// reasons, and never run: by size it is not drawn at all, by id it is named in `refused`. The grant plan of each
// selected scenario (its resource groups for this run, the roles at them and its region) goes into orchestration
// history. Each scenario's region is drawn with the seed from the allowed regions (HAYMAKER_REGIONS) it supports;
// one that supports none of them is refused like an ungrantable one.
import { grantRefusals } from '../core/authorization/scenario-grants';
import { runShort } from '../core/naming';
import { pickRegion, type RegionPick } from '../core/regions';
import { groupNameForRun } from '../core/scenario/resource-groups';
import { selectScenarioIds } from '../core/scenario/selection';
import type { ActivityHandler, RefusedScenario, ScenarioGrantPlan } from '../contract/activities';
import type { Dependencies, ScenarioSummary } from './dependencies';

export function createSelectScenarios(
  deps: Pick<Dependencies, 'settings' | 'scenarios'>,
): ActivityHandler<'selectScenarios'> {
  return async ({ runId, request, seed }) => {
    const available = await deps.scenarios.list();
    if (available.length === 0)
      throw new Error(
        'no scenario documents to select from; check HAYMAKER_SCENARIOS_DIR (the library is baked into the app)',
      );
    const regions = new Map<string, RegionPick>(
      available.map((s) => [s.id, pickRegion(deps.settings.regions, s.regions, seed, s.id)]),
    );
    const refusals = new Map(
      available
        .map((s): [string, string[]] => [
          s.id,
          [...grantRefusals(s.grants), ...regionRefusal(regions.get(s.id)!)],
        ])
        .filter(([, reasons]) => reasons.length > 0),
    );
    const ids = request.scenarioIds?.length ? request.scenarioIds : deps.settings.simulationScenarios;
    const picked = ids?.length
      ? selectScenarioIds(available, { seed, ids })
      : selectScenarioIds(
          available.filter((s) => !refusals.has(s.id)),
          { seed, size: request.size ?? deps.settings.simulationSize },
        );
    if (!ids?.length && picked.length === 0)
      throw new Error(
        `no enabled scenario that HayMaker can grant among ${available.length} documents; enable scenarios or check HAYMAKER_SCENARIOS_DIR`,
      );
    const refused: RefusedScenario[] = (
      ids?.length ? picked : available.filter((s) => s.enabled).map((s) => s.id)
    )
      .filter((id) => refusals.has(id))
      .map((scenarioId) => ({ scenarioId, reasons: refusals.get(scenarioId)! }));
    const byId = new Map(available.map((s) => [s.id, s]));
    const scenarioIds = picked.filter((id) => !refusals.has(id));
    const short = runShort(runId);
    const grants: Record<string, ScenarioGrantPlan> = Object.fromEntries(
      scenarioIds.map((id) => [id, { ...grantPlan(byId.get(id)!, short), ...regionOf(regions.get(id)!) }]),
    );
    return { scenarioIds, refused, grants };
  };
}

function grantPlan(scenario: ScenarioSummary, short: string): ScenarioGrantPlan {
  return {
    resourceGroups: scenario.grants.resourceGroupTemplates.map((t) => groupNameForRun(t, short)),
    roles: [...scenario.grants.roles],
  };
}

const regionRefusal = (pick: RegionPick): string[] => ('reason' in pick ? [pick.reason] : []);
const regionOf = (pick: RegionPick): { region?: string } => ('region' in pick ? { region: pick.region } : {});
