// The API's sign-in (App Service authentication, name 'authsettingsV2') must refuse anonymous callers: the app
// trusts the roles App Service passes it, so an authentication setting that lets callers through unauthenticated
// leaves only the app's own check. Source for the properties:
// https://learn.microsoft.com/en-us/azure/templates/microsoft.web/sites/config-authsettingsv2
import type { Rule } from '../rule';
import { lineOf, literalString, propertyPath, resourceDeclarations } from '../syntax-tree';
import type { Violation } from '../violation';

const REQUIRED: { path: string[]; accepted: (text: string) => boolean; expected: string }[] = [
  {
    path: ['properties', 'globalValidation', 'requireAuthentication'],
    accepted: (t) => t === 'true',
    expected: 'true',
  },
  {
    path: ['properties', 'globalValidation', 'unauthenticatedClientAction'],
    accepted: (t) => t === 'Return401',
    expected: "'Return401'",
  },
  {
    path: ['properties', 'identityProviders', 'azureActiveDirectory', 'enabled'],
    accepted: (t) => t === 'true',
    expected: 'true',
  },
];

export const apiSignInRule: Rule = {
  name: 'api-sign-in',
  description:
    "A Function App's authsettingsV2 requires authentication (401 otherwise) with Entra ID enabled.",
  check: ({ files }) =>
    files.flatMap((f) =>
      resourceDeclarations(f.root).flatMap((r): Violation[] => {
        if (r.existing || r.type.toLowerCase() !== 'microsoft.web/sites/config') return [];
        const name = propertyPath(r.body, 'name');
        if (!name || literalString(name) !== 'authsettingsV2') return [];
        return REQUIRED.flatMap((req) => {
          const value = propertyPath(r.body, ...req.path);
          const text = value ? (literalString(value) ?? value.text) : undefined;
          if (text !== undefined && req.accepted(text)) return [];
          return [
            {
              file: f.file,
              line: lineOf(value ?? r.node),
              rule: 'api-sign-in',
              message: `resource '${r.symbol}' (authsettingsV2): ${req.path.join('.')} ${value ? `is ${value.text}` : 'is not set'}; set it to ${req.expected}`,
            },
          ];
        });
      }),
    ),
};
