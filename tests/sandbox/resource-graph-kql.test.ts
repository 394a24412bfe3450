import { runQuery } from '../../sandbox/resourcegraph/kql-eval';
import { KqlSyntaxError } from '../../sandbox/resourcegraph/kql-lexer';
import { KqlUnsupportedError, parseKql } from '../../sandbox/resourcegraph/kql-parser';

const rows = [
  {
    id: '/a',
    name: "it's",
    type: 'microsoft.storage/storageaccounts',
    tags: { ExecutionId: 'r1', Scenario: 's-1' },
    properties: { provisioningState: 'Succeeded' },
  },
  {
    id: '/b',
    name: 'beta',
    type: 'microsoft.keyvault/vaults',
    tags: { ExecutionId: 'r2' },
    properties: { provisioningState: 'Deleting' },
  },
  { id: '/c', name: 'gamma', type: 'microsoft.storage/storageaccounts', tags: {}, properties: {} },
];
const run = (q: string) => runQuery(parseKql(q), rows).map((r) => r.name ?? r);

describe('the sandbox KQL subset', () => {
  it('reads the escaped string literals the adapters build', () => {
    expect(run("Resources | where name == 'it\\'s'")).toEqual(["it's"]);
    expect(run('Resources | where name == "beta"')).toEqual(['beta']);
  });

  it('evaluates in, in~, !in, has, startswith, isnotempty and nested properties', () => {
    expect(run("Resources | where tags['ExecutionId'] in ('r1', 'r2') | order by name asc")).toEqual([
      'beta',
      "it's",
    ]);
    expect(run("Resources | where type in~ ('Microsoft.KeyVault/vaults')")).toEqual(['beta']);
    expect(run("Resources | where name !in ('beta') | order by name asc")).toEqual(['gamma', "it's"]);
    expect(run("Resources | where properties.provisioningState == 'Deleting'")).toEqual(['beta']);
    expect(run('Resources | where isnotempty(tags.Scenario)')).toEqual(["it's"]);
    expect(run("Resources | where type startswith 'microsoft.storage' and not(name == 'gamma')")).toEqual([
      "it's",
    ]);
  });

  it('orders descending by default, as KQL does, and projects renamed columns', () => {
    expect(run('Resources | order by name')).toEqual(["it's", 'gamma', 'beta']);
    expect(runQuery(parseKql('Resources | project n = name, rid = id | take 1'), rows)).toEqual([
      { n: "it's", rid: '/a' },
    ]);
  });

  it('reports syntax errors with a position and refuses valid KQL outside the subset', () => {
    expect(() => parseKql("Resources\n| where name = 'x'")).toThrow(KqlSyntaxError);
    try {
      parseKql("Resources\n| where name = 'x'");
    } catch (error) {
      expect(error).toMatchObject({ line: 2, token: '=' });
    }
    expect(() => parseKql('Resources | where name ==')).toThrow(KqlSyntaxError);
    expect(() => parseKql('Resources | summarize count()')).toThrow(KqlUnsupportedError);
    expect(() => parseKql('SecurityResources')).toThrow(KqlUnsupportedError);
  });
});
