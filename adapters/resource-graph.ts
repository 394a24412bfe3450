// Resource Graph: finds what a run tagged. The index lags ARM by seconds to minutes, so callers confirm each hit
// with an ARM GET before acting on it.
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { AdapterError, nextStepFor } from './errors';
import { withRetry } from './retry';
import { modernArmOptions, type ArmContext } from './client-options';
import { buildTaggedQuery, type GraphTable } from './resource-graph-query';

export interface GraphResourceRow {
  id: string;
  name: string;
  type: string;
  resourceGroup?: string;
  subscriptionId?: string;
  tags: Record<string, string>;
}

export interface ResourceGraph {
  /** Every row of `Resources` or `ResourceContainers` tagged with the run (and scenario), all pages. */
  findTagged(table: GraphTable, runId: string, scenarioId?: string): Promise<GraphResourceRow[]>;
  /** Raw query over the configured subscription, all pages (the janitor's wider sweeps). */
  query(kql: string): Promise<GraphResourceRow[]>;
}

/** Bounds a runaway skipToken loop: 1,000 rows a page × 200 pages is far beyond one run. */
const MAX_PAGES = 200;
const PAGE_SIZE = 1000;

export function createResourceGraph(context: ArmContext & { pageSize?: number }): ResourceGraph {
  const client = new ResourceGraphClient(context.credential, modernArmOptions(context));

  const query = async (kql: string): Promise<GraphResourceRow[]> => {
    const rows: GraphResourceRow[] = [];
    let skipToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      let response;
      try {
        response = await withRetry(
          () =>
            client.resources({
              subscriptions: [context.subscriptionId],
              query: kql,
              options: {
                resultFormat: 'objectArray',
                top: context.pageSize ?? PAGE_SIZE,
                ...(skipToken ? { skipToken } : {}),
              },
            }),
          context.retry,
        );
      } catch (error) {
        throw new AdapterError(
          'querying Resource Graph',
          error,
          nextStepFor(error, 'Reader on the subscription'),
        );
      }
      for (const raw of (response.data ?? []) as Record<string, any>[]) {
        rows.push({
          id: String(raw.id),
          name: String(raw.name ?? ''),
          type: String(raw.type ?? ''),
          resourceGroup: raw.resourceGroup ?? undefined,
          subscriptionId: raw.subscriptionId ?? undefined,
          tags: (raw.tags ?? {}) as Record<string, string>,
        });
      }
      skipToken = response.skipToken;
      if (!skipToken) return rows;
    }
    throw new Error(`Resource Graph kept returning skipTokens after ${MAX_PAGES} pages; narrow the query`);
  };

  return {
    query,
    findTagged: (table, runId, scenarioId) => query(buildTaggedQuery({ table, runId, scenarioId })),
  };
}
