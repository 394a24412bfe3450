// The one table of identities and grants (core/authorization/identities.json) is valid, and its schema refuses what would deploy
// wrong: a misspelt role, an unknown identity or scope, a condition without its version, a duplicate grant.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  grantsOf,
  graphPermissionsOf,
  identitiesTable,
  identitiesTableSchema,
} from '../../core/authorization/identities-table';

const raw = () =>
  JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'core', 'authorization', 'identities.json'), 'utf8'),
  ) as {
    roleAssignments: Record<string, unknown>[];
  };
const messages = (table: unknown) => {
  const result = identitiesTableSchema.safeParse(table);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the identities table', () => {
  it('is valid and gives the orchestrator its subscription, storage, bus, vault and telemetry grants', () => {
    expect(messages(raw())).toEqual([]);
    expect(grantsOf('orchestrator').map((g) => `${g.role} @ ${g.scope}`)).toEqual(
      expect.arrayContaining([
        'Contributor @ targetSubscription',
        'Role Based Access Control Administrator @ targetSubscription',
        'Key Vault Secrets Officer @ keyVault',
        'Azure Service Bus Data Receiver @ serviceBus',
      ]),
    );
    expect(grantsOf('agent').map((g) => `${g.role} @ ${g.scope}`)).toEqual(
      expect.arrayContaining([
        'Key Vault Secrets User @ keyVault',
        'Azure Service Bus Data Sender @ serviceBus',
      ]),
    );
    expect(graphPermissionsOf('orchestrator')).toContain('Application.ReadWrite.OwnedBy');
  });

  it('conditions every role-administration grant (no unconditioned role administrator)', () => {
    const administering = identitiesTable.roleAssignments.filter((g) =>
      ['Role Based Access Control Administrator', 'User Access Administrator', 'Owner'].includes(g.role),
    );
    expect(administering.length).toBeGreaterThan(0);
    for (const g of administering) expect(g.condition).toMatch(/ActionMatches/);
  });

  it('refuses a misspelt or differently cased role, an unknown identity or scope, and a duplicate', () => {
    const table = raw();
    table.roleAssignments.push(
      { identity: 'orchestrator', role: 'Contributer', scope: 'keyVault', why: 'typo' },
      { identity: 'orchestrator', role: 'acrpull', scope: 'registry', why: 'case' },
      { identity: 'janitor', role: 'Reader', scope: 'keyVault', why: 'who?' },
      { identity: 'agent', role: 'Reader', scope: 'moon', why: 'where?' },
      { ...table.roleAssignments[0] },
    );
    expect(messages(table)).toEqual(
      expect.arrayContaining([
        expect.stringContaining("'Contributer' is not a built-in role"),
        expect.stringContaining("write the role as Azure names it: 'AcrPull'"),
        expect.stringContaining("unknown identity 'janitor'"),
        expect.stringContaining("unknown scope symbol 'moon'"),
        expect.stringContaining('duplicate grant orchestrator / Contributor / targetSubscription'),
      ]),
    );
  });

  it('refuses a condition without its version and a field it does not know', () => {
    const table = raw();
    table.roleAssignments[0] = { ...table.roleAssignments[0], condition: "ActionMatches{'x'}" };
    table.roleAssignments[1] = { ...table.roleAssignments[1], principalType: 'User' };
    expect(messages(table)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('a condition needs conditionVersion'),
        expect.stringMatching(/roleAssignments\.1: .*principalType/),
      ]),
    );
  });
});

describe('scripts/grant-graph-permission.sh', () => {
  it('grants the orchestrator exactly the Graph application permissions of the table', () => {
    const {
      mkdtempSync,
      writeFileSync,
      readFileSync: read,
      rmSync,
    } = require('node:fs') as typeof import('node:fs');
    const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
    const { tmpdir } = require('node:os') as typeof import('node:os');
    const bin = mkdtempSync(join(tmpdir(), 'fake-az-'));
    try {
      // A stand-in for az that logs each call and answers the three lookups the script makes.
      writeFileSync(
        join(bin, 'az'),
        [
          '#!/bin/sh',
          `echo "$*" >> "${join(bin, 'calls')}"`,
          'case "$*" in',
          '  *"--query id "*) echo graph-sp ;;',
          `  *appRoles*) echo "$*" | sed -E "s/.*value=='([^']+)'.*/role-\\1/" ;;`,
          '  *length*) echo 0 ;;',
          'esac',
        ].join('\n'),
        { mode: 0o755 },
      );
      const run = spawnSync(
        'bash',
        [
          join(__dirname, '..', '..', 'scripts', 'grant-graph-permission.sh'),
          '11111111-2222-4333-8444-555555555555',
        ],
        {
          encoding: 'utf8',
          timeout: 20_000,
          env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
        },
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const granted = read(join(bin, 'calls'), 'utf8')
        .split('\n')
        .filter((line) => line.includes('--method POST'))
        .map((line) => /"appRoleId":"role-([^"]+)"/.exec(line)?.[1]);
      expect(granted).toEqual(graphPermissionsOf('orchestrator'));
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
