import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  azInvocations,
  isParsed,
  parseScenarioDocument,
  splitShellCommands,
  type ParsedScenario,
} from '../../../core/scenario';
import { loadBashParser } from '../../../core/shell';

beforeAll(() => loadBashParser());

const fixture = (name: string): string =>
  readFileSync(path.join(__dirname, '..', '..', 'catalog', 'fixtures', 'lint', name), 'utf8');

function parsed(text: string, file = 'compute-90-valid.md'): ParsedScenario {
  const result = parseScenarioDocument(text, file);
  if (!isParsed(result)) throw new Error(`expected a parsed scenario, got ${JSON.stringify(result.errors)}`);
  return result;
}

describe('scenario parser', () => {
  const scenario = parsed(fixture('compute-90-valid.md'));

  it('reads and validates the front matter', () => {
    expect(scenario.id).toBe('compute-90-valid');
    expect(scenario.frontMatter.area).toBe('compute');
    expect(scenario.frontMatter.roles).toEqual(['Contributor']);
    expect(scenario.frontMatter.cost).toEqual({ class: 'low', estimatedUsdPerHour: 0.5 });
    expect(scenario.frontMatter.durations).toEqual({ deploy: 5, operate: 2, cleanup: 5 });
    expect(scenario.frontMatter.enabled).toBe(true);
  });

  it('keeps front-matter variables in document order', () => {
    expect(scenario.variables).toEqual([
      ['RG', 'haymaker-compute90-${HAYMAKER_RUN_SHORT}'],
      ['STORAGE', 'hmc90${HAYMAKER_RUN_SHORT}'],
    ]);
  });

  it('maps Deployment, Operations and Cleanup sections to phases with their steps', () => {
    expect(scenario.phases.deploy.map((s) => s.title)).toEqual([
      'Create the resource group',
      'Create the storage account',
    ]);
    expect(scenario.phases.operate.map((s) => s.title)).toEqual(['Review the account']);
    expect(scenario.phases.cleanup.map((s) => s.title)).toEqual(['Delete the resource group']);
  });

  it('gives each step its intent prose, its bash and the 1-based line of its code block', () => {
    const [group, storage] = scenario.phases.deploy;
    expect(group!.intent).toBe('Every scenario owns one resource group named after the run.');
    expect(group!.code).toBe(
      'az group create --name "$RG" --location "$AZURE_LOCATION" --tags $HAYMAKER_TAGS\n',
    );
    expect(group!.line).toBe(37);
    expect(group!.headingLine).toBe(33);
    expect(storage!.line).toBe(43);
    expect(storage!.code).toContain('--sku Standard_LRS');
  });

  it('takes the narrative from its own section', () => {
    expect(scenario.narrative).toBe(
      "Contoso's platform team keeps a scratch storage account for build logs.",
    );
  });

  it('reports the line of every front-matter key, nested keys included', () => {
    expect(scenario.fieldLines.id).toBe(2);
    expect(scenario.fieldLines['cost.estimatedUsdPerHour']).toBe(14);
    expect(scenario.fieldLines['variables.STORAGE']).toBe(22);
  });

  it('finds az commands with their document lines, across line continuations', () => {
    const found = azInvocations(scenario).map((a) => [a.line, a.path.join(' ')]);
    expect(found).toEqual([
      [38, 'group create'],
      [44, 'storage account create'],
      [46, 'storage container-rm create'],
      [54, 'storage account show'],
      [62, 'group delete'],
    ]);
    const create = azInvocations(scenario)[1]!;
    expect(create.flags.find((f) => f.name === '--tags')!.values.map((v) => v.raw)).toEqual([
      '$HAYMAKER_TAGS',
    ]);
  });

  it('fails with front-matter-missing on line 1 when there is no front matter', () => {
    const result = parseScenarioDocument('# Title\n\n## Deployment\n', 'x.md');
    expect(isParsed(result)).toBe(false);
    expect(!isParsed(result) && result.errors).toEqual([
      expect.objectContaining({ rule: 'front-matter-missing', line: 1, file: 'x.md' }),
    ]);
  });

  it('names the invalid field and its line', () => {
    const result = parseScenarioDocument(fixture('compute-92-front-matter-invalid.md'), 'f.md');
    expect(!isParsed(result) && result.errors).toEqual([
      expect.objectContaining({
        rule: 'front-matter-invalid',
        line: 14,
        message: expect.stringContaining('cost.estimatedUsdPerHour'),
      }),
    ]);
  });

  it('reports YAML syntax errors with the line in the document', () => {
    const text = '---\nid: compute-01-x\narea: compute\ndescription: checks: health, inventory\n---\n';
    const result = parseScenarioDocument(text, 'y.md');
    expect(!isParsed(result) && result.errors[0]).toEqual(
      expect.objectContaining({ rule: 'front-matter-invalid', line: 4 }),
    );
  });

  it('refuses a document without resource groups or roles, and a group variable the orchestrator cannot compute', () => {
    const noGroups = fixture('compute-90-valid.md').replace('resourceGroups: [RG]\n', '');
    expect(
      !isParsed(parseScenarioDocument(noGroups, 'z.md')) && parseScenarioDocument(noGroups, 'z.md'),
    ).toEqual({
      errors: [
        expect.objectContaining({
          rule: 'front-matter-invalid',
          message: expect.stringContaining('resourceGroups'),
        }),
      ],
    });
    const computed = fixture('compute-90-valid.md').replace(
      'RG: haymaker-compute90-${HAYMAKER_RUN_SHORT}',
      'RG: haymaker-${HAYMAKER_SCENARIO}-${HAYMAKER_RUN_SHORT}',
    );
    const result = parseScenarioDocument(computed, 'z.md');
    expect(!isParsed(result) && result.errors[0]).toEqual(
      expect.objectContaining({
        rule: 'front-matter-invalid',
        line: 9,
        message: expect.stringContaining('RG may use only ${HAYMAKER_RUN_SHORT}'),
      }),
    );
  });
});

