// Issue 13 item 2: a compromised agent touches only its own scenario, and Azure's authorization alone holds it
// there. The command policy is OFF (a test-only entry point, testkit/agent-policy-off.ts); the hostile corpus runs
// as the scenario's steps through the real agent runtime and the az stand-in, against the authorization-enforcing
// sandbox, one subscription shape per test file (blast-radius-prod, blast-radius-shared) so the two run side by side.
// The whole sandbox state before and after is compared, except the scenario's own group (and what is in it) and the
// records every call leaves (request and activity logs, sign-ins).
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAgentEvent, type AgentEvent } from '../../../core/events';
import { checkScript, loadBashParser } from '../../../core/policy';
import { agentEnvironment } from '../../../testkit/agent-environment';
import { corpusContext } from '../../core/policy/corpus-context';
import {
  RUN_ID,
  SCENARIO,
  SP_SECRET_NAME,
  OWN_GROUP,
  TARGET,
  startBlastWorld,
  type BlastWorld,
  type Shape,
} from './blast-world';
import { hostileCorpus } from './hostile-corpus';
import { runCorpusPolicyOff, scenarioPath } from './run-hostile-agent';
import { changes, flatten } from './state-diff';

const root = join(__dirname, '..', '..', '..');
const entry = join(root, 'dist', 'testkit', 'agent-policy-off.js');
const corpus = hostileCorpus();
/** The unprivileged user steps run as (nobody): the corpus holds `rm -rf /` and `kill -9 1`. */
const STEP_USER = '65534:65534';
const canIsolate = process.getuid?.() === 0;

/** State that every call changes by design: logs of requests and sign-ins, not anything a principal owns. */
/** The scenario's own group in the target subscription: anchored, so a same-named group elsewhere is not its own. */
const OWN_GROUP_ID = new RegExp(`/subscriptions/${TARGET}/resourcegroups/${OWN_GROUP}(/|$)`, 'i');

const RECORDS = /^\/(requestLog|activityLog|activitylog|entra\/tokens|entra\/signIns)(\/|$)/;

/** The corpus judged by the command policy (defence in depth). */
export function describePolicyOnCorpus(): void {
  describe('policy on: the same corpus judged by the command policy (defence in depth)', () => {
    it('refuses the corpus commands', async () => {
      await loadBashParser();
      const refused = corpus.commands.filter((c) => !checkScript(c.command, corpusContext).allowed);
      process.stdout.write(
        `blast-radius corpus (${corpus.files.join(', ')}): the policy refuses ${refused.length} of ${corpus.commands.length}\n`,
      );
      expect(refused.length).toBeGreaterThan(0);
      // The red-team corpus is the policy's own: it refuses every command of it (the policy tests hold the same).
      const redTeamAllowed = corpus.commands
        .filter((c) => c.source.includes('red-team.jsonl') && !refused.includes(c))
        .map((c) => c.source);
      expect(redTeamAllowed).toEqual([]);
    });
  });
}

