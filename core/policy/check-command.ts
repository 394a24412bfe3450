// The policy entry point: split a bash text into commands, judge each, and build the rewritten text.
import { parseAz } from './az-command';
import { expandVariables, hasUnresolvedReference } from './expand';
import { checkDeletes } from './rules/deletes';
import { checkEntra } from './rules/entra';
import { checkIdentityEndpoint } from './rules/identity-endpoint';
import { checkPipeToShell } from './rules/pipe-to-shell';
import { checkRoles } from './rules/roles';
import { checkSecrets } from './rules/secrets';
import { checkSubscription } from './rules/subscription';
import { checkTags } from './rules/tags';
import { commandView, splitCommands, type Word } from './shell-words';
import {
  POLICY_RULES,
  type Insertion,
  type PolicyContext,
  type PolicyRule,
  type PolicyVerdict,
} from './types';

export interface ScriptVerdict {
  allowed: boolean;
  /** One verdict per simple command (command substitutions included), in order of appearance. */
  verdicts: PolicyVerdict[];
  /** The whole text with tags injected, when any create lacked them. */
  rewritten?: string;
}

const SHELLS = /^(sh|bash|zsh|dash|ksh)$/;
const MAX_NESTING = 5;

interface Walk {
  ctx: PolicyContext;
  env: Record<string, string>;
  verdicts: PolicyVerdict[];
  insertions: Insertion[];
  depth: number;
}

function refusal(command: string, rule: PolicyRule, reason: string): PolicyVerdict {
  return { command, allowed: false, rule, reason };
}

function walkText(text: string, base: number, walk: Walk, canRewrite: boolean): void {
  if (walk.depth > MAX_NESTING) {
    walk.verdicts.push(
      refusal(
        text,
        POLICY_RULES.unparseable,
        `commands nested more than ${MAX_NESTING} levels deep cannot be checked`,
      ),
    );
    return;
  }
  const split = splitCommands(text);
  if (split.error) {
    walk.verdicts.push(
      refusal(
        text,
        POLICY_RULES.unparseable,
        `the command could not be split into words (${split.error}); fix the quoting`,
      ),
    );
    return;
  }
  const expand = (value: string): string => expandVariables(value, walk.env);
  const identity = checkIdentityEndpoint(text);
  if (identity && 'refuse' in identity) {
    walk.verdicts.push(refusal(text, identity.refuse.rule, identity.refuse.reason));
    return;
  }
  const views = split.commands.map((c) => ({ command: c, view: commandView(c) }));

  const pipelines = new Map<number, Word[][]>();
  for (const { command, view } of views)
    pipelines.set(command.pipeline, [...(pipelines.get(command.pipeline) ?? []), view.argv]);
  for (const [index, pipeline] of pipelines) {
    const outcome = checkPipeToShell(pipeline);
    if (outcome && 'refuse' in outcome) {
      const members = views.filter((v) => v.command.pipeline === index);
      const shown = text.slice(members[0].command.start, members[members.length - 1].command.end);
      walk.verdicts.push(refusal(shown, outcome.refuse.rule, outcome.refuse.reason));
    }
  }

  // Substitutions run before the command that contains them.
  for (const sub of split.substitutions) {
    walkText(
      sub.text,
      base + sub.offset,
      { ...walk, depth: walk.depth + 1, verdicts: walk.verdicts, insertions: walk.insertions },
      canRewrite,
    );
  }

  for (const { command, view } of views) {
    const shown = text.slice(command.start, command.end);
    if (view.forLoop) {
      walk.env[view.forLoop.name] = view.forLoop.items.map(expand).join(' ');
      continue;
    }
    let argv = view.argv;
    const name = argv[0]?.value ?? '';
    if (argv.length === 0 || ['export', 'local', 'readonly', 'declare', 'typeset'].includes(name)) {
      // A variable assigned from text naming the run (e.g. `$(az ad app list --display-name "…-$RUN_SHORT")`)
      // keeps that text as its value, so later commands using it are judged by where it came from.
      const assigned =
        argv.length === 0
          ? view.assignments
          : argv
              .slice(1)
              .filter((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.value))
              .map((w) => ({ name: w.value.split('=')[0], value: w.value.slice(w.value.indexOf('=') + 1) }));
      for (const a of assigned) walk.env[a.name] = expand(a.value);
      continue;
    }
    if (name === 'xargs') {
      let i = 1;
      while (i < argv.length && argv[i].value.startsWith('-'))
        i += /^-[InPLdaE]$/.test(argv[i].value) ? 2 : 1;
      argv = argv.slice(i);
    }
    const program = expand(argv[0]?.value ?? '')
      .split('/')
      .pop();
    // What the policy cannot read it cannot judge: a command named by a variable, or a script file run by a shell.
    if (program && hasUnresolvedReference(program)) {
      walk.verdicts.push(
        refusal(
          shown,
          POLICY_RULES.indirectExecution,
          `the program "${argv[0].value}" is named by a variable; write the command out so the policy can check it`,
        ),
      );
      continue;
    }
    if (
      program &&
      (SHELLS.test(program) || program === 'source' || program === '.') &&
      !argv.some((w) => w.value === '-c') &&
      argv.slice(1).some((w) => !w.value.startsWith('-'))
    ) {
      walk.verdicts.push(
        refusal(
          shown,
          POLICY_RULES.indirectExecution,
          `"${program}" runs a script file the policy cannot see; put its commands in the step itself`,
        ),
      );
      continue;
    }
    if (program && (SHELLS.test(program) || program === 'eval')) {
      const scriptIndex = program === 'eval' ? 1 : argv.findIndex((w) => w.value === '-c') + 1;
      if (scriptIndex > 0 && argv[scriptIndex]) {
        const inner =
          program === 'eval'
            ? argv
                .slice(1)
                .map((w) => w.value)
                .join(' ')
            : argv[scriptIndex].value;
        walkText(inner, 0, { ...walk, depth: walk.depth + 1 }, false);
      }
      continue;
    }
    if (program !== 'az') continue;
    const cmd = parseAz(argv, expand);
    let refused = false;
    for (const rule of [checkSubscription, checkRoles, checkEntra, checkDeletes, checkSecrets]) {
      const outcome = rule(cmd, walk.ctx);
      if (outcome && 'refuse' in outcome) {
        walk.verdicts.push(refusal(shown, outcome.refuse.rule, outcome.refuse.reason));
        refused = true;
        break;
      }
    }
    if (refused) continue;
    const tags = checkTags(cmd, walk.ctx, base);
    if (tags && 'insert' in tags && canRewrite) {
      walk.insertions.push(...tags.insert);
      walk.verdicts.push({
        command: shown,
        allowed: true,
        rule: POLICY_RULES.tagsInjected,
        reason: 'HayMaker tags added to a create command that lacked them',
      });
    } else {
      walk.verdicts.push({ command: shown, allowed: true, rule: POLICY_RULES.ok });
    }
  }
}

