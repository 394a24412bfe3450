import { propertyRule } from './resource-properties';

export const storagePublicAccessRule = propertyRule(
  'storage-public-access',
  'Storage accounts forbid anonymous blob access.',
  [
    {
      type: 'Microsoft.Storage/storageAccounts',
      path: ['properties', 'allowBlobPublicAccess'],
      accepted: (n) => n.text === 'false',
      expected: 'false',
    },
  ],
);
