// The --sandbox-record file's shape (report.json's is contract/report.ts) and the resources the e2e tests seed.
import type { RequestLogEntry } from '../../../sandbox';

export interface SandboxRecord {
  requests: RequestLogEntry[];
}

export interface SeededResource {
  id: string;
  tags?: Record<string, string>;
}

export const OTHER_SUBSCRIPTION = '00000000-0000-4000-8000-0000000000aa';

/** A resource tagged for the run and scenario that no agent deletes, plus decoys that must survive every delete. */
/** The e2e tests' own group of decoys: foreign to every run, whatever tags its resources carry. */
export const DECOY_GROUP = 'rg-e2e-decoys';

export function forgottenAndDecoys(
  runId: string,
  scenarioId: string,
): { forgotten: SeededResource; decoys: SeededResource[]; all: SeededResource[] } {
  const tags = (executionId: string) => ({
    'AzureHayMaker-managed': 'true',
    Owner: 'AzureHayMaker',
    ExecutionId: executionId,
    Scenario: scenarioId,
  });
  // Outside the run's groups, carrying the run's tags: a tag alone never makes a resource HayMaker's, so it must stay.
  const forgotten = {
    id: `/subscriptions/{subscriptionId}/resourceGroups/${DECOY_GROUP}/providers/Microsoft.Storage/storageAccounts/sttaggedfake01`,
    tags: tags(runId),
  };
  const decoys = [
    {
      id: '/subscriptions/{subscriptionId}/resourceGroups/rg-e2e-decoys/providers/Microsoft.Storage/storageAccounts/stuntagged01',
    },
    {
      id: '/subscriptions/{subscriptionId}/resourceGroups/rg-e2e-decoys/providers/Microsoft.Storage/storageAccounts/stotherrun01',
      tags: tags('00000000-1111-4222-8333-444444444444'),
    },
    {
      id: `/subscriptions/${OTHER_SUBSCRIPTION}/resourceGroups/rg-e2e-decoys/providers/Microsoft.Storage/storageAccounts/stothersub01`,
      tags: tags(runId),
    },
  ];
  return { forgotten, decoys: [forgotten, ...decoys], all: [forgotten, ...decoys] };
}
