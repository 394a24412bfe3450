import { propertyRule } from './resource-properties';

export const httpsOnlyRule = propertyRule('https-only', 'Sites (Function Apps) redirect HTTP to HTTPS.', [
  {
    type: 'Microsoft.Web/sites',
    path: ['properties', 'httpsOnly'],
    accepted: (n) => n.text === 'true',
    expected: 'true',
  },
]);
