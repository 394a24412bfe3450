// Rewrites core/authorization/roles/built-in-roles.json from the committed snapshot in core/authorization/roles/source/.
// Run after refreshing the snapshot (see core/authorization/roles/source/SOURCES.md):
//   npm run build --silent && node dist/tools/update-role-catalogue.js
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueFromSnapshot, formatCatalogue } from '../core/authorization/catalogue-source';
import { roleCatalogueSourceInfo, roleCataloguePaths } from '../core/authorization/catalogue-paths';

const root = join(__dirname, '..', '..');
const snapshot = JSON.parse(readFileSync(join(root, roleCataloguePaths.snapshot), 'utf8')) as unknown;
const catalogue = catalogueFromSnapshot(snapshot, roleCatalogueSourceInfo);
writeFileSync(join(root, roleCataloguePaths.catalogue), formatCatalogue(catalogue));
process.stdout.write(`wrote ${roleCataloguePaths.catalogue}: ${catalogue.roles.length} built-in roles\n`);
