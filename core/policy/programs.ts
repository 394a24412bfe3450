// The programs a step may run, each with what it may be given. Anything else is refused: shells, interpreters,
// downloaders, wrappers that hide the command they run (env, xargs, nohup, setsid, find -exec), and builtins
// that run text as code or change how names resolve (eval, source, exec, trap, alias, enable, hash, command).
import type { SyntaxNode } from '../shell';
import { judgeAz } from './az/judge-az';
import { looksLikePath, pathRefusal } from './paths';
import { dynamic, type Env, type Field } from './values';
import { POLICY_RULES, refuse, type Refusal } from './types';
import { variableRefusal, type WalkState } from './walk-state';

/** Programs that only print or compare their arguments. */
const DATA_ONLY = new Set([
  'echo',
  'printf',
  'true',
  'false',
  ':',
  'sleep',
  'test',
  '[',
  'date',
  'seq',
  'basename',
  'dirname',
  'exit',
  'wait',
  'uuidgen',
]);
/** Programs that read or write the files they are given: every file must be known and pass the path rule. */
const FILE_TOOLS = new Set([
  'cat',
  'head',
  'tail',
  'wc',
  'sort',
  'uniq',
  'cut',
  'tr',
  'base64',
  'sha256sum',
  'md5sum',
  'tee',
  'mkdir',
  'rm',
  'touch',
  'mktemp',
  'ssh-keygen',
]);
/** Programs whose first operand is a pattern or program text rather than a file. */
const PATTERN_FIRST = new Set(['jq', 'grep']);
/** Options of jq and grep that take a plain value (not a file). */
const VALUE_OPTIONS = new Set(['--arg', '--argjson', '-e', '--regexp', '-m', '--max-count', '--indent']);

const REASONS: Record<string, string> = {
  bash: 'a nested shell runs text the policy cannot see',
  sh: 'a nested shell runs text the policy cannot see',
  eval: 'eval runs text as code',
  source: 'source runs a file as code',
  '.': 'source runs a file as code',
  exec: 'exec replaces the step with another program',
  command: 'command bypasses how names resolve',
  builtin: 'builtin bypasses how names resolve',
  env: 'env runs another program with a changed environment',
  xargs: 'xargs builds a command from its input, which the policy cannot see',
  nohup: 'nohup runs another program out of the step’s control',
  setsid: 'setsid runs another program out of the step’s process group',
  find: 'find can run programs (-exec) and read the whole file system',
  curl: 'steps reach Azure only through az (curl could send data or a token anywhere)',
  wget: 'steps reach Azure only through az',
  node: 'interpreters run code the policy cannot see',
  python: 'interpreters run code the policy cannot see',
  python3: 'interpreters run code the policy cannot see',
  perl: 'interpreters run code the policy cannot see',
  awk: 'awk can run programs (system()) and open files',
  sed: 'sed can run programs (the e command)',
  trap: 'trap runs text as code later',
  alias: 'aliases change what a name runs',
  shopt: 'shell options change how the script is read',
  enable: 'enable loads builtins from shared libraries',
  hash: 'hash changes which file a program name runs',
  declare: 'use NAME=value or export',
  cd: 'steps run in their own work directory',
};

const GNU_TIMEOUT_VALUE_OPTIONS = /^(-s|--signal|-k|--kill-after)$/;

function unwrap(program: string, args: Field[]): Field[] | Refusal {
  let i = 0;
  const textAt = (k: number): string | undefined =>
    args[k]?.kind === 'text' ? (args[k] as { text: string }).text : undefined;
  if (program === 'time') {
    while (textAt(i) === '-p' || textAt(i) === '--') i++;
  } else {
    // timeout [-s SIG | --signal=SIG] [-k D | --kill-after=D] [--preserve-status] [--foreground] [-v] DURATION COMMAND…
    for (;;) {
      const t = textAt(i);
      if (t === undefined) return refuse(POLICY_RULES.unresolved, 'timeout options are decided at run time');
      if (GNU_TIMEOUT_VALUE_OPTIONS.test(t)) i += 2;
      else if (
        /^(--signal=|--kill-after=|-s.|-k.)/.test(t) ||
        ['--preserve-status', '--foreground', '-v', '--verbose', '--'].includes(t)
      )
        i++;
      else break;
    }
    if (textAt(i) === undefined || !/^[0-9.]+[smhd]?$/.test(textAt(i)!))
      return refuse(POLICY_RULES.unresolved, `timeout needs a literal duration before the command`);
    i++;
  }
  return args.slice(i);
}

