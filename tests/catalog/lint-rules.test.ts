import path from 'node:path';
import { lintPaths } from '../../catalog/lint';
import { loadBashParser } from '../../core/shell';

beforeAll(() => loadBashParser());

const lintDir = path.join(__dirname, 'fixtures', 'lint');
const lintFile = (name: string) => lintPaths([path.join(lintDir, name)]);

describe('scenario linter rules', () => {
  it('accepts the valid fixture with no issue at all', () => {
    const result = lintFile('compute-90-valid.md');
    expect(result.issues).toEqual([]);
    expect(result.errors).toBe(0);
  });

  it("accepts fixed names for child objects and for objects inside the run's resource group", () => {
    expect(lintFile('compute-83-fixed-child-names.md').issues).toEqual([]);
  });

  // Each fixture breaks one rule; the linter must name that rule at that line.
  it.each([
    ['compute-91-front-matter-missing.md', 'front-matter-missing', 1],
    ['compute-92-front-matter-invalid.md', 'front-matter-invalid', 14],
    ['compute-93-unknown-area.md', 'unknown-area', 3],
    ['compute-94-id-mismatch.md', 'id-mismatch', 2],
    ['compute-95-phase-missing.md', 'phase-missing', 1],
    ['compute-96-step-without-code.md', 'step-without-code', 51],
    ['compute-97-create-without-tags.md', 'create-without-tags', 44],
    ['compute-85-tags-quoted.md', 'create-without-tags', 38],
    ['compute-98-name-not-run-derived.md', 'name-not-run-derived', 38],
    ['compute-89-group-never-deleted.md', 'group-never-deleted', 38],
    ['compute-88-secret-in-text.md', 'secret-in-text', 29],
    ['compute-84-literal-password.md', 'secret-in-text', 54],
    ['compute-87-policy-refused.md', 'policy-refused', 54],
    ['compute-86-name-length.md', 'name-length', 44],
    ['compute-82-outside-groups.md', 'outside-resource-groups', 53],
    ['compute-81-grant-invalid.md', 'grant-invalid', 10],
  ])('%s reports %s at line %i', (file, rule, line) => {
    const result = lintFile(file);
    expect(result.issues).toContainEqual(
      expect.objectContaining({ rule, line, severity: 'error', file: expect.stringContaining(file) }),
    );
    expect(result.errors).toBeGreaterThan(0);
    // No unrelated rule fires. By construction: the name fixture's group is neither deleted nor declared; the policy
    // fixture assigns Owner at the subscription (outside its groups, undeclared); a role that can assign roles is also
    // one HayMaker refuses. The agent's policy refuses two of the mistakes at run time too (a group not named for the
    // run; a quoted $HAYMAKER_TAGS that makes one tag whose value swallows the others), so the linter reports that.
    const alsoExpected: Record<string, string[]> = {
      'compute-98-name-not-run-derived.md': [
        'group-never-deleted',
        'outside-resource-groups',
        'policy-refused',
      ],
      'compute-85-tags-quoted.md': ['policy-refused'],
      'compute-87-policy-refused.md': ['outside-resource-groups', 'role-assignment-undeclared'],
      'compute-81-grant-invalid.md': ['grant-refused'],
    };
    const allowed = [rule, ...(alsoExpected[file] ?? [])];
    expect(result.issues.filter((i) => !allowed.includes(i.rule))).toEqual([]);
  });

  it('flags subscription-scope actions and scopes outside the declared groups, and leaves computed ids to Azure', () => {
    const issues = lintPaths([path.join(__dirname, '..', '..', 'scenarios')]).issues;
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    // No library scenario needs what HayMaker never grants (docs/scenario-grants.md); the rule itself is
    // tested on its fixture (compute-81-grant-invalid) above.
    expect(issues.filter((i) => i.rule === 'grant-refused')).toEqual([]);
  });

  it('warns, with the reasons, about a scenario that needs a grant HayMaker never gives', () => {
    // The Entra app registration selection refuses (tests/activities/run-activities.test.ts uses it too).
    const fixture = path.join(__dirname, '..', 'activities', 'fixtures', 'refused-scenarios');
    const refused = lintPaths([fixture]).issues.filter((i) => i.rule === 'grant-refused');
    expect(refused.map((i) => path.basename(i.file))).toEqual(
      refused.map(() => 'identity-90-app-registration-fixture.md'),
    );
    expect(refused.map((i) => i.message).join(' ')).toMatch(/Graph application permission/);
    expect(refused.map((i) => i.message).join(' ')).toMatch(/assign roles/);
  });

  it('reports a duplicate id across documents', () => {
    const result = lintPaths([path.join(__dirname, 'fixtures', 'duplicate')]);
    expect(result.issues).toContainEqual(
      expect.objectContaining({
        rule: 'duplicate-id',
        line: 2,
        file: expect.stringContaining('compute-90-valid.md'),
      }),
    );
  });

  it('names the front-matter field and says what to do in every message', () => {
    const [issue] = lintFile('compute-92-front-matter-invalid.md').issues;
    expect(issue!.message).toContain('cost.estimatedUsdPerHour');
    for (const f of [
      'compute-97-create-without-tags.md',
      'compute-98-name-not-run-derived.md',
      'compute-86-name-length.md',
    ]) {
      for (const i of lintFile(f).issues) expect(i.message.length).toBeGreaterThan(40);
    }
  });
});

describe('secret shapes in text', () => {
  const { findSecretsInText } =
    require('../../catalog/lint/secret-in-text') as typeof import('../../catalog/lint/secret-in-text');

  it('flags a connection string with a literal key and a JWT, each on its line', () => {
    const text =
      'intro\nDefaultEndpointsProtocol=https;AccountName=x;AccountKey=abcdEFGH1234abcdEFGH1234abcdEFGH==;\nok\neyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl\n';
    expect(findSecretsInText(text, 'f.md').map((i) => [i.line, i.rule])).toEqual([
      [4, 'secret-in-text'],
      [2, 'secret-in-text'],
    ]);
  });

  it('accepts variable references and placeholders where a secret would go', () => {
    const text =
      'az storage blob upload --connection-string "AccountKey=$KEY;" \nPassword=<generated at run time>\nBearer $TOKEN\n';
    expect(findSecretsInText(text, 'f.md')).toEqual([]);
  });
});
