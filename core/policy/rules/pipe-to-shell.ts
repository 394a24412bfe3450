// Downloads never run as code: `curl … | sh`, `bash <(curl …)`, `eval "$(wget …)"` are refused.
import type { Word } from '../shell-words';
import { POLICY_RULES, type RuleOutcome } from '../types';

const DOWNLOADERS = /^(curl|wget|fetch|aria2c|http|https)$/;
const INTERPRETERS =
  /^(sh|bash|zsh|dash|ksh|fish|python[0-9.]*|perl|ruby|node|php|source|\.|eval|iex|pwsh|powershell)$/;

const program = (argv: Word[]): string => (argv[0]?.value ?? '').split('/').pop() ?? '';

/** `pipeline` is the argv of each command of one pipeline, in order. */
export function checkPipeToShell(pipeline: Word[][]): RuleOutcome {
  const downloadAt = pipeline.findIndex((argv) => DOWNLOADERS.test(program(argv)));
  if (downloadAt >= 0 && pipeline.slice(downloadAt + 1).some((argv) => INTERPRETERS.test(program(argv)))) {
    return refuse(`"${program(pipeline[downloadAt])}" output is piped into an interpreter`);
  }
  for (const argv of pipeline) {
    if (!INTERPRETERS.test(program(argv))) continue;
    const fetched = argv.slice(1).find((w) => /(\$\(|<\(|`)\s*(\S*\/)?(curl|wget)\b/.test(w.value));
    if (fetched) return refuse(`"${program(argv)}" runs downloaded code (${fetched.value})`);
  }
  return undefined;
}

function refuse(reason: string): RuleOutcome {
  return {
    refuse: {
      rule: POLICY_RULES.pipeToShell,
      reason: `${reason}; download to a file and run a reviewed command instead`,
    },
  };
}
