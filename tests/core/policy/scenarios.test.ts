import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runShort } from '../../../core/naming';
import { checkScript, loadBashParser } from '../../../core/policy';
import { expandVariables, isParsed, parseScenarioDocument } from '../../../core/scenario';
import { haymakerTags, tagsForAzCli } from '../../../core/tags';

// The policy must let the scenario library run: every step of every document passes, as the agent judges it
// (the step's shell starts with the run variables and the front-matter variables resolved).
const dir = join(__dirname, '..', '..', '..', 'scenarios');
const RUN_ID = 'c0ffee42-7d1e-4b6a-9f00-123456789abc';
const SUBSCRIPTION = '6d9a1f3e-0000-4000-8000-00000000a001';
const documents = readdirSync(dir)
  .filter((f) => /^[a-z].*-\d{2}-.*\.md$/.test(f))
  .flatMap((file) => {
    const parsed = parseScenarioDocument(readFileSync(join(dir, file), 'utf8'), file);
    return isParsed(parsed) ? [[file, parsed] as const] : [];
  });

beforeAll(() => loadBashParser());

describe('command policy over the scenario library', () => {
  it('finds the 50 scenario documents', () => {
    expect(documents.length).toBeGreaterThanOrEqual(50);
  });

  it.each(documents)('allows every step of %s', (_file, parsed) => {
    const tags = haymakerTags({
      runId: RUN_ID,
      scenarioId: parsed.id,
      createdAt: '2026-11-23T12:00:00Z',
      expiresAt: '2026-11-24T00:00:00Z',
    });
    const env = new Map<string, string>([
      ['HAYMAKER_RUN_ID', RUN_ID],
      ['HAYMAKER_RUN_SHORT', runShort(RUN_ID)],
      ['HAYMAKER_SCENARIO', parsed.id],
      ['HAYMAKER_TAGS', tagsForAzCli(tags)],
      ['HAYMAKER_SP_CLIENT_ID', '0f0e0d0c-1111-4222-8333-444455556666'],
      ['AZURE_SUBSCRIPTION_ID', SUBSCRIPTION],
      ['AZURE_TENANT_ID', '72f988bf-0000-4000-8000-000000000001'],
      ['AZURE_LOCATION', 'eastus'],
    ]);
    for (const [name, value] of parsed.variables) env.set(name, expandVariables(value, env) ?? value);
    const ctx = {
      runId: RUN_ID,
      runShort: runShort(RUN_ID),
      subscriptionId: SUBSCRIPTION,
      tags: { ...tags },
      env: Object.fromEntries(env),
    };
    const refused = (['deploy', 'operate', 'cleanup'] as const).flatMap((phase) =>
      parsed.phases[phase].flatMap((step) =>
        checkScript(step.code, ctx)
          .verdicts.filter((v) => !v.allowed)
          .map((v) => `${phase} "${step.title}": ${v.rule} — ${v.reason} (${v.command})`),
      ),
    );
    expect(refused).toEqual([]);
  });

  // A --tags the real CLI does not know fails the step in Azure (`unrecognized arguments`), though the sandbox's
  // stand-in would accept it: the policy adds tags only where az takes them (azure-cli 2.45 help of each command).
  it.each([
    `az acr scope-map create --name pull --registry hmacr --resource-group rg-${runShort(RUN_ID)} --repository app content/read`,
    `az acr token create --name pipeline --registry hmacr --resource-group rg-${runShort(RUN_ID)} --scope-map pull --no-passwords`,
    `az resource create --resource-group rg-${runShort(RUN_ID)} --name report --resource-type Microsoft.Logic/workflows --is-full-object --properties '{"location":"eastus"}'`,
  ])('adds no --tags to %s', (command) => {
    const ctx = { runId: RUN_ID, runShort: runShort(RUN_ID), subscriptionId: SUBSCRIPTION, tags: { a: 'b' } };
    const result = checkScript(command, ctx);
    expect(result.allowed).toBe(true);
    expect(result.rewritten).toBeUndefined();
  });

  it('still adds the run tags to a registry create that lacks them', () => {
    const ctx = { runId: RUN_ID, runShort: runShort(RUN_ID), subscriptionId: SUBSCRIPTION, tags: { a: 'b' } };
    expect(
      checkScript(`az acr create --name hmacr --resource-group rg-${runShort(RUN_ID)} --sku Basic`, ctx)
        .rewritten,
    ).toContain('--tags a=b');
  });
});
