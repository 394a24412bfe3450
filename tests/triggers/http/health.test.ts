// GET /v1/health is public: a failed check says where to look, never the error text (which can name hosts, settings
// or secrets); the text goes to the log under the trace id.
import { HttpRequest, InvocationContext } from '@azure/functions';
import { getHealth } from '../../../triggers/http/handlers/status';
import type { ApiContext } from '../../../triggers/http/services';

it('answers 503 with the failed check and a trace id, and logs the error text instead', async () => {
  const logged: string[] = [];
  const inv = new InvocationContext({
    invocationId: 'trace-123',
    logHandler: (_level, ...args) => logged.push(args.join(' ')),
  });
  const secretText = 'Key Vault https://hm-prod.vault.azure.net/ refused: AccountKey=c2VjcmV0';
  const api = {
    settings: () => Promise.reject(new Error(secretText)),
    client: { readEntityState: () => Promise.resolve({ entityExists: false }) },
  } as unknown as ApiContext;
  const res = await getHealth(new HttpRequest({ method: 'GET', url: 'http://h/api/v1/health' }), api, inv);
  expect(res.status).toBe(503);
  const body = JSON.stringify(res.jsonBody);
  expect(body).not.toContain('vault');
  expect(body).not.toContain('AccountKey');
  expect(res.jsonBody).toEqual({
    status: 'unhealthy',
    checks: { configuration: 'failed; search the Functions log for trace id trace-123', task_hub: 'ok' },
  });
  expect(logged.join('\n')).toContain(secretText);
});
