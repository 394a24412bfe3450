// Rules about the az commands of a scenario: tags on creates, run-derived names, group cleanup, name lengths.
import {
  azInvocations,
  expandVariables,
  flagValues,
  type AzInvocation,
  type LintIssue,
} from '../../core/scenario';
import { isRunDerivedValue, SAMPLE_RUN, type ScenarioContext } from './context';
import { NAME_RULES, nameFlagsFor } from './name-rules';
import { CHILD_PARENT_FLAGS, createNeedsTags } from './untaggable';

const RESOURCE_GROUP_FLAGS = ['--resource-group', '-g'];
/**
 * Flags naming the parent or host of a created object: the parent's name carries the run, so the child's
 * own name may be fixed (a subnet "app" in a run's vnet, a web app's plan, a diagnostic setting on a resource).
 */
const PARENT_FLAGS = [
  ...CHILD_PARENT_FLAGS,
  '--registry',
  '--workspace-name',
  '--resource',
  '--scope',
  '--plan',
  '--app-name',
  '--environment',
  '--vault',
];

/**
 * Creates whose name must be unique beyond the run's resource group (subscription-wide or a global DNS
 * name): these must derive from the run. Any other object sits in the run's own resource group, which
 * already makes a fixed name such as "privatelink.blob.core.windows.net" unique to the run.
 */
const RUN_UNIQUE_NAME_CREATES = new Set([
  'group create',
  'storage account create',
  'keyvault create',
  'acr create',
  'webapp create',
  'functionapp create',
  'sql server create',
  'cosmosdb create',
  'postgres flexible-server create',
  'mysql flexible-server create',
  'redis create',
  'eventhubs namespace create',
  'servicebus namespace create',
  'relay namespace create',
  'cognitiveservices account create',
  'search service create',
  'apim create',
  'appconfig create',
  'signalr create',
  'webpubsub create',
  'batch account create',
  'synapse workspace create',
  'staticwebapp create',
  'iot hub create',
  'containerapp env create',
  'spring create',
  'datafactory create',
  'deployment sub create',
]);

export function checkCreateTags(ctx: ScenarioContext, invocations: AzInvocation[]): LintIssue[] {
  const issues: LintIssue[] = [];
  for (const inv of invocations) {
    if (
      !createNeedsTags(
        inv.path,
        inv.flags.map((f) => f.name),
      )
    )
      continue;
    const tagValues = inv.flags.filter((f) => f.name === '--tags').flatMap((f) => f.values);
    const carrying = tagValues.find(
      (w) => w.text.includes('$HAYMAKER_TAGS') || w.text.includes('${HAYMAKER_TAGS}'),
    );
    const command = `az ${inv.path.join(' ')}`;
    if (!carrying) {
      issues.push(
        ctx.issue(
          inv.line,
          'create-without-tags',
          `\`${command}\` has no --tags $HAYMAKER_TAGS: add it so the cleanup check and the janitor can find what this run made`,
        ),
      );
    } else if (carrying.raw.startsWith('"') || carrying.raw.startsWith("'")) {
      issues.push(
        ctx.issue(
          inv.line,
          'create-without-tags',
          `\`${command}\` quotes $HAYMAKER_TAGS, which makes all tags one malformed tag: write --tags $HAYMAKER_TAGS unquoted`,
        ),
      );
    }
  }
  return issues;
}

export function checkRunDerivedNames(ctx: ScenarioContext, invocations: AzInvocation[]): LintIssue[] {
  const issues: LintIssue[] = [];
  const report = (inv: AzInvocation, flag: string, value: string): void => {
    issues.push(
      ctx.issue(
        inv.line,
        'name-not-run-derived',
        `\`az ${inv.path.join(' ')}\` ${flag} "${value}" does not derive from the run: use a front-matter variable built from \${HAYMAKER_RUN_SHORT} so every phase computes the same, unique name`,
      ),
    );
  };
  for (const inv of invocations) {
    if (inv.path[0] === 'ad' || inv.path[0] === 'role') continue; // Entra objects are judged by the command policy
    for (const flag of inv.flags.filter((f) => RESOURCE_GROUP_FLAGS.includes(f.name))) {
      const value = flag.values[0];
      if (value && !isRunDerivedValue(value.text, ctx)) report(inv, flag.name, value.text);
    }
    const commandPath = inv.path.join(' ');
    if (!RUN_UNIQUE_NAME_CREATES.has(commandPath) || inv.flags.some((f) => PARENT_FLAGS.includes(f.name)))
      continue;
    for (const flag of inv.flags.filter(
      (f) => nameFlagsFor(commandPath).includes(f.name) && !RESOURCE_GROUP_FLAGS.includes(f.name),
    )) {
      const value = flag.values[0];
      if (value && !isRunDerivedValue(value.text, ctx)) report(inv, flag.name, value.text);
    }
  }
  return issues;
}

/** The name a value resolves to in a run (front-matter variables expanded), or its normalised text. */
function resolvedName(text: string, ctx: ScenarioContext): string {
  return expandVariables(text, ctx.env) ?? text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, '$$$1');
}

export function checkGroupsDeleted(ctx: ScenarioContext, invocations: AzInvocation[]): LintIssue[] {
  const names = (inv: AzInvocation): string[] =>
    flagValues(inv, ['--name', '-n', '--resource-group', '-g']).map((w) => resolvedName(w.text, ctx));
  const deleted = new Set(
    invocations.filter((i) => i.phase === 'cleanup' && i.path.join(' ') === 'group delete').flatMap(names),
  );
  return invocations
    .filter((i) => i.path.join(' ') === 'group create')
    .flatMap((inv) =>
      names(inv)
        .filter((name) => !deleted.has(name))
        .map((name) =>
          ctx.issue(
            inv.line,
            'group-never-deleted',
            `resource group "${name}" is created here but no \`az group delete\` in Cleanup removes it: add \`az group delete --name ... --yes --no-wait\` to Cleanup`,
          ),
        ),
    );
}

export function checkNameLengths(ctx: ScenarioContext, invocations: AzInvocation[]): LintIssue[] {
  const issues: LintIssue[] = [];
  for (const inv of invocations) {
    const commandPath = inv.path.join(' ');
    const rule = NAME_RULES[commandPath];
    if (!rule) continue;
    for (const word of flagValues(inv, nameFlagsFor(commandPath))) {
      const name = expandVariables(word.text, ctx.env);
      if (name === null) continue; // computed at run time: nothing to check here
      const problems: string[] = [];
      if (name.length < rule.min || name.length > rule.max)
        problems.push(`${name.length} characters, allowed ${rule.min}–${rule.max}`);
      if (!rule.pattern.test(name)) problems.push(`allowed characters: ${rule.describe}`);
      if (problems.length > 0) {
        issues.push(
          ctx.issue(
            inv.line,
            'name-length',
            `${rule.resource} name "${name}" (with run short "${SAMPLE_RUN.runShort}") breaks Azure's naming rules: ${problems.join('; ')} — shorten or change the variable`,
          ),
        );
      }
    }
  }
  return issues;
}

export function checkCommands(ctx: ScenarioContext): LintIssue[] {
  const invocations = azInvocations(ctx.scenario);
  return [
    ...checkCreateTags(ctx, invocations),
    ...checkRunDerivedNames(ctx, invocations),
    ...checkGroupsDeleted(ctx, invocations),
    ...checkNameLengths(ctx, invocations),
  ];
}
