// `npm start`, `npm test` and the VS Code launch of haymaker start start node with the options of a process that parses bash (core/shell/node-args.ts);
// the agent image's ENTRYPOINT is checked in tests/agent-runtime/dockerfile-pins.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PARSER_NODE_ARGS } from '../../../core/shell/node-args';

const scripts = (
  JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

describe('the Node options of processes that parse bash', () => {
  it.each([
    ['start', 'bin/haymaker.js start'],
    ['test', 'node_modules/jest/bin/jest.js'],
  ])('npm %s runs node with them', (script, entry) => {
    expect(scripts[script]).toContain(`node ${PARSER_NODE_ARGS.join(' ')} ${entry}`);
  });

  it('the VS Code launch configuration of haymaker start runs node with them', () => {
    const launch = JSON.parse(
      readFileSync(join(__dirname, '..', '..', '..', '.vscode', 'launch.json'), 'utf8'),
    ) as {
      configurations: { program?: string; runtimeArgs?: string[] }[];
    };
    const start = launch.configurations.find((c) => c.program?.endsWith('bin/haymaker.js'));
    expect(start?.runtimeArgs).toEqual([...PARSER_NODE_ARGS]);
  });
});
