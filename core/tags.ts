// The tag contract of DESIGN.md §2: every resource a scenario creates carries these.

export const TAG_MANAGED = 'AzureHayMaker-managed';
export const TAG_SCENARIO = 'Scenario';
export const TAG_OWNER = 'Owner';
export const TAG_EXECUTION_ID = 'ExecutionId';
export const TAG_CREATED_AT = 'CreatedAt';
export const TAG_EXPIRES_AT = 'ExpiresAt';

export const OWNER_VALUE = 'AzureHayMaker';

export type HayMakerTags = Readonly<Record<string, string>> & {
  readonly [TAG_MANAGED]: 'true';
  readonly [TAG_SCENARIO]: string;
  readonly [TAG_OWNER]: typeof OWNER_VALUE;
  readonly [TAG_EXECUTION_ID]: string;
  readonly [TAG_CREATED_AT]: string;
  readonly [TAG_EXPIRES_AT]: string;
};

export interface TagInput {
  runId: string;
  scenarioId: string;
  /** Taken from the orchestration clock or the run start, never from the agent's wall clock. */
  createdAt: Date | string;
  expiresAt: Date | string;
}

const iso = (value: Date | string): string =>
  typeof value === 'string' ? new Date(value).toISOString() : value.toISOString();

export function haymakerTags(input: TagInput): HayMakerTags {
  return {
    [TAG_MANAGED]: 'true',
    [TAG_SCENARIO]: input.scenarioId,
    [TAG_OWNER]: OWNER_VALUE,
    [TAG_EXECUTION_ID]: input.runId,
    [TAG_CREATED_AT]: iso(input.createdAt),
    [TAG_EXPIRES_AT]: iso(input.expiresAt),
  } as HayMakerTags;
}

/** The `key=value key=value` form that `az ... --tags` takes (values here contain no spaces). */
export function tagsForAzCli(tags: Readonly<Record<string, string>>): string {
  return Object.entries(tags)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

/** True when a resource's tags mark it as created by this run (and, if given, this scenario). */
export function isTaggedForRun(
  tags: Readonly<Record<string, string>> | undefined | null,
  runId: string,
  scenarioId?: string,
): boolean {
  if (!tags) return false;
  if (tags[TAG_MANAGED] !== 'true' || tags[TAG_EXECUTION_ID] !== runId) return false;
  return scenarioId === undefined || tags[TAG_SCENARIO] === scenarioId;
}
