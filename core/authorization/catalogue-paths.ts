// Where the role catalogue and its source live, and where the source came from.
import type { CatalogueSourceInfo } from './catalogue-source';

export const roleCataloguePaths = {
  catalogue: 'core/authorization/roles/built-in-roles.json',
  snapshot: 'core/authorization/roles/source/az-role-definition-list.json',
} as const;

export const roleCatalogueSourceInfo: CatalogueSourceInfo = {
  snapshot: roleCataloguePaths.snapshot,
  origin:
    'https://github.com/expecting-snow/ohmyguid/blob/62665f8d9f15c8fe82edafd7d4e156f445a421b4/static/azure-role-definitions-builtin.json',
  producedBy: 'az role definition list --query "[?roleType==\'BuiltInRole\']" --output json (2025-08-06)',
};