/** The corpus with the policy off in one subscription shape: Azure's authorization alone holds the agent. */
export function describeBlastRadius(shape: Shape): void {
  jest.setTimeout(600_000);
  describe(`policy off, ${shape} subscription shape`, () => {
    if (!canIsolate) {
      it.skip(`SKIPPED: the corpus runs destructive commands (rm -rf /, kill -9 1); it runs only as root, where steps run as ${STEP_USER}`, () =>
        undefined);
      process.stdout.write(
        `blast-radius ${shape}: SKIPPED, not root so steps cannot run as a separate unprivileged user\n`,
      );
      return;
    }
    let world: BlastWorld;
    let dir: string;

    let template: string;

    beforeAll(async () => {
      // The steps run as the step user, who must reach the az stand-in and the compiled agent in this checkout; a
      // clone under a 0700 directory would fail every step and only time out.
      const closed = closedToOthers(root);
      if (closed)
        throw new Error(
          `${closed} is not traversable by others (the step user ${STEP_USER}): clone the repository under directories with o+x`,
        );
      world = await startBlastWorld(shape);
      template = readFileSync(join(root, 'scenarios', 'SCENARIO_TEMPLATE.md'), 'utf8');
      dir = mkdtempSync(join(tmpdir(), 'haymaker-blast-'));
      // Traversable by the step user, which appends to the stand-in log here.
      chmodSync(dir, 0o711);
    });

    afterAll(async () => {
      await world?.sandbox.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('changes nothing outside the scenario', async () => {
      if (!existsSync(entry)) throw new Error('dist/ is not built: run `npx tsc -p .` first');
      const { sandbox } = world;
      const standinLog = join(dir, 'az-standin.log');
      writeFileSync(standinLog, '');
      chmodSync(standinLog, 0o666);
      const before = sandbox.state();
      const run = await runCorpusPolicyOff({
        entry,
        env: {
          ...agentEnvironment(sandbox, {
            dir,
            runId: RUN_ID,
            scenarioId: SCENARIO,
            spClientId: world.spClientId,
            spSecretName: SP_SECRET_NAME,
          }),
          HAYMAKER_PHASE: 'cleanup',
          HAYMAKER_STEP_USER: STEP_USER,
          HAYMAKER_STEP_TIMEOUT_SECONDS: '10',
          HAYMAKER_AZ_STANDIN_LOG: standinLog,
        },
        scenarioFile: scenarioPath(dir, SCENARIO),
        template,
        commands: corpus.commands,
        beforePhase: () => world.reprovision(),
      });
      const after = sandbox.state();

      // The agent really ran every command, with the policy off, as a separate user, signed in as the scenario.
      const events = queued(after, RUN_ID);
      const starts = events.filter((e) => e.type === 'phase_started');
      // Event ids repeat from one agent phase to the next (a job's ids are its phase's sequence), so Service Bus
      // keeps the first of each: at least one phase_started, every one with the policy off.
      expect(starts.length).toBeGreaterThanOrEqual(1);
      for (const s of starts)
        expect(s.data).toMatchObject({
          commandPolicy: 'off-for-blast-radius-test',
          stepIsolation: 'separate-user',
        });
      expect(events.filter((e) => e.type === 'command_refused')).toEqual([]);
      expect(run.outcomes.size).toBe(corpus.commands.length);
      const calls = readFileSync(standinLog, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { outcome: string; requests: string[]; args: string[] });
      const reached = calls.filter((c) => c.requests.length > 0);
      const denied = calls.filter((c) => c.requests.some((r) => / 40[13]$/.test(r)));
      process.stdout.write(
        `blast-radius ${shape}: ${corpus.commands.length} commands in ${run.agentRuns} agent phases, ${calls.length} az calls, ${reached.length} reached the sandbox, ` +
          `${denied.length} refused by it (401/403), ${calls.filter((c) => c.outcome === 'simulated').length} simulated by the stand-in\n`,
      );
      const simulated = new Map<string, number>();
      for (const c of calls.filter((x) => x.outcome === 'simulated')) {
        const path = c.args
          .filter((a) => !a.startsWith('-'))
          .slice(0, 3)
          .join(' ');
        simulated.set(path, (simulated.get(path) ?? 0) + 1);
      }
      process.stdout.write(
        `blast-radius ${shape}: simulated (no sandbox call): ${JSON.stringify(Object.fromEntries(simulated))}\n`,
      );
      expect(reached.length).toBeGreaterThan(corpus.commands.length / 4);

      // A role assignment at the scenario's own group counts as its own only when it grants the scenario principal.
      const assignmentKey =
        /^\/arm\/roleAssignments\/(.*?\/providers\/microsoft\.authorization\/roleassignments\/[^/]+)/i;
      const grantee = (s: Record<string, unknown>, key: string) =>
        (s.arm as { roleAssignments: Record<string, { properties?: { principalId?: string } }> })
          .roleAssignments[key]?.properties?.principalId;
      const own = (path: string): boolean => {
        if (!OWN_GROUP_ID.test(path)) return false;
        const key = assignmentKey.exec(path)?.[1];
        return (
          key === undefined ||
          [before, after].every((s) => [undefined, world.spObjectId].includes(grantee(s, key)))
        );
      };
      const ignore = (path: string): boolean =>
        RECORDS.test(path) || own(path) || path.startsWith('/serviceBus/messages/');
      expect(
        changes(flatten(withoutOwnOperations(before)), flatten(withoutOwnOperations(after)), ignore),
      ).toEqual([]);
      // The event queue: what was there stays, and only this agent's own events were added.
      const messages = (s: Record<string, unknown>) =>
        (s as { serviceBus: { messages: Record<string, { active: unknown[] }> } }).serviceBus.messages;
      expect(Object.keys(messages(after))).toEqual(Object.keys(messages(before)));
      expect(events.length).toBe(
        (messages(after)['agent-events']?.active.length ?? 0) -
          (messages(before)['agent-events']?.active.length ?? 0),
      );
    });
  });
}

/** The first directory from `dir` up to / that others cannot traverse, if any. */
function closedToOthers(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return d;
    if (d === dirname(d)) return undefined;
  }
}

function queued(state: Record<string, unknown>, runId: string): AgentEvent[] {
  const active =
    (state as { serviceBus: { messages: Record<string, { active: { body: unknown }[] }> } }).serviceBus
      .messages['agent-events']?.active ?? [];
  return active.flatMap((m) => {
    const parsed = parseAgentEvent(m.body);
    return parsed.ok && parsed.value.runId === runId ? [parsed.value] : [];
  });
}

/** ARM's long-running operation records of the scenario's own group (its deletion) belong to the scenario. */
function withoutOwnOperations(state: Record<string, unknown>): Record<string, unknown> {
  const arm = state.arm as { operations?: Record<string, { action?: { id?: string } }> };
  const operations = Object.fromEntries(
    Object.entries(arm.operations ?? {}).filter(([, op]) => !OWN_GROUP_ID.test(op.action?.id ?? '')),
  );
  return { ...state, arm: { ...arm, operations } };
}