function applyInsertions(text: string, insertions: Insertion[]): string {
  let out = text;
  for (const ins of [...insertions].sort((a, b) => b.offset - a.offset))
    out = out.slice(0, ins.offset) + ins.text + out.slice(ins.offset);
  return out;
}

/** Judges every command in a bash text (a scenario step or a model suggestion). */
export function checkScript(text: string, ctx: PolicyContext): ScriptVerdict {
  const env: Record<string, string> = {
    AZURE_SUBSCRIPTION_ID: ctx.subscriptionId,
    HAYMAKER_RUN_ID: ctx.runId,
    HAYMAKER_RUN_SHORT: ctx.runShort,
    ...(ctx.env ?? {}),
  };
  const walk: Walk = { ctx, env, verdicts: [], insertions: [], depth: 0 };
  walkText(text, 0, walk, true);
  const allowed = walk.verdicts.every((v) => v.allowed);
  const rewritten = walk.insertions.length > 0 ? applyInsertions(text, walk.insertions) : undefined;
  return { allowed, verdicts: walk.verdicts, ...(rewritten !== undefined ? { rewritten } : {}) };
}

/** One verdict for a whole command text: the first refusal, else allowed (with `rewritten` when tags were injected). */
export function checkCommand(command: string, ctx: PolicyContext): PolicyVerdict {
  const result = checkScript(command, ctx);
  const refused = result.verdicts.find((v) => !v.allowed);
  if (refused)
    return {
      command,
      allowed: false,
      rule: refused.rule,
      reason: refused.command === command ? refused.reason : `${refused.reason} (in: ${refused.command})`,
    };
  if (result.rewritten !== undefined)
    return { command, allowed: true, rule: POLICY_RULES.tagsInjected, rewritten: result.rewritten };
  return { command, allowed: true, rule: POLICY_RULES.ok };
}
