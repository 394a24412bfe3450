// The app's own check of API rights: Entra app roles from App Service's X-MS-CLIENT-PRINCIPAL in Azure, two keys
// locally. The header shape follows
// https://learn.microsoft.com/en-us/azure/app-service/configure-authentication-user-identities.
import {
  apiAuthSettings,
  authorize,
  rightsOf,
  rolesOfPrincipal,
  type ApiAuthSettings,
} from '../../../triggers/http/authorize';
import { ApiError } from '../../../triggers/http/respond';

const principal = (roles: string[], roleType = 'roles') =>
  Buffer.from(
    JSON.stringify({
      auth_typ: 'aad',
      claims: [{ typ: 'name', val: 'operator' }, ...roles.map((val) => ({ typ: roleType, val }))],
      name_typ: 'name',
      role_typ: roleType,
    }),
  ).toString('base64');

const entra: ApiAuthSettings = { mode: 'entra' };
const keys: ApiAuthSettings = {
  mode: 'keys',
  readKey: 'read-key-0123456789',
  operateKey: 'operate-key-0123456789',
};
const headers = (h: Record<string, string>) => new Headers(h);

function refusal(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as ApiError).code;
  }
}

describe('Entra mode (Azure)', () => {
  it('reads app roles from the principal, under its role_typ', () => {
    expect(rolesOfPrincipal(principal(['HayMaker.Read']))).toEqual(['HayMaker.Read']);
    const long = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';
    expect(rolesOfPrincipal(principal(['HayMaker.Operate'], long))).toEqual(['HayMaker.Operate']);
    expect(rolesOfPrincipal('not base64 json')).toEqual([]);
    expect(rolesOfPrincipal(Buffer.from('{"claims":"x"}').toString('base64'))).toEqual([]);
  });

  it('gives read to HayMaker.Read and both rights to HayMaker.Operate', () => {
    const reader = headers({ 'x-ms-client-principal': principal(['HayMaker.Read']) });
    const operator = headers({ 'x-ms-client-principal': principal(['HayMaker.Operate']) });
    expect(refusal(() => authorize(reader, 'read', entra))).toBeUndefined();
    expect(refusal(() => authorize(reader, 'operate', entra))).toBe('forbidden');
    expect(refusal(() => authorize(operator, 'operate', entra))).toBeUndefined();
    expect(refusal(() => authorize(operator, 'read', entra))).toBeUndefined();
  });

  it('refuses a signed-in caller without a role (403) and one without a principal (401)', () => {
    const nobody = headers({ 'x-ms-client-principal': principal([]) });
    expect(refusal(() => authorize(nobody, 'read', entra))).toBe('forbidden');
    expect(refusal(() => authorize(headers({}), 'read', entra))).toBe('unauthorized');
  });

  it('does not accept keys in Entra mode, even the right ones', () => {
    const withKey = headers({ 'x-functions-key': 'operate-key-0123456789' });
    expect(refusal(() => authorize(withKey, 'read', { ...keys, mode: 'entra' }))).toBe('unauthorized');
  });

  it('leaves health public', () => {
    expect(refusal(() => authorize(headers({}), 'public', entra))).toBeUndefined();
  });
});

describe('keys mode (local)', () => {
  it('maps the operate key to both rights and the read key to read only; ignores the principal header', () => {
    expect([...rightsOf(headers({ 'x-functions-key': keys.operateKey! }), keys)!].sort()).toEqual([
      'operate',
      'read',
    ]);
    expect([...rightsOf(headers({ 'x-functions-key': keys.readKey! }), keys)!]).toEqual(['read']);
    expect(rightsOf(headers({ 'x-functions-key': 'wrong' }), keys)).toBeUndefined();
    const spoofed = headers({ 'x-ms-client-principal': principal(['HayMaker.Operate']) });
    expect(refusal(() => authorize(spoofed, 'operate', keys))).toBe('unauthorized');
  });
});

describe('settings', () => {
  it('defaults to Entra in production and keys locally, and ignores short keys', () => {
    expect(apiAuthSettings({}).mode).toBe('entra');
    expect(apiAuthSettings({ HAYMAKER_ENVIRONMENT: 'local' }).mode).toBe('keys');
    expect(apiAuthSettings({ HAYMAKER_API_AUTH: 'keys' }).mode).toBe('keys');
    expect(apiAuthSettings({ HAYMAKER_ENVIRONMENT: 'local', HAYMAKER_API_OPERATE_KEY: 'short' })).toEqual({
      mode: 'keys',
    });
  });
});