function fileArgs(program: string, args: Field[]): Refusal | undefined {
  let operand = 0;
  for (let k = 0; k < args.length; k++) {
    const f = args[k]!;
    const t = f.kind === 'text' ? f.text : undefined;
    if (t !== undefined && VALUE_OPTIONS.has(t) && PATTERN_FIRST.has(program)) {
      k += t === '--arg' || t === '--argjson' ? 2 : 1;
      continue;
    }
    const isOption = t !== undefined && t.startsWith('-') && t !== '-';
    const isPattern = PATTERN_FIRST.has(program) && !isOption && operand++ === 0;
    if (isPattern || isOption) {
      const attached = t && /^--?[A-Za-z-]+=(.*)$/.exec(t)?.[1];
      if (attached && looksLikePath(attached)) return pathRefusal(attached);
      continue;
    }
    if (f.kind === 'dynamic')
      return refuse(
        POLICY_RULES.unresolved,
        `${program}'s file argument is decided at run time (${f.why}); name the file`,
      );
    if (looksLikePath(f.text)) {
      const refusal = pathRefusal(f.text);
      if (refusal) return refusal;
    }
  }
  return undefined;
}

function readBuiltin(args: Field[], env: Env): Refusal | undefined {
  for (const a of args) {
    if (a.kind !== 'text') return refuse(POLICY_RULES.unresolved, 'read takes literal variable names');
    if (a.text === '-r') continue;
    const refusal = variableRefusal(a.text);
    if (refusal) return refusal;
    env.set(a.text, [dynamic(`input read into ${a.text}`)]);
  }
  return undefined;
}

const SAFE_SET = /^([-+][eux]+|[-+]o|pipefail|errexit|nounset|xtrace)$/;

/** Judges one resolved argv; returns the refusal, if any. */
export function judgeProgram(
  state: WalkState,
  node: SyntaxNode,
  argv: Field[],
  env: Env,
): Refusal | undefined {
  const first = argv[0];
  if (!first) return undefined;
  if (first.kind !== 'text')
    return refuse(
      POLICY_RULES.indirectExecution,
      `the program is decided at run time (${first.why}); write the command out so the policy can check it`,
    );
  const program = first.text;
  const args = argv.slice(1);
  if (program.includes('/'))
    return refuse(
      POLICY_RULES.program,
      `"${program}" names a program by path; steps run programs by name from the image's PATH`,
    );
  if (program === 'time' || program === 'timeout') {
    const inner = unwrap(program, args);
    return Array.isArray(inner) ? judgeProgram(state, node, inner, env) : inner;
  }
  if (program === 'az') return judgeAz(state, node, args, env);
  if (program === 'printf' && args.some((a) => a.kind !== 'text' || a.text.startsWith('-v')))
    return refuse(
      POLICY_RULES.variable,
      'printf -v assigns a variable the policy cannot follow; use NAME=$(printf …)',
    );
  if (DATA_ONLY.has(program)) return undefined;
  if (program === 'read') return readBuiltin(args, env);
  if (program === 'set') {
    const bad = args.find((a) => a.kind !== 'text' || !SAFE_SET.test(a.text));
    return bad
      ? refuse(
          POLICY_RULES.construct,
          `"set ${bad.kind === 'text' ? bad.text : bad.why}": only -e, -u, -x and -o pipefail may change`,
        )
      : undefined;
  }
  if (program === 'openssl') {
    return args[0]?.kind === 'text' &&
      args[0].text === 'rand' &&
      args.every((a) => a.kind === 'text' && !looksLikePath(a.text))
      ? undefined
      : refuse(
          POLICY_RULES.program,
          'only "openssl rand" is allowed (other openssl commands open connections or read files)',
        );
  }
  if (FILE_TOOLS.has(program) || PATTERN_FIRST.has(program)) return fileArgs(program, args);
  return refuse(
    POLICY_RULES.program,
    `"${program}" is not a program steps may run${REASONS[program] ? ` (${REASONS[program]})` : ''}; steps use az, jq and basic text tools`,
  );
}
