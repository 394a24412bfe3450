// `az rest` reaches the sandbox endpoint that stands in for the Azure host it names, with the signed-in principal's
// token, so a raw REST call is authorized exactly like the typed commands; hosts outside Azure get no answer.
import type { Sandbox } from '../../sandbox';
import { useStandinSandbox } from './helpers/az-standin-fixture';

jest.setTimeout(60_000);

describe('az stand-in: az rest', () => {
  const standin = useStandinSandbox();
  const { az, ok, loginAs, state, rgId } = standin;
  let sandbox: Sandbox;
  beforeAll(() => {
    ({ sandbox } = standin);
  });
  const groupUrl = (name: string) =>
    `/subscriptions/${sandbox.subscriptionId}/resourceGroups/${name}?api-version=2021-04-01`;
  const hasGroup = (name: string) =>
    Object.values(state().arm.groups).some((g) => g.id.toLowerCase() === rgId(name).toLowerCase());

  it('sends a relative URL to ARM with the body, and takes the last of a repeated --method as az does', async () => {
    await loginAs(sandbox.principals.admin);
    const created = JSON.parse(
      await ok('rest', '--method', 'put', '--url', groupUrl('rg-rest'), '--body', '{"location":"eastus"}'),
    ) as { name: string };
    expect(created.name).toBe('rg-rest');
    expect(hasGroup('rg-rest')).toBe(true);
    const absolute = `https://management.azure.com${groupUrl('rg-rest')}`;
    await ok('rest', '--method', 'get', '--method', 'delete', '--url', absolute);
    // ARM accepted the delete (az rest does not wait for it): the group is going or gone, never left Succeeded.
    const show = await az(
      'group',
      'show',
      '-n',
      'rg-rest',
      '--query',
      'properties.provisioningState',
      '-o',
      'tsv',
    );
    expect(show.exitCode === 3 || show.stdout === 'Deleting\n').toBe(true);
  });

  it('calls Graph with the principal token: the orchestrator may not change an application it does not own', async () => {
    await loginAs(sandbox.principals.admin);
    const id = (
      await ok('ad', 'app', 'create', '--display-name', 'hm-rest-foreign', '--query', 'id', '-o', 'tsv')
    ).trim();
    await loginAs(sandbox.principals.orchestrator);
    const patch = await az(
      'rest',
      '--method',
      'patch',
      '--url',
      `https://graph.microsoft.com/v1.0/applications/${id}`,
      '--body',
      '{"displayName":"taken"}',
    );
    expect(patch.exitCode).toBe(1);
    expect(patch.stderr).toContain('Authorization_RequestDenied');
    await loginAs(sandbox.principals.admin);
    expect(await ok('ad', 'app', 'show', '--id', id, '--query', 'displayName', '-o', 'tsv')).toBe(
      'hm-rest-foreign\n',
    );
  });

  it('reaches nothing for a host that is not Azure, however the URL dresses it up', async () => {
    await loginAs(sandbox.principals.admin);
    for (const url of [
      'https://management.azure.com@evil.example.com/subscriptions',
      'https://management.azure.com.evil.example.com/subscriptions',
      'https://management.azure.com:8443/subscriptions',
      `http://management.azure.com${groupUrl('rg-standin')}`,
      'http://169.254.169.254/metadata/identity/oauth2/token',
    ]) {
      const r = await az('rest', '--method', 'delete', '--url', url);
      expect({ url, exitCode: r.exitCode, stderr: r.stderr }).toMatchObject({
        url,
        exitCode: 1,
        stderr: expect.stringContaining('no route to hosts outside Azure'),
      });
    }
    // The sandbox's own admin routes are not Azure: az rest reaches none of them, whichever host it names.
    for (const url of [
      '/_sandbox/state',
      'https://graph.microsoft.com/_sandbox/state',
      '/%5Fsandbox/state',
    ]) {
      const r = await az('rest', '--url', url);
      expect({ url, exitCode: r.exitCode, stdout: r.stdout }).toEqual({ url, exitCode: 1, stdout: '' });
    }
    // Nothing was sent: the group is as it was, not Deleting.
    expect(
      await ok('group', 'show', '-n', 'rg-standin', '--query', 'properties.provisioningState', '-o', 'tsv'),
    ).toBe('Succeeded\n');
  });
});
