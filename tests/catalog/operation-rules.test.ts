// Expected operations (issue 18): the linter compares each enabled scenario's declared `operations` with the
// sandbox observation its folder records, and `observe:operations --declare` writes the list it compares.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lintPaths } from '../../catalog/lint';
import { declareOperations } from '../../catalog/operations/declare';
import {
  readObservedOperations,
  writeObservedOperations,
  type ObservedOperations,
} from '../../catalog/operations/observed';
import { parseScenarioDocument, isParsed } from '../../core/scenario';
import { loadBashParser } from '../../core/shell';

beforeAll(() => loadBashParser());

const dir = path.join(__dirname, 'fixtures', 'operations');
const operationIssues = (name: string) =>
  lintPaths([path.join(dir, name)]).issues.filter((i) => i.rule.startsWith('operations-'));

describe('the expected-operations lint rules', () => {
  it('accepts a declaration equal to the observation (names compare without case, as ARM does)', () => {
    expect(lintPaths([path.join(dir, 'compute-70-declared.md')]).issues).toEqual([]);
  });

  it('names what was declared and never seen, and what was seen and not declared, at the operations line', () => {
    const issues = operationIssues('compute-71-mismatch.md');
    expect(issues).toEqual([
      expect.objectContaining({ rule: 'operations-mismatch', severity: 'error', line: 20 }),
    ]);
    expect(issues[0]!.message).toContain(
      'declared but never seen in the sandbox: Microsoft.Storage/storageAccounts/delete',
    );
    expect(issues[0]!.message).toContain(
      'seen in the sandbox but not declared: Microsoft.Resources/subscriptions/resourceGroups/delete',
    );
  });

  it.each([
    ['compute-72-undeclared.md', 'operations-undeclared', 'error'],
    ['compute-73-unobserved.md', 'operations-unobserved', 'error'],
    ['compute-74-refused.md', 'operations-unverifiable', 'warning'],
  ])('%s: %s (%s)', (file, rule, severity) => {
    expect(operationIssues(file)).toEqual([expect.objectContaining({ rule, severity })]);
  });

  it('leaves disabled scenarios and folders without an observation file alone', () => {
    expect(operationIssues('compute-75-disabled.md')).toEqual([]);
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'haymaker-ops-'));
    try {
      const copy = path.join(elsewhere, 'compute-72-undeclared.md');
      writeFileSync(copy, readFileSync(path.join(dir, 'compute-72-undeclared.md')));
      expect(lintPaths([copy]).issues).toEqual([]);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('declareOperations', () => {
  const text = readFileSync(path.join(dir, 'compute-72-undeclared.md'), 'utf8');
  const parse = (t: string) => {
    const parsed = parseScenarioDocument(t, 'x.md');
    if (!isParsed(parsed)) throw new Error(JSON.stringify(parsed.errors));
    return parsed;
  };

  it('inserts the list before variables, replaces an existing one, and changes nothing else', () => {
    const once = declareOperations(text, ['Microsoft.Web/sites/write', 'Microsoft.Web/sites/delete']);
    expect(parse(once).frontMatter.operations).toEqual([
      'Microsoft.Web/sites/write',
      'Microsoft.Web/sites/delete',
    ]);
    expect(parse(once).variables).toEqual(parse(text).variables);
    const twice = declareOperations(once, ['Microsoft.Web/sites/restart/action']);
    expect(parse(twice).frontMatter.operations).toEqual(['Microsoft.Web/sites/restart/action']);
    expect(
      twice.split('\n').filter((l) => !/^operations:|^ {2}- Microsoft\.Web\/sites\/restart\/action$/.test(l)),
    ).toEqual(text.split('\n'));
    expect(parse(declareOperations(twice, [])).frontMatter.operations).toEqual([]);
  });
});

describe('observed-operations.json', () => {
  it('round-trips, sorted by scenario, each list distinct without case; a malformed file is an error', () => {
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'haymaker-ops-'));
    try {
      const observed: ObservedOperations = {
        source: 'test',
        scenarios: {
          'b-scenario': { operations: ['X/y/write', 'A/b/delete', 'x/Y/write'] },
          'a-scenario': { refused: ['a reason'] },
        },
      };
      writeObservedOperations(elsewhere, observed);
      const read = readObservedOperations(elsewhere)!;
      expect(Object.keys(read.scenarios)).toEqual(['a-scenario', 'b-scenario']);
      expect(read.scenarios['b-scenario']).toEqual({ operations: ['A/b/delete', 'X/y/write'] });
      writeFileSync(path.join(elsewhere, 'observed-operations.json'), '{"scenarios":{"a":{"operations":3}}}');
      expect(() => readObservedOperations(elsewhere)).toThrow(/malformed/);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
