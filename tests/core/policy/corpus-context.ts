// The run every corpus command is judged in (tests/core/policy/fixtures/*.jsonl).
import { haymakerTags, tagsForAzCli } from '../../../core/tags';
import type { PolicyContext } from '../../../core/policy';

export const RUN_ID = 'c0ffee42-7d1e-4b6a-9f00-123456789abc';
export const SUBSCRIPTION = '6d9a1f3e-0000-4000-8000-00000000a001';
const tags = haymakerTags({
  runId: RUN_ID,
  scenarioId: 'compute-00-example-template',
  createdAt: '2026-11-23T12:00:00Z',
  expiresAt: '2026-11-24T00:00:00Z',
});

export const corpusContext: PolicyContext = {
  runId: RUN_ID,
  runShort: 'c0ffee42',
  subscriptionId: SUBSCRIPTION,
  tags: { ...tags },
  // As the agent sets it: the groups the orchestrator created for the scenario.
  resourceGroups: ['haymaker-compute00-c0ffee42'],
  env: {
    RG: 'haymaker-compute00-c0ffee42',
    STORAGE: 'hmc00c0ffee42',
    AZURE_LOCATION: 'eastus',
    HAYMAKER_TAGS: tagsForAzCli(tags),
    HAYMAKER_SP_CLIENT_ID: '0f0e0d0c-1111-4222-8333-444455556666',
    RG_SCOPE: `/subscriptions/${SUBSCRIPTION}/resourceGroups/haymaker-compute00-c0ffee42`,
    APP_NAME: 'hm-app-c0ffee42',
  },
};
