// Builds the KQL that finds a run's resources. Values come from run ids and scenario ids that an operator or an
// API caller can influence, so each is escaped as a KQL string literal rather than pasted in.
import { TAG_EXECUTION_ID, TAG_MANAGED, TAG_SCENARIO } from '../core/tags';

/** A single-quoted KQL string literal: backslashes and quotes escaped, control characters refused. */
export function kqlString(value: string): string {
  if (/[\u0000-\u001f]/.test(value))
    throw new Error(
      `refusing to put a control character into a Resource Graph query: ${JSON.stringify(value)}`,
    );
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export type GraphTable = 'Resources' | 'ResourceContainers';

export interface TaggedQuery {
  table: GraphTable;
  runId: string;
  scenarioId?: string;
}

/** A query over `table` with `filters`, projecting what the adapters read, in a stable order. */
function taggedRows(table: GraphTable, filters: string[]): string {
  if (table === 'ResourceContainers')
    filters.unshift(`type =~ 'microsoft.resources/subscriptions/resourcegroups'`);
  return [
    table,
    ...filters.map((f) => `| where ${f}`),
    '| project id, name, type, resourceGroup, subscriptionId, tags',
    '| order by id asc',
  ].join('\n');
}

/** `tags['ExecutionId'] == '<run>'` (+ Scenario); ResourceContainers limited to resource groups. */
export function buildTaggedQuery({ table, runId, scenarioId }: TaggedQuery): string {
  const filters = [`tags[${kqlString(TAG_EXECUTION_ID)}] == ${kqlString(runId)}`];
  if (scenarioId !== undefined) filters.push(`tags[${kqlString(TAG_SCENARIO)}] == ${kqlString(scenarioId)}`);
  return taggedRows(table, filters);
}

/** Everything HayMaker ever tagged as managed (the janitor decides per row by ExecutionId and ExpiresAt). */
export function buildManagedQuery(table: GraphTable): string {
  return taggedRows(table, [`tags[${kqlString(TAG_MANAGED)}] == 'true'`]);
}