describe('scenario regions', () => {
  const withRegions = (list: string) =>
    fixture('compute-90-valid.md').replace(
      'resourceGroups: [RG]\n',
      `resourceGroups: [RG]\nregions: ${list}\n`,
    );

  it('reads the regions a scenario declares, as ARM names; none declared means any', () => {
    expect(parsed(withRegions('[eastus, West Europe]')).frontMatter.regions).toEqual([
      'eastus',
      'westeurope',
    ]);
    expect(parsed(fixture('compute-90-valid.md')).frontMatter.regions).toBeUndefined();
  });

  it('refuses a region name Azure does not have, and an empty list, naming the field', () => {
    const unknown = parseScenarioDocument(withRegions('[eastus, marsnorth]'), 'r.md');
    expect(!isParsed(unknown) && unknown.errors).toEqual([
      expect.objectContaining({
        rule: 'front-matter-invalid',
        message: expect.stringMatching(/regions.*"marsnorth" is not an Azure region name/),
      }),
    ]);
    const empty = parseScenarioDocument(withRegions('[]'), 'r.md');
    expect(!isParsed(empty) && empty.errors[0]).toEqual(
      expect.objectContaining({ rule: 'front-matter-invalid', message: expect.stringContaining('regions') }),
    );
  });
});

describe('parser warnings', () => {
  it('warns about a bash block under a phase but outside any step', () => {
    const text = fixture('compute-90-valid.md').replace(
      '## Cleanup\n',
      '## Cleanup\n\n```bash\naz group list\n```\n',
    );
    expect(parsed(text).warnings).toEqual([
      expect.objectContaining({ rule: 'code-outside-step', severity: 'warning', line: 59 }),
    ]);
  });
});

describe('shell word splitter', () => {
  it('finds commands inside $(...), after if/then, and across && and continuations, with their lines', () => {
    const code = [
      'ID=$(az storage account show -n "$A" --query id -o tsv)',
      'if az group exists -g "$RG"; then echo yes > /dev/null 2>&1; fi',
      'az vm create \\',
      "  --name 'my vm' && az vm list",
    ].join('\n');
    const commands = splitShellCommands(code).filter((c) => c.words[0]?.text === 'az');
    expect(commands.map((c) => [c.line, c.words.map((w) => w.text).join(' ')])).toEqual([
      [0, 'az storage account show -n $A --query id -o tsv'],
      [1, 'az group exists -g $RG'],
      [2, 'az vm create --name my vm'],
      [3, 'az vm list'],
    ]);
  });

  it('skips heredoc bodies and comments', () => {
    const code = 'cat <<EOF > file.txt\naz not a command\nEOF\n# az commented out\naz group list';
    const az = splitShellCommands(code).filter((c) => c.words[0]?.text === 'az');
    expect(az.map((c) => [c.line, c.words.length])).toEqual([[4, 3]]);
  });
});
