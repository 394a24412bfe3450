import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SandboxService } from '../core/service';
import { serviceBusAudiences } from '../entra/audiences';
import { platformResources } from '../platform';
import { entraOnlyAccess } from './access';
import { startServiceBusBroker } from './broker';

/**
 * The broker as a sandbox service: AMQP over TLS with the sandbox certificate (the endpoint, for
 * `customEndpointAddress`), as the platform namespace is deployed: Entra tokens only (local auth disabled) and Azure
 * RBAC data actions for every send and receive (./access.ts). Its plain TCP port serves the same rules.
 */
export function createServiceBusService(): SandboxService {
  return {
    name: 'service-bus',
    endpoint: 'serviceBus',
    async listen(ctx, port) {
      const tlsDir = dirname(ctx.caCertPath);
      const broker = await startServiceBusBroker(
        {
          tls: {
            key: readFileSync(join(tlsDir, 'server.key')),
            cert: readFileSync(join(tlsDir, 'server.crt')),
            port,
          },
        },
        entraOnlyAccess({
          namespaceId: platformResources(ctx.subscriptions).scopes.serviceBus!,
          verify: (token) => ctx.identity.verify(`Bearer ${token}`, serviceBusAudiences),
          engine: ctx.authz.engine,
        }),
      );
      ctx.lookups.serviceBusRedeliver = (rule) => broker.redeliver(rule);
      const area = ctx.state.area<Record<string, unknown>>('serviceBus', () => ({}));
      // Computed on read so state() always shows the live queues without copying on every message.
      Object.defineProperty(area, 'messages', {
        enumerable: true,
        configurable: true,
        get: () => broker.messages(),
      });
      Object.defineProperty(area, 'redelivered', {
        enumerable: true,
        configurable: true,
        get: () => broker.redelivered(),
      });
      Object.defineProperty(area, 'connectionString', {
        enumerable: true,
        configurable: true,
        get: () => broker.connectionString,
      });
      return { url: broker.endpoint, close: () => broker.stop() };
    },
  };
}
