import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox';
import { createGraphService } from '../../sandbox/graph';
import { examplesRoot } from './helpers/examples';
import { bearer } from './helpers/tokens';
import { httpsRequest, type RawResponse } from './helpers/https-request';
import { shapeMismatches } from './helpers/shape';

jest.setTimeout(30_000);

/** A Graph docs example: `<doc>[-exampleN]-response.json` with its `-request.json` when the doc has one. */
interface GraphExample {
  file: string;
  doc: string;
  request?: Record<string, any>;
  response: Record<string, any>;
}

function loadGraphExamples(): GraphExample[] {
  const root = join(examplesRoot, 'graph');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((version) => {
    const dir = join(root, version);
    return readdirSync(dir)
      .filter((f) => f.endsWith('-response.json'))
      .map((f) => {
        const stem = f.replace(/-response\.json$/, '');
        const requestFile = join(dir, `${stem}-request.json`);
        return {
          file: `graph/${version}/${f}`,
          doc: stem.replace(/-example\d+$/, ''),
          request: existsSync(requestFile) ? JSON.parse(readFileSync(requestFile, 'utf8')) : undefined,
          response: JSON.parse(readFileSync(join(dir, f), 'utf8')),
        };
      });
  });
}

interface Ctx {
  call: (method: string, path: string, body?: unknown) => Promise<RawResponse>;
  createApp: (body?: Record<string, unknown>) => Promise<Record<string, any>>;
}

interface DocSpec {
  /** Runs the documented operation (after creating what it needs) and returns the answer. */
  run: (ex: GraphExample, ctx: Ctx) => Promise<RawResponse>;
  status: number;
  /** Narrows the example to what the sandbox operation must match, with the reason. */
  expected?: (response: Record<string, any>) => Record<string, any>;
  /** Paths the sandbox may answer with null or leave out, each with the reason. */
  optional?: Record<string, string>;
}

/** Application fields a list example shows that a create can set, so the listed app looks like it. */
const settable = ['displayName', 'identifierUris', 'signInAudience'];

const docs: Record<string, DocSpec> = {
  'application-post-applications': {
    run: (ex, ctx) => ctx.call('POST', '/v1.0/applications', ex.request ?? { displayName: 'contract' }),
    status: 201,
    optional: {
      samlMetadataUrl: 'null unless SAML single sign-on is configured',
      'api.requestedAccessTokenVersion': 'null until the app asks for v2 tokens',
    },
  },
  'application-addpassword': {
    run: async (ex, ctx) => {
      const app = await ctx.createApp();
      return ctx.call('POST', `/v1.0/applications/${app.id}/addPassword`, ex.request ?? {});
    },
    status: 200,
  },
  'application-list': {
    run: async (ex, ctx) => {
      const sample = (ex.response.value?.[0] ?? {}) as Record<string, unknown>;
      const app = await ctx.createApp(
        Object.fromEntries(Object.entries(sample).filter(([k]) => settable.includes(k))),
      );
      // Filtered to the app made like the example: other tests' apps have other shapes.
      return ctx.call('GET', `/v1.0/applications?$filter=${encodeURIComponent(`appId eq '${app.appId}'`)}`);
    },
    status: 200,
  },
  'serviceprincipal-post-serviceprincipals': {
    run: async (_ex, ctx) => {
      const app = await ctx.createApp({ displayName: 'contract-sp' });
      return ctx.call('POST', '/v1.0/servicePrincipals', { appId: app.appId });
    },
    status: 201,
  },
  'directory-deleteditems-list': {
    run: async (_ex, ctx) => {
      const app = await ctx.createApp({ displayName: 'contract-deleted' });
      await ctx.call('DELETE', `/v1.0/applications/${app.id}`);
      return ctx.call('GET', '/v1.0/directory/deletedItems/microsoft.graph.application');
    },
    status: 200,
    // The doc's example lists deleted groups; the sandbox keeps applications and service principals,
    // so the envelope and the fields every directory object carries are what must match.
    expected: (r) => ({
      '@odata.context': r['@odata.context'],
      value: (r.value ?? []).map((v: Record<string, unknown>) => ({ id: v.id, displayName: v.displayName })),
    }),
  },
};

describe('Microsoft Graph answers carry the fields and types of the docs examples', () => {
  const examples = loadGraphExamples();
  let sandbox: Sandbox;
  let ctx: Ctx;

  beforeAll(async () => {
    sandbox = await startSandbox({ services: [createGraphService] });
    const call: Ctx['call'] = async (method, path, body) =>
      httpsRequest(`${sandbox.endpoints.graph}${path}`, sandbox.caCert, {
        method,
        headers: await bearer(sandbox, 'graph'),
        body,
      });
    ctx = {
      call,
      createApp: async (body = {}) => {
        const res = await call('POST', '/v1.0/applications', { displayName: 'contract-app', ...body });
        if (res.status !== 201) throw new Error(`could not create an application: ${res.status} ${res.body}`);
        return res.json();
      },
    };
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it(`finds the shared Graph examples (${examplesRoot})`, () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  for (const example of examples) {
    const spec = docs[example.doc];
    if (!spec) {
      it.todo(
        `${example.file}: map the doc ${example.doc} to a request in tests/sandbox/contract-graph.test.ts`,
      );
      continue;
    }
    it(`${example.file}`, async () => {
      const res = await spec.run(example, ctx);
      expect({ status: res.status, body: res.status === spec.status ? '' : res.body }).toEqual({
        status: spec.status,
        body: '',
      });
      const expected = spec.expected ? spec.expected(example.response) : example.response;
      expect(shapeMismatches(expected, res.json(), new Set(Object.keys(spec.optional ?? {})))).toEqual([]);
    });
  }
});
