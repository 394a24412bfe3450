// The blast-radius harness (helpers/run-hostile-agent.ts) starts a new agent phase after a step that signed az out,
// so every later command meets a signed-in principal; it must tell that apart from the same words printed by the
// real Azure CLI (/usr/bin/az has no login of its own). A stand-in agent (a small script) plays the phase: it prints
// the agent's "step finished" lines and, when az is signed out, writes the stand-in's log line as the az stand-in does.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCorpusPolicyOff } from './helpers/run-hostile-agent';

const SIGNED_OUT = "ERROR: Please run 'az login' to setup account.";

/** One phase: `logout` signs az out until the phase ends; `real-az` prints the real CLI's words and logs nothing. */
const fakeAgent = `
const fs = require('node:fs');
const text = fs.readFileSync(process.env.FAKE_SCENARIO, 'utf8');
let signedOut = false;
for (const m of text.matchAll(/### (Hostile command \\d+)\\n\\n\`\`\`bash\\n([^\\n]*)\\n/g)) {
  const [, step, command] = m;
  let output = 'fine';
  if (command === 'logout') signedOut = true;
  else if (command === 'real-az') output = ${JSON.stringify(SIGNED_OUT)};
  else if (signedOut) {
    output = ${JSON.stringify(SIGNED_OUT)};
    fs.appendFileSync(process.env.HAYMAKER_AZ_STANDIN_LOG, JSON.stringify({ outcome: 'error', error: "Please run 'az login' to setup account." }) + '\\n');
  }
  console.log(JSON.stringify({ message: 'step finished', step, exitCode: output === 'fine' ? 0 : 1, timedOut: false, output }));
}
`;

describe('the blast-radius harness restarts after a sign-out', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'haymaker-restarts-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (commands: string[]) => {
    const entry = join(dir, 'fake-agent.js');
    const scenarioFile = join(dir, 'scenario.md');
    const log = join(dir, 'az-standin.log');
    writeFileSync(entry, fakeAgent);
    writeFileSync(log, '');
    let phases = 0;
    return runCorpusPolicyOff({
      entry,
      env: { PATH: process.env.PATH ?? '', FAKE_SCENARIO: scenarioFile, HAYMAKER_AZ_STANDIN_LOG: log },
      scenarioFile,
      template: '---\nvariables:\n  X: y\n---\n\n## Cleanup\n',
      commands: commands.map((command, i) => ({ command, source: `test:${i + 1}` })),
      beforePhase: async () => {
        phases++;
      },
    }).then((r) => ({ ...r, phases }));
  };

  it('starts a new phase at the first step the stand-in found signed out, and keeps only signed-in outcomes', async () => {
    const r = await run(['ok', 'logout', 'ok', 'ok']);
    expect(r.agentRuns).toBe(2);
    expect(r.phases).toBe(2);
    expect([...r.outcomes.keys()].sort()).toEqual([0, 1, 2, 3]);
    expect([...r.outcomes.values()].map((o) => o.output)).not.toContain(SIGNED_OUT);
  });

  it('does not restart when only the real Azure CLI printed the words (the stand-in logged no sign-out)', async () => {
    const r = await run(['ok', 'real-az', 'ok']);
    expect(r.agentRuns).toBe(1);
    expect(r.outcomes.get(1)?.output).toBe(SIGNED_OUT);
    expect(r.outcomes.size).toBe(3);
  });
});
