import { propertyRule } from './resource-properties';

const isTrue = (node: { text: string }) => node.text === 'true';

export const keyVaultRule = propertyRule(
  'key-vault',
  'Key Vaults use RBAC (no access policies) and purge protection.',
  [
    {
      type: 'Microsoft.KeyVault/vaults',
      path: ['properties', 'enableRbacAuthorization'],
      accepted: isTrue,
      expected: 'true',
    },
    {
      type: 'Microsoft.KeyVault/vaults',
      path: ['properties', 'enablePurgeProtection'],
      accepted: isTrue,
      expected: 'true',
    },
  ],
);
