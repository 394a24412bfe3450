import { literalText, propertyRule } from './resource-properties';

const oneOf =
  (...values: string[]) =>
  (node: Parameters<typeof literalText>[0]) =>
    values.includes(literalText(node));

export const tlsRule = propertyRule('tls', 'Storage, Service Bus and sites refuse TLS below 1.2.', [
  {
    type: 'Microsoft.Storage/storageAccounts',
    path: ['properties', 'minimumTlsVersion'],
    accepted: oneOf('TLS1_2', 'TLS1_3'),
    expected: "'TLS1_2'",
  },
  {
    type: 'Microsoft.ServiceBus/namespaces',
    path: ['properties', 'minimumTlsVersion'],
    accepted: oneOf('1.2', '1.3'),
    expected: "'1.2'",
  },
  {
    type: 'Microsoft.Web/sites',
    path: ['properties', 'siteConfig', 'minTlsVersion'],
    accepted: oneOf('1.2', '1.3'),
    expected: "'1.2'",
  },
]);
