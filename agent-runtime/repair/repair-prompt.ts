// What the repair model is told. The system prompt and the scenario text are the stable prefix, cached.
import type Anthropic from '@anthropic-ai/sdk';

export const RUN_COMMAND_TOOL: Anthropic.Messages.Tool = {
  name: 'run_command',
  description:
    'Run one bash command (bash -euo pipefail) in the scenario shell, with the same variables the step had, and get its exit code and output. ' +
    'Every command passes the HayMaker command policy first; refused commands are not run.',
  input_schema: {
    type: 'object',
    properties: {
      command: {
        type: 'string',
        description:
          'The bash to run. Use the scenario variables ($RG, $HAYMAKER_RUN_SHORT, $HAYMAKER_TAGS, ...).',
      },
      reason: { type: 'string', description: 'One sentence: why this command achieves the step intent.' },
    },
    required: ['command'],
  },
};

export const SYSTEM_PROMPT = [
  'You repair one failing step of a HayMaker scenario: benign, realistic administrator activity in an Azure test subscription.',
  "Goal: achieve the step's stated intent with the fewest commands, using the run_command tool. When a command achieved the intent, reply with one short sentence and no tool call.",
  'If the intent cannot be achieved safely, reply with one sentence explaining why and no tool call.',
  "Rules you cannot change: stay in the run's subscription; never assign roles above Contributor or User Access Administrator; only change, delete or read secrets of things this run created (names contain $HAYMAKER_RUN_SHORT); every create carries --tags $HAYMAKER_TAGS; never pipe downloads into a shell.",
  'Prefer idempotent commands (show before create, --only-show-errors). Never print secrets.',
].join('\n');

export interface RecentStep {
  title: string;
  code: string;
  exitCode: number | null;
}

export interface FailingStep {
  title: string;
  intent: string;
  code: string;
  output: string;
  exitCode: number | null;
  timedOut: boolean;
}

export function systemBlocks(scenarioText: string): Anthropic.Messages.TextBlockParam[] {
  return [
    { type: 'text', text: SYSTEM_PROMPT },
    { type: 'text', text: `The scenario document:\n\n${scenarioText}`, cache_control: { type: 'ephemeral' } },
  ];
}

export function failurePrompt(step: FailingStep, recent: RecentStep[], phase: string): string {
  const history =
    recent.length === 0 ? '(none)' : recent.map((r) => `- ${r.title} (exit ${r.exitCode})`).join('\n');
  return [
    `Phase: ${phase}. Steps already run in this phase:\n${history}`,
    `Failing step: ${step.title}`,
    `Intent:\n${step.intent || '(no prose)'}`,
    `Command:\n\`\`\`bash\n${step.code}\n\`\`\``,
    `Result: ${step.timedOut ? 'timed out' : `exit ${step.exitCode}`}. Output (scrubbed, may be truncated):\n\`\`\`\n${step.output}\n\`\`\``,
  ].join('\n\n');
}
