// Seeded selection over the scenario library: the same seed picks the same scenarios, so a replayed or rewound
// run selects what it selected before.
import { selectScenarioIds } from '../core/scenario/selection';
import type { ActivityHandler } from '../contract/activities';
import type { Dependencies } from './dependencies';

export function createSelectScenarios(
  deps: Pick<Dependencies, 'settings' | 'scenarios'>,
): ActivityHandler<'selectScenarios'> {
  return async ({ request, seed }) => {
    const available = await deps.scenarios.list();
    const ids = request.scenarioIds?.length ? request.scenarioIds : deps.settings.simulationScenarios;
    const scenarioIds = selectScenarioIds(available, {
      seed,
      ...(ids?.length ? { ids } : { size: request.size ?? deps.settings.simulationSize }),
    });
    if (scenarioIds.length === 0) {
      throw new Error(
        `no enabled scenarios to select from ${available.length} documents; enable scenarios or check HAYMAKER_SCENARIOS_DIR`,
      );
    }
    return { scenarioIds };
  };
}
