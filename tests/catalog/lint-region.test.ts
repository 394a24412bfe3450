// The linter expands a scenario's variables as a run would: AZURE_LOCATION is the first region the scenario declares
// (a run may place it there), the sample region otherwise.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { scenarioContext, SAMPLE_RUN } from '../../catalog/lint/context';
import { isParsed, parseScenarioDocument, type ParsedScenario } from '../../core/scenario';
import { loadBashParser } from '../../core/shell';

beforeAll(() => loadBashParser());

const valid = readFileSync(path.join(__dirname, 'fixtures', 'lint', 'compute-90-valid.md'), 'utf8');

function parsed(text: string): ParsedScenario {
  const result = parseScenarioDocument(text, 'compute-90-valid.md');
  if (!isParsed(result)) throw new Error(JSON.stringify(result.errors));
  return result;
}

describe('lint context region', () => {
  it('uses the first declared region, or the sample region without a declaration', () => {
    const declared = parsed(
      valid.replace('resourceGroups: [RG]\n', 'resourceGroups: [RG]\nregions: [japaneast, westeurope]\n'),
    );
    expect(scenarioContext(declared).env.get('AZURE_LOCATION')).toBe('japaneast');
    expect(scenarioContext(parsed(valid)).env.get('AZURE_LOCATION')).toBe(SAMPLE_RUN.location);
  });
});
