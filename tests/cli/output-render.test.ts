// -o table|tsv|json|jsonc|yaml|none render results the way az does (knack/output.py in github.com/microsoft/knack:
// _TableOutput, _TsvOutput, format_json): the expectations below are what that code prints for the same values.
import { parse as parseYaml } from 'yaml';
import { chosenFormat, parseOutputFormat, parseQuery } from '../../cli/output/options';
import { render } from '../../cli/output/render';
import { formatResult } from '../../cli/output/write';

const resources = [
  { name: 'a', location: 'eastus', id: '/x', tags: { k: 'v' }, enabled: true },
  { name: 'bb', location: 'westus2', id: '/y', enabled: false, count: null },
];

describe('-o table', () => {
  it('shows the scalar keys, sorted and capitalised, without id/type/etag, nested values or nulls', () => {
    expect(render(resources, 'table')).toBe(
      [
        'Enabled  Location  Name',
        '-------  --------  ----',
        'True     eastus    a',
        'False    westus2   bb',
        '',
      ].join('\n'),
    );
  });

  it('keeps the key order a --query chose, and shows a list of scalars as Result', () => {
    expect(render([{ z: 1, a: 'x' }], 'table', { keepKeyOrder: true })).toBe('Z  A\n-  -\n1  x\n');
    expect(render(['one', 'two'], 'table')).toBe('Result\n------\none\ntwo\n');
  });
});

describe('-o tsv', () => {
  it('writes one line per item, values in key order, a list as its length, an object empty, Python scalars', () => {
    expect(render(resources, 'tsv')).toBe('True\t/x\teastus\ta\t\nNone\tFalse\t/y\twestus2\tbb\n');
    expect(render({ list: [1, 2, 3], flag: true }, 'tsv')).toBe('True\t3\n');
    expect(render([true, 'plain', 3], 'tsv')).toBe('true\nplain\n3\n');
  });

  it("keeps a --query's key order", () => {
    expect(render([{ name: 'a', location: 'eastus' }], 'tsv', { keepKeyOrder: true })).toBe('a\teastus\n');
  });
});

describe('-o json, jsonc, yaml, none', () => {
  it('prints JSON (coloured only on a terminal), YAML, or nothing; a null result prints nothing', () => {
    expect(JSON.parse(render(resources, 'json'))).toEqual(resources);
    expect(render(resources, 'jsonc')).toBe(render(resources, 'json'));
    expect(render({ a: 'x' }, 'jsonc', { color: true })).toContain('\x1b[');
    expect(parseYaml(render(resources, 'yaml'))).toEqual(resources);
    expect(render(resources, 'none')).toBe('');
    expect(render(null, 'json')).toBe('');
  });
});

describe('choosing the format and applying --query', () => {
  it('uses -o, then --json, then HAYMAKER_OUTPUT, then JSON when a query asks, else the text view', () => {
    expect(chosenFormat({ output: 'tsv', json: true }, true, {})).toBe('tsv');
    expect(chosenFormat({ json: true }, true, { HAYMAKER_OUTPUT: 'table' })).toBe('json');
    expect(chosenFormat({}, true, { HAYMAKER_OUTPUT: 'table' })).toBe('table');
    expect(chosenFormat({ query: 'a' }, true, {})).toBe('json');
    expect(chosenFormat({}, true, {})).toBe('text');
    expect(chosenFormat({}, false, {})).toBe('json');
    expect(() => chosenFormat({}, true, { HAYMAKER_OUTPUT: 'xml' })).toThrow(
      expect.objectContaining({ exitCode: 2 }),
    );
  });

  it('applies the query before formatting, and the command column choice only without a query', () => {
    const views = {
      text: () => 'TEXT\n',
      table: (rows: typeof resources) => rows.map((r) => ({ N: r.name })),
    };
    expect(formatResult(resources, { output: 'table' }, views)).toBe('N\n--\na\nbb\n');
    expect(formatResult(resources, { output: 'tsv', query: '[].{loc: location, n: name}' }, views)).toBe(
      'eastus\ta\nwestus2\tbb\n',
    );
    expect(formatResult(resources, { query: '[0].name' }, views)).toBe('"a"\n');
    expect(formatResult(resources, {}, views)).toBe('TEXT\n');
    expect(formatResult(resources, { output: 'tsv', query: '[].name' }, views)).toBe('a\nbb\n');
  });

  it('rejects an unknown format and a malformed query as usage errors', () => {
    expect(parseOutputFormat('TSV')).toBe('tsv');
    expect(() => parseOutputFormat('xml')).toThrow(/invalid choice: 'xml'/);
    expect(() => parseQuery('[.')).toThrow(/invalid JMESPath query/);
    expect(() => formatResult({ a: 1 }, { output: 'json', query: 'abs(a, a)' })).toThrow(
      expect.objectContaining({ exitCode: 2 }),
    );
  });
});
