// Finds every `az` invocation in a scenario's steps and splits it into command path and flags.
import { splitShellCommands, type ShellWord } from '../shell';
import type { ParsedScenario, Phase, Step } from './types';
import { PHASES } from './types';

export interface AzFlag {
  /** As written, without any `=value` part: `--name`, `-g`. */
  name: string;
  /** The words after the flag up to the next flag (quote-removed); several for `--tags a=b c=d`. */
  values: ShellWord[];
}

export interface AzInvocation {
  phase: Phase;
  step: Step;
  /** 1-based line in the document. */
  line: number;
  /** The words after `az` before the first flag, e.g. ['storage', 'account', 'create']. */
  path: string[];
  flags: AzFlag[];
  /** The command as one line, for messages. */
  text: string;
}

const isFlagWord = (w: ShellWord): boolean => /^-{1,2}[A-Za-z]/.test(w.raw);

export function parseAzWords(words: readonly ShellWord[]): { path: string[]; flags: AzFlag[] } {
  const path: string[] = [];
  const flags: AzFlag[] = [];
  let k = 1;
  while (k < words.length && !isFlagWord(words[k]!)) path.push(words[k++]!.text);
  let current: AzFlag | null = null;
  for (; k < words.length; k++) {
    const w = words[k]!;
    if (isFlagWord(w)) {
      const eq = w.raw.indexOf('=');
      if (eq > 0) {
        const valueRaw = w.raw.slice(eq + 1);
        const valueText = w.text.slice(w.text.indexOf('=') + 1);
        current = { name: w.raw.slice(0, eq), values: [{ raw: valueRaw, text: valueText, line: w.line }] };
      } else current = { name: w.raw, values: [] };
      flags.push(current);
    } else if (current) current.values.push(w);
  }
  return { path, flags };
}

export function azInvocationsOfStep(step: Step, phase: Phase): AzInvocation[] {
  const found: AzInvocation[] = [];
  for (const block of step.blocks) {
    for (const command of splitShellCommands(block.code)) {
      if (command.words[0]?.text !== 'az') continue;
      const { path, flags } = parseAzWords(command.words);
      found.push({
        phase,
        step,
        line: block.line + 1 + command.line,
        path,
        flags,
        text: command.words.map((w) => w.raw).join(' '),
      });
    }
  }
  return found;
}

export function azInvocations(scenario: ParsedScenario): AzInvocation[] {
  return PHASES.flatMap((phase) =>
    scenario.phases[phase].flatMap((step) => azInvocationsOfStep(step, phase)),
  );
}

/** The values given to any of `names` (e.g. ['--name', '-n']), in order. */
export function flagValues(invocation: AzInvocation, names: readonly string[]): ShellWord[] {
  return invocation.flags.filter((f) => names.includes(f.name)).flatMap((f) => f.values.slice(0, 1));
}

export function hasFlag(invocation: AzInvocation, names: readonly string[]): boolean {
  return invocation.flags.some((f) => names.includes(f.name));
}
