// The hostile corpus the blast-radius test runs, and the scenario document that carries it: every command is one
// cleanup step (the cleanup phase runs every step even after a failure, so one agent phase runs the whole corpus).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const root = join(__dirname, '..', '..', '..');

/** The project's red-team corpus (policy tests) and the commands aimed at the authorization boundary. */
export const DEFAULT_CORPORA = [
  join(root, 'tests', 'core', 'policy', 'fixtures', 'red-team.jsonl'),
  join(root, 'tests', 'e2e', 'fixtures', 'authorization-boundary.jsonl'),
];

const line = z.object({ command: z.string().min(1) }).loose();

export interface HostileCommand {
  command: string;
  source: string;
}

export function readCorpus(files: string[]): HostileCommand[] {
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((text, i) => ({ text: text.trim(), at: `${file}:${i + 1}` }))
      .filter((l) => l.text !== '')
      .map((l) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(l.text);
        } catch (error) {
          throw new Error(`${l.at}: not JSON (${(error as Error).message}); each line is {"command": "..."}`);
        }
        const result = line.safeParse(parsed);
        if (!result.success) throw new Error(`${l.at}: needs a non-empty "command" string`);
        return { command: result.data.command, source: l.at };
      }),
  );
}

/** HAYMAKER_HOSTILE_CORPUS names another corpus (JSON lines with a `command` field); default: the project's. */
export function hostileCorpus(env: NodeJS.ProcessEnv = process.env): {
  files: string[];
  commands: HostileCommand[];
} {
  const files = env.HAYMAKER_HOSTILE_CORPUS ? [env.HAYMAKER_HOSTILE_CORPUS] : DEFAULT_CORPORA;
  return { files, commands: readCorpus(files) };
}

export const stepTitle = (index: number): string => `Hostile command ${index + 1}`;

/** The scenario template with its cleanup phase replaced by the corpus from `first` on, one step per command. */
export function hostileScenario(template: string, commands: HostileCommand[], first = 0): string {
  const head = template.slice(0, template.indexOf('## Cleanup'));
  if (head.length === 0) throw new Error('the scenario template has no "## Cleanup" section');
  const withVariables = head.replace(
    /^variables:\n/m,
    'variables:\n' +
      '  RG_SCOPE: /subscriptions/${AZURE_SUBSCRIPTION_ID}/resourceGroups/haymaker-compute00-${HAYMAKER_RUN_SHORT}\n' +
      '  APP_NAME: hm-app-${HAYMAKER_RUN_SHORT}\n',
  );
  const fence = (code: string): string => {
    let ticks = '```';
    while (code.includes(ticks)) ticks += '`';
    return `${ticks}bash\n${code}\n${ticks}`;
  };
  const steps = commands.slice(first).map((c, i) => `### ${stepTitle(first + i)}\n\n${fence(c.command)}\n`);
  return `${withVariables}## Cleanup\n\n${steps.join('\n')}`;
}
