// Scenario documents are baked into the image; the job names one by id.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isParsed, parseScenarioDocument, type ParsedScenario } from '../core/scenario';
import { errorText } from '../core/error-text';

export async function loadScenario(
  dir: string,
  scenarioId: string,
): Promise<{ scenario: ParsedScenario; text: string }> {
  const file = join(dir, `${scenarioId}.md`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(
      `could not read scenario ${scenarioId} at ${file}: ${errorText(error)} — is HAYMAKER_SCENARIOS_DIR right and the scenario in the image?`,
    );
  }
  const parsed = parseScenarioDocument(text, file);
  if (!isParsed(parsed)) {
    throw new Error(
      `scenario ${file} does not parse: ${parsed.errors.map((e) => `line ${e.line} ${e.rule}: ${e.message}`).join('; ')}`,
    );
  }
  return { scenario: parsed, text };
}
