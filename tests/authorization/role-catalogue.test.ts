// The built-in role catalogue is exactly its committed source, agrees with Microsoft Learn on the privileged roles,
// and every role id written anywhere in the repository is a real built-in role.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { catalogueFromSnapshot, formatCatalogue } from '../../core/authorization/catalogue-source';
import { roleCataloguePaths, roleCatalogueSourceInfo } from '../../core/authorization/catalogue-paths';
import { conditionGuids, identitiesTable } from '../../core/authorization/identities-table';
import {
  findRoleById,
  findRoleByName,
  roleCatalogue,
  roleIdOf,
} from '../../core/authorization/role-catalogue';
import { loadCatalog } from '../../catalog/load';

const repository = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(repository, path), 'utf8');
const guidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

describe('the built-in role catalogue', () => {
  it('is derived from the committed snapshot, byte for byte', () => {
    const snapshot = JSON.parse(read(roleCataloguePaths.snapshot)) as unknown;
    expect(read(roleCataloguePaths.catalogue)).toBe(
      formatCatalogue(catalogueFromSnapshot(snapshot, roleCatalogueSourceInfo)),
    );
  });

  it('records the snapshot it was derived from (SOURCES.md carries its hash)', () => {
    const hash = createHash('sha256')
      .update(readFileSync(join(repository, roleCataloguePaths.snapshot)))
      .digest('hex');
    expect(read('core/authorization/roles/source/SOURCES.md')).toContain(hash);
    expect(read('core/authorization/roles/source/SOURCES.md')).toContain(roleCatalogueSourceInfo.origin);
  });

  it('holds every built-in role, once, with permissions', () => {
    expect(roleCatalogue.roles.length).toBeGreaterThan(700);
    expect(new Set(roleCatalogue.roles.map((r) => r.id)).size).toBe(roleCatalogue.roles.length);
    expect(Object.keys(roleCatalogue.ids)).toHaveLength(roleCatalogue.roles.length);
    for (const role of roleCatalogue.roles) {
      expect(roleCatalogue.ids[role.roleName]).toBe(role.id);
      expect(role.permissions.length).toBeGreaterThan(0);
    }
  });

  it('agrees with Microsoft Learn on Owner, Contributor, the two access administrators and Reader', () => {
    const learn = JSON.parse(read('core/authorization/roles/source/learn-privileged-roles.json')) as {
      roles: { roleName: string; id: string; permissions: unknown[] }[];
    };
    expect(learn.roles.map((r) => r.roleName).sort()).toEqual(
      [
        'Contributor',
        'Owner',
        'Reader',
        'Role Based Access Control Administrator',
        'User Access Administrator',
      ].sort(),
    );
    for (const role of learn.roles) {
      const ours = findRoleByName(role.roleName);
      expect({ name: role.roleName, id: ours?.id, permissions: ours?.permissions }).toEqual({
        name: role.roleName,
        id: role.id,
        permissions: role.permissions,
      });
    }
  });

  it('fixes the ids issue 12 found wrong (Contributor, Storage Queue Data Contributor, AcrPush, AcrPull)', () => {
    expect(roleIdOf('Contributor')).toBe('b24988ac-6180-42a0-ab88-20f7382dd24c');
    expect(roleIdOf('Storage Queue Data Contributor')).toBe('974c5e8b-45b9-4653-ba55-5f855dd0fb88');
    expect(roleIdOf('AcrPush')).toBe('8311e382-0749-4cb8-b61a-304f252e45ec');
    expect(roleIdOf('AcrPull')).toBe('7f951dda-4ed3-4680-a7ca-43fe172d538d');
    for (const wrong of [
      'b24988ac-6180-42e0-ab88-20f7382a6cb4',
      '974c5e8b-45b6-4653-ba55-5f855dd0fb88',
      '8311e382-0749-4cb8-b61a-753ee8ed6b12',
      '7f951dca-4b8a-4b2a-8b26-ed5aa5db2f06',
    ])
      expect(findRoleById(wrong)).toBeUndefined();
    expect(() => roleIdOf('Contributer')).toThrow(/not an Azure built-in role/);
  });
});

/** GUIDs that appear next to a role but are deliberately not roles; each with the reason. */
const notRoles: Record<string, string> = {
  '00000000-0000-0000-0000-000000000000': 'the all-zero id tests RoleDefinitionDoesNotExist',
};

const skippedFolders = new Set(['node_modules', 'dist', '.git', '.haymaker', 'coverage']);
const textFile = /\.(ts|js|json|bicep|bicepparam|md|sh|ya?ml|txt|jsonl)$/;

function repositoryFiles(dir = repository): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return skippedFolders.has(name) ? [] : repositoryFiles(full);
    return textFile.test(name) ? [relative(repository, full).split(sep).join('/')] : [];
  });
}

