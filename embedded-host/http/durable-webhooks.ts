import { createHash, timingSafeEqual } from 'node:crypto';
import { decodeSegment } from './route-match';
import { EngineError, type InstanceQuery, type ManagementApi } from '../durable/management';
import { RuntimeStatus } from '../durable/records';
import { toStatus } from '../durable/status';

function sameKey(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export const WEBHOOK_PREFIX = '/runtime/webhooks/durabletask';

export interface WebhookReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * The query every management URL carries: like the Durable extension's, it includes the key (`code=`) the webhooks
 * require; here the host key stands for the extension's system key.
 * Source: https://learn.microsoft.com/en-us/azure/azure-functions/durable-functions/durable-functions-http-api
 * ("All HTTP APIs implemented by the extension require ... taskHub, connection, systemKey").
 */
const requiredQuery = (taskHubName: string, hostKey: string) =>
  `taskHub=${taskHubName}&connection=Storage&code=${encodeURIComponent(hostKey)}`;

/** Durable client binding data, shaped as the Durable extension hands it to the worker. */
export function durableClientData(baseUrl: string, taskHubName: string, hostKey: string, rpcUrl: string) {
  const base = `${baseUrl}${WEBHOOK_PREFIX}`;
  const qs = requiredQuery(taskHubName, hostKey);
  return {
    taskHubName,
    creationUrls: {
      createNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?${qs}`,
      createAndWaitOnNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&${qs}`,
    },
    managementUrls: managementUrls(base, 'INSTANCEID', qs),
    baseUrl: base,
    requiredQueryStringParameters: qs,
    // The worker's own channel, keyless as the extension's loopback RPC endpoint (http://127.0.0.1:17071/durabletask/).
    rpcBaseUrl: `${rpcUrl}${WEBHOOK_PREFIX}/`,
  };
}

function managementUrls(base: string, id: string, qs: string) {
  const inst = `${base}/instances/${id}`;
  return {
    id,
    statusQueryGetUri: `${inst}?${qs}`,
    sendEventPostUri: `${inst}/raiseEvent/{eventName}?${qs}`,
    terminatePostUri: `${inst}/terminate?reason={text}&${qs}`,
    rewindPostUri: `${inst}/rewind?reason={text}&${qs}`,
    purgeHistoryDeleteUri: `${inst}?${qs}`,
    restartPostUri: `${inst}/restart?${qs}`,
    suspendPostUri: `${inst}/suspend?reason={text}&${qs}`,
    resumePostUri: `${inst}/resume?reason={text}&${qs}`,
  };
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new EngineError(400, 'request body is not JSON — send the input as a JSON value');
  }
}

function parseQuery(url: URL): InstanceQuery {
  const statuses = url.searchParams.get('runtimeStatus');
  const from = url.searchParams.get('createdTimeFrom');
  const to = url.searchParams.get('createdTimeTo');
  return {
    runtimeStatus: statuses ? (statuses.split(',').filter(Boolean) as RuntimeStatus[]) : undefined,
    createdTimeFrom: from ? new Date(from) : undefined,
    createdTimeTo: to ? new Date(to) : undefined,
    instanceIdPrefix: url.searchParams.get('instanceIdPrefix') ?? undefined,
  };
}

/** Serves `/runtime/webhooks/durabletask/...` on the routes and status codes of the Durable extension. */
export async function handleWebhook(
  engine: ManagementApi,
  method: string,
  url: URL,
  bodyText: string,
  baseUrl: string,
  taskHubName: string,
  key: { hostKey: string; viaRpc: boolean; header?: string },
): Promise<WebhookReply> {
  const hostKey = key.hostKey;
  const given = url.searchParams.get('code') ?? key.header;
  if (!key.viaRpc && (!given || !sameKey(given, hostKey)))
    return { status: 401, body: 'the durable management API needs the system key: send it as ?code=' };
  const rest = url.pathname.slice(WEBHOOK_PREFIX.length).split('/').filter(Boolean).map(decodeSegment);
  const reason = url.searchParams.get('reason') ?? '';
  try {
    const [area, a, b, c] = rest;
    if (area === 'orchestrators' && method === 'POST' && a) {
      const id = await engine.startNew(a, { instanceId: b, input: parseJson(bodyText) });
      const base = `${baseUrl}${WEBHOOK_PREFIX}`;
      const payload = {
        ...managementUrls(base, encodeURIComponent(id), requiredQuery(taskHubName, hostKey)),
        id,
      };
      delete (payload as Partial<typeof payload>).restartPostUri;
      return { status: 202, body: payload, headers: { Location: payload.statusQueryGetUri } };
    }
    if (area === 'instances' && !a) {
      if (method === 'GET')
        return {
          status: 200,
          body: engine
            .query(parseQuery(url))
            .map((r) => toStatus(r, { showInput: url.searchParams.get('showInput') !== 'false' })),
        };
      if (method === 'DELETE') {
        const deleted = await engine.purgeWhere(parseQuery(url));
        return deleted > 0
          ? { status: 200, body: { instancesDeleted: deleted } }
          : { status: 404, body: { instancesDeleted: 0 } };
      }
    }
    if (area === 'instances' && a && !b) {
      if (method === 'GET') {
        const record = engine.get(a);
        if (!record) return { status: 404, body: { message: `no instance ${a}` } };
        const status = toStatus(record, {
          showHistory: url.searchParams.get('showHistory') === 'true',
          showInput: url.searchParams.get('showInput') !== 'false',
        });
        const code =
          record.status === 'Completed'
            ? 200
            : record.status === 'Failed' || record.status === 'Terminated'
              ? 400
              : 202;
        return { status: code, body: status };
      }
      if (method === 'DELETE') {
        const deleted = await engine.purge(a);
        return deleted > 0
          ? { status: 200, body: { instancesDeleted: deleted } }
          : { status: 404, body: { instancesDeleted: 0 } };
      }
    }
    if (area === 'instances' && a && method === 'POST') {
      switch (b) {
        case 'raiseEvent':
          if (!c) break;
          await engine.raiseEvent(a, c, parseJson(bodyText));
          return { status: 202 };
        case 'terminate':
          await engine.terminate(a, reason);
          return { status: 202 };
        case 'rewind':
          await engine.rewind(a, reason);
          return { status: 202 };
        case 'suspend':
          await engine.suspend(a, reason);
          return { status: 202 };
        case 'resume':
          await engine.resume(a, reason);
          return { status: 202 };
      }
    }
    if (area === 'entities' && a && b !== undefined) {
      if (method === 'GET') {
        const entity = engine.getEntity(`@${a.toLowerCase()}@${b}`);
        if (!entity?.exists) return { status: 404 };
        return { status: 200, body: entity.state === undefined ? null : JSON.parse(entity.state) };
      }
      if (method === 'POST') {
        const op = url.searchParams.get('op') ?? '';
        await engine.signalEntity(a, b, op, parseJson(bodyText));
        return { status: 202 };
      }
    }
    return { status: 404, body: { message: `no durable webhook for ${method} ${url.pathname}` } };
  } catch (err) {
    if (err instanceof EngineError) return { status: err.status, body: err.message };
    throw err;
  }
}
