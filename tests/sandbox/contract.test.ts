import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox';
import { createArmService } from '../../sandbox/arm/service';
import { createContainerAppsService } from '../../sandbox/containerapps/service';
import { createGraphService } from '../../sandbox/graph';
import { createResourceGraphService } from '../../sandbox/resourcegraph/service';
import { buildPath, followLro, operations, substitute, type Ctx } from './helpers/example-operations';
import { examplesRoot, loadExamples } from './helpers/examples';
import { bearer } from './helpers/tokens';
import { httpsRequest } from './helpers/https-request';
import { shapeMismatches } from './helpers/shape';

const partA = ['resources', 'authorization', 'resourcegraph', 'containerapps-jobs'];
const examples = loadExamples(partA);

describe('sandbox answers carry the fields and types of the official examples', () => {
  let sb: Sandbox;
  let ctx: Ctx;
  beforeAll(async () => {
    // Part A services and the directory (ARM looks up the principals the examples assign; prepare seeds them).
    sb = await startSandbox({
      services: [
        createResourceGraphService,
        createContainerAppsService,
        createArmService,
        createGraphService,
      ],
    });
    ctx = {
      sb,
      call: async (method, path, body) =>
        httpsRequest(`${sb.endpoints.arm}${path}`, sb.caCert, {
          method,
          body,
          headers: await bearer(sb, 'arm'),
        }),
    };
  });
  afterAll(async () => {
    await sb.stop();
  });

  it(`finds the shared examples (${examplesRoot})`, () => {
    expect(examples.length).toBeGreaterThanOrEqual(15);
  });

  it('the comparison notices a missing field, a wrong type and an empty array, and treats tags as a dictionary', () => {
    expect(shapeMismatches({ tags: { k1: 'v' } }, { tags: { other: 'v' } })).toEqual([]);
    expect(shapeMismatches({ tags: { k1: 'v' } }, { tags: { other: 1 } })).toEqual([
      'tags.other: expected string, got number',
    ]);
    const example = { id: 'x', properties: { n: 1, list: [{ a: 'b' }] } };
    expect(
      shapeMismatches(example, { id: 'y', properties: { n: 2, list: [{ a: 'c', extra: true }] } }),
    ).toEqual([]);
    expect(shapeMismatches(example, { id: 'y', properties: { n: '2', list: [] } })).toEqual([
      'properties.n: expected number, got string',
      'properties.list: expected a non-empty array like the example, got []',
    ]);
    expect(shapeMismatches(example, { properties: { n: 1, list: [{}] } })).toEqual([
      'id: missing',
      'properties.list[].a: missing',
    ]);
  });

  for (const example of examples) {
    const spec = operations[example.operationId];
    if (!spec) {
      it.todo(
        `${example.file}: map operation ${example.operationId} to a request in tests/sandbox/helpers/example-operations.ts`,
      );
      continue;
    }
    it(`${example.file} (${example.operationId})`, async () => {
      const p = substitute(structuredClone(example.parameters), sb) as Record<string, any>;
      if ('subscriptionId' in p) p.subscriptionId = sb.subscriptionId;
      spec.adapt?.(p, sb);
      await spec.prepare?.(p, ctx, example);
      const apiVersion = String(p['api-version'] ?? '2025-04-01');
      const first = await ctx.call(
        spec.method,
        `${buildPath(spec.path, p)}?api-version=${encodeURIComponent(apiVersion)}`,
        spec.body ? p[spec.body] : undefined,
      );
      expect({
        status: first.status,
        body: first.status >= 300 && first.status !== 202 ? first.body : '',
      }).toMatchObject({ status: expect.any(Number), body: '' });

      // Polling headers of an accepted long-running operation, as the example shows them.
      const accepted = example.responses['202'];
      if (first.status === 202 && accepted?.headers) {
        for (const header of Object.keys(accepted.headers))
          expect({ header, present: header.toLowerCase() in first.headers }).toEqual({
            header,
            present: true,
          });
      }
      const final = first.status === 202 ? await followLro(ctx, first) : first;
      expect(final.status).toBeLessThan(300);
      const expected =
        example.responses[String(final.status)]?.body ??
        Object.entries(example.responses).find(
          ([status, r]) => status.startsWith('2') && r.body !== undefined,
        )?.[1].body;
      if (expected === undefined || final.body === '') return;
      const optional = new Set(Object.keys(spec.optional ?? {}));
      expect(shapeMismatches(expected, final.json(), optional)).toEqual([]);
    });
  }

  // The docs' built-in role definitions (flattened shape): the sandbox's built-ins carry the same names,
  // ids and permissions, nested under `properties` as on the wire.
  for (const file of ['privileged-Contributor.json', 'privileged-UserAccessAdministrator.json']) {
    it(`built-in role matches authorization/docs-builtin-roles/${file}`, async () => {
      const doc = JSON.parse(
        readFileSync(join(examplesRoot, 'authorization', 'docs-builtin-roles', file), 'utf8'),
      );
      const res = await ctx.call('GET', `${doc.id}?api-version=2022-04-01`);
      expect(res.status).toBe(200);
      const body = res.json();
      expect({ id: body.id, name: body.name, type: body.type }).toEqual({
        id: doc.id,
        name: doc.name,
        type: doc.type,
      });
      expect(body.properties).toMatchObject({
        roleName: doc.roleName,
        type: doc.roleType,
        description: doc.description,
        assignableScopes: doc.assignableScopes,
        permissions: doc.permissions,
      });
    });
  }
});
