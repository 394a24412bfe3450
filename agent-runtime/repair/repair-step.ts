// Goal-seeking repair of one failing step: Claude proposes commands through `run_command`, each passes
// the policy before it runs, attempts per step and tokens per phase are bounded.
import type Anthropic from '@anthropic-ai/sdk';
import type { PolicyVerdict } from '../../core/policy';
import {
  failurePrompt,
  RUN_COMMAND_TOOL,
  systemBlocks,
  type FailingStep,
  type RecentStep,
} from './repair-prompt';
import type { TokenBudget } from './token-budget';
import { errorText } from '../../core/error-text';

export interface CommandRun {
  exitCode: number | null;
  timedOut: boolean;
  output: string;
}

export interface RepairHooks {
  /** Judges a proposed command (policy); `rewritten` is what runs when present. */
  check(command: string): PolicyVerdict;
  run(command: string): Promise<CommandRun>;
  onRefused(verdict: PolicyVerdict): void;
  log(message: string): void;
}

export interface RepairOptions {
  client: Anthropic;
  model: string;
  scenarioText: string;
  phase: string;
  maxAttempts: number;
  budget: TokenBudget;
  maxTokensPerCall?: number;
}

export type RepairOutcome =
  | { resolved: true; attempts: number; command: string; summary: string }
  | {
      resolved: false;
      attempts: number;
      reason: 'budget_exhausted' | 'attempts_exhausted' | 'model_gave_up' | 'api_error';
      summary: string;
    };

const OUTPUT_FOR_MODEL = 4000;
const tail = (text: string): string =>
  text.length > OUTPUT_FOR_MODEL ? `…${text.slice(-OUTPUT_FOR_MODEL)}` : text;

export async function repairStep(
  options: RepairOptions,
  step: FailingStep,
  recent: RecentStep[],
  hooks: RepairHooks,
): Promise<RepairOutcome> {
  const messages: Anthropic.Messages.MessageParam[] = [
    { role: 'user', content: failurePrompt({ ...step, output: tail(step.output) }, recent, options.phase) },
  ];
  let attempts = 0;
  let lastSuccess: string | undefined;
  for (;;) {
    if (options.budget.exhausted) {
      return {
        resolved: false,
        attempts,
        reason: 'budget_exhausted',
        summary: `repair token budget of ${options.budget.limit} for this phase is spent (${options.budget.spent} used)`,
      };
    }
    let response: Anthropic.Messages.Message;
    try {
      response = await options.client.messages.create({
        model: options.model,
        max_tokens: options.maxTokensPerCall ?? 1024,
        system: systemBlocks(options.scenarioText),
        tools: [RUN_COMMAND_TOOL],
        messages,
      });
    } catch (error) {
      return {
        resolved: false,
        attempts,
        reason: 'api_error',
        summary: `the repair model could not be called: ${errorText(error)}`,
      };
    }
    options.budget.record(response.usage);
    const uses = response.content.filter((b): b is Anthropic.Messages.ToolUseBlock => b.type === 'tool_use');
    const text = response.content
      .flatMap((b) => (b.type === 'text' ? [b.text] : []))
      .join(' ')
      .trim();
    if (uses.length === 0) {
      if (lastSuccess !== undefined)
        return {
          resolved: true,
          attempts,
          command: lastSuccess,
          summary: text || 'the last proposed command succeeded',
        };
      return {
        resolved: false,
        attempts,
        reason: 'model_gave_up',
        summary: text || 'the repair model proposed no command',
      };
    }
    messages.push({ role: 'assistant', content: response.content as Anthropic.Messages.ContentBlockParam[] });
    const results: Anthropic.Messages.ToolResultBlockParam[] = [];
    for (const use of uses) {
      const input = use.input as { command?: unknown };
      if (
        attempts >= options.maxAttempts ||
        use.name !== RUN_COMMAND_TOOL.name ||
        typeof input.command !== 'string'
      ) {
        const why =
          attempts >= options.maxAttempts
            ? `attempt limit of ${options.maxAttempts} reached; not run`
            : 'expected run_command with a string "command"';
        results.push({ type: 'tool_result', tool_use_id: use.id, is_error: true, content: why });
        continue;
      }
      attempts += 1;
      const verdict = hooks.check(input.command);
      if (!verdict.allowed) {
        hooks.onRefused(verdict);
        lastSuccess = undefined;
        results.push({
          type: 'tool_result',
          tool_use_id: use.id,
          is_error: true,
          content: `Refused by HayMaker policy rule ${verdict.rule}: ${verdict.reason ?? ''}. Not run.`,
        });
        continue;
      }
      const command = verdict.rewritten ?? input.command;
      hooks.log(`repair attempt ${attempts}/${options.maxAttempts}: ${command}`);
      const run = await hooks.run(command);
      lastSuccess = run.exitCode === 0 && !run.timedOut ? command : undefined;
      results.push({
        type: 'tool_result',
        tool_use_id: use.id,
        is_error: lastSuccess === undefined,
        content: `${run.timedOut ? 'timed out' : `exit ${run.exitCode}`}\n${tail(run.output)}`,
      });
    }
    messages.push({ role: 'user', content: results });
    if (attempts >= options.maxAttempts) {
      if (lastSuccess !== undefined)
        return {
          resolved: true,
          attempts,
          command: lastSuccess,
          summary: 'the last allowed attempt succeeded',
        };
      return {
        resolved: false,
        attempts,
        reason: 'attempts_exhausted',
        summary: `${attempts} repair attempt(s) did not achieve the step`,
      };
    }
  }
}
