import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runShort } from '../../core/naming';
import { checkScript, expandVariables } from '../../core/policy';
import { isParsed, parseScenarioDocument } from '../../core/scenario';

// The policy must let the scenario library run: every step of every document passes.
const dir = join(__dirname, '..', '..', 'scenarios');
const RUN_ID = 'c0ffee42-7d1e-4b6a-9f00-123456789abc';
// Documents that do not parse are the catalog linter's to report; the policy judges the ones that do.
const documents = readdirSync(dir)
  .filter((f) => /^[a-z].*-\d{2}-.*\.md$/.test(f))
  .flatMap((file) => {
    const parsed = parseScenarioDocument(readFileSync(join(dir, file), 'utf8'), file);
    return isParsed(parsed) ? [[file, parsed] as const] : [];
  });

describe('command policy over the scenario library', () => {
  it('finds scenario documents', () => {
    expect(documents.length).toBeGreaterThan(0);
  });

  it.each(documents)('allows every step of %s', (_file, parsed) => {
    const env: Record<string, string> = {
      HAYMAKER_RUN_ID: RUN_ID,
      HAYMAKER_RUN_SHORT: runShort(RUN_ID),
      AZURE_SUBSCRIPTION_ID: '6d9a1f3e-0000-4000-8000-00000000a001',
      AZURE_LOCATION: 'eastus',
      HAYMAKER_TAGS: 'AzureHayMaker-managed=true',
    };
    for (const [name, value] of parsed.variables) env[name] = expandVariables(value, env);
    const ctx = {
      runId: RUN_ID,
      runShort: runShort(RUN_ID),
      subscriptionId: env.AZURE_SUBSCRIPTION_ID,
      tags: {},
      createdIds: [],
      env,
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
});
