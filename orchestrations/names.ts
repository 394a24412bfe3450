// Function names that app/main.ts registers and the orchestrations call. One place, so a rename cannot split them.
export const RUN_ORCHESTRATION = 'haymakerRunOrchestration';
export const SCENARIO_ORCHESTRATION = 'haymakerScenarioOrchestration';
