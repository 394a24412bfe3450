import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCommand, checkScript, type PolicyContext } from '../../core/policy';

interface CorpusCase {
  command: string;
  allowed: boolean;
  rule: string;
  note?: string;
}

const corpus = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'policy-corpus.json'), 'utf8')) as {
  context: PolicyContext;
  cases: CorpusCase[];
};
const ctx = corpus.context;

describe('command policy corpus', () => {
  it('holds at least 60 commands, legitimate and hostile', () => {
    expect(corpus.cases.length).toBeGreaterThanOrEqual(60);
    expect(corpus.cases.filter((c) => !c.allowed).length).toBeGreaterThanOrEqual(25);
  });

  it.each(corpus.cases.map((c) => [c.note ? `${c.command} (${c.note})` : c.command, c] as const))(
    '%s',
    (_name, c) => {
      const verdict = checkCommand(c.command, ctx);
      expect({ allowed: verdict.allowed, rule: verdict.rule }).toEqual({ allowed: c.allowed, rule: c.rule });
      if (!verdict.allowed) expect(verdict.reason).toBeTruthy();
      if (verdict.rule === 'tags.injected') {
        expect(verdict.rewritten).toContain('AzureHayMaker-managed=true');
        expect(verdict.rewritten).toContain(`ExecutionId=${ctx.runId}`);
      } else {
        expect(verdict.rewritten).toBeUndefined();
      }
    },
  );
});

describe('tag injection', () => {
  it('appends the tags to the create command itself, before a pipe', () => {
    const verdict = checkCommand('az group create -n "$RG" -l eastus | jq -r .id', ctx);
    expect(verdict.rewritten).toMatch(
      /^az group create -n "\$RG" -l eastus --tags AzureHayMaker-managed=true .*ExpiresAt=2026-11-24T00:00:00.000Z \| jq -r \.id$/,
    );
  });

  it('keeps existing tag values and adds the HayMaker ones after --tags', () => {
    const verdict = checkCommand(
      'az keyvault create -n "kv-$HAYMAKER_RUN_SHORT" -g "$RG" --tags team=platform',
      ctx,
    );
    expect(verdict.rewritten).toBe(
      `az keyvault create -n "kv-$HAYMAKER_RUN_SHORT" -g "$RG" --tags ${Object.entries(ctx.tags)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')} team=platform`,
    );
  });

  it('injects $HAYMAKER_TAGS when the context carries no literal tags', () => {
    const verdict = checkCommand('az group create -n x-c0ffee42 -l eastus', { ...ctx, tags: {} });
    expect(verdict.rewritten).toBe('az group create -n x-c0ffee42 -l eastus --tags $HAYMAKER_TAGS');
  });

  it('rewrites a create inside a command substitution in place', () => {
    const verdict = checkCommand('ID=$(az group create -n "$RG" -l eastus --query id -o tsv)', ctx);
    expect(verdict.rewritten).toMatch(
      /^ID=\$\(az group create -n "\$RG" -l eastus --query id -o tsv --tags AzureHayMaker-managed=true [^)]*\)$/,
    );
  });
});

describe('script verdicts', () => {
  it('judges every command of a multi-line block and names the refused one', () => {
    const result = checkScript(
      'az group show -n "$RG"\naz group delete -n production-rg --yes\necho done',
      ctx,
    );
    expect(result.allowed).toBe(false);
    expect(result.verdicts.map((v) => [v.command, v.rule])).toEqual([
      ['az group show -n "$RG"', 'ok'],
      ['az group delete -n production-rg --yes', 'delete.run-owned'],
    ]);
  });

  it('refuses a delete of a variable that was assigned from an unrelated lookup', () => {
    const verdict = checkCommand(
      'X=$(az group list --query "[0].name" -o tsv)\naz group delete -n "$X" --yes',
      ctx,
    );
    expect(verdict).toMatchObject({ allowed: false, rule: 'delete.run-owned' });
  });
});