/** Text right before a GUID that says "this is a role definition id". */
const roleContext =
  /(roleDefinitions(\/|['"],\s*['"])|roleDefinitionIds?\W{0,6}|--role\s+['"]?|\brole(?:Id)?\s*[:=]\s*['"]?|GuidN?o?t?Equals\s*\{[^}]*)$/i;

/** Close to a real role id but not one: the typos issue 12 found (one group changed, or the same start). */
function nearMiss(guid: string): string | undefined {
  for (const role of roleCatalogue.roles) {
    if (role.id === guid) return undefined;
    if (
      guid.slice(0, 8) === role.id.slice(0, 8) ||
      guid.slice(-12) === role.id.slice(-12) ||
      guid.slice(0, 6) === role.id.slice(0, 6)
    )
      return role.roleName;
  }
  return undefined;
}

describe('role ids in the repository', () => {
  // The catalogue and its sources hold every role; these tests hold wrong ids on purpose (issue 12's, and the one
  // the sandbox must refuse with RoleDefinitionDoesNotExist).
  const catalogueFiles = new Set<string>([
    roleCataloguePaths.catalogue,
    roleCataloguePaths.snapshot,
    'tests/authorization/role-catalogue.test.ts',
    'tests/sandbox/rbac.test.ts',
  ]);
  // Official REST examples, kept unedited, use made-up role ids (a near miss of a real one still fails).
  const examples = 'tests/sandbox/fixtures/azure-rest-examples/';
  const files = repositoryFiles().filter(
    (f) => !catalogueFiles.has(f) && !f.startsWith('core/authorization/roles/source/'),
  );

  it('finds the files to check (Bicep, TypeScript, scenarios, JSON)', () => {
    for (const expected of [
      'core/authorization/identities.json',
      'bicep/modules/role-assignments.bicep',
      'adapters/role-assignments.ts',
    ])
      expect(files).toContain(expected);
    expect(files.some((f) => f.startsWith('scenarios/') && f.endsWith('.md'))).toBe(true);
  });

  it('names only real built-in roles where a role id is expected, and no near miss of one anywhere', () => {
    const problems: string[] = [];
    for (const file of files) {
      const lines = read(file).split('\n');
      lines.forEach((line, index) => {
        for (const match of line.matchAll(guidPattern)) {
          const guid = match[0].toLowerCase();
          const at = `${file}:${index + 1} ${guid}`;
          const near = nearMiss(guid);
          if (near) problems.push(`${at} looks like ${near} (${roleCatalogue.ids[near]}) but is not it`);
          else if (
            !file.startsWith(examples) &&
            roleContext.test(line.slice(0, match.index)) &&
            !findRoleById(guid) &&
            !notRoles[guid]
          )
            problems.push(`${at} is written as a role id but no built-in role has it`);
        }
      });
    }
    expect(problems).toEqual([]);
  });

  it('would catch the wrong ids issue 12 lists', () => {
    expect(nearMiss('b24988ac-6180-42e0-ab88-20f7382a6cb4')).toBe('Contributor');
    expect(nearMiss('974c5e8b-45b6-4653-ba55-5f855dd0fb88')).toBe('Storage Queue Data Contributor');
    expect(nearMiss('8311e382-0749-4cb8-b61a-753ee8ed6b12')).toBe('AcrPush');
    expect(nearMiss('7f951dca-4b8a-4b2a-8b26-ed5aa5db2f06')).toBe('AcrPull');
    expect(
      roleContext.test(
        "roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '",
      ),
    ).toBe(true);
  });

  it('writes Bicep without literal role ids: they come from the catalogue by name', () => {
    const bicepFiles = files.filter((f) => f.startsWith('bicep/') && /\.bicep(param)?$/.test(f));
    expect(bicepFiles.length).toBeGreaterThan(5);
    for (const file of bicepFiles)
      expect(`${file}: ${read(file).match(guidPattern) ?? []}`).toBe(`${file}: `);
  });

  it('names real roles in the identities table, its conditions and every scenario', () => {
    for (const guid of conditionGuids()) expect(findRoleById(guid)?.id).toBe(guid.toLowerCase());
    for (const grant of identitiesTable.roleAssignments)
      expect(findRoleByName(grant.role)?.roleName).toBe(grant.role);
    const { scenarios } = loadCatalog({ dir: join(repository, 'scenarios') });
    expect(scenarios.length).toBeGreaterThan(0);
    const unknown = scenarios.flatMap((s) =>
      s.frontMatter.roles.filter((r) => !findRoleByName(r)).map((r) => `${s.id}: ${r}`),
    );
    expect(unknown).toEqual([]);
    const rolesNamedIn = (code: string): string[] =>
      [...code.matchAll(/--role\s+(?:"([^"$]+)"|'([^'$]+)'|([A-Za-z][\w]+))/g)].map(
        (m) => m[1] ?? m[2] ?? m[3]!,
      );
    // No library scenario assigns a role any more (docs/scenario-grants.md), so the matcher is checked on its own.
    expect(
      rolesNamedIn(`az role assignment create --role "Storage Blob Data Reader" --role Reader -o none`),
    ).toEqual(['Storage Blob Data Reader', 'Reader']);
    const stepRoles = scenarios.flatMap((s) =>
      [...s.phases.deploy, ...s.phases.operate, ...s.phases.cleanup].flatMap((step) =>
        rolesNamedIn(step.code).map((role) => ({ scenario: s.id, role })),
      ),
    );
    expect(stepRoles.filter((r) => !findRoleByName(r.role))).toEqual([]);
  });
});
