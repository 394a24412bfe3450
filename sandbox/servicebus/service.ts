import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SandboxService } from '../core/service';
import { startServiceBusBroker } from './broker';

/**
 * The broker as a sandbox service: AMQP over TLS with the sandbox certificate (the endpoint,
 * for `customEndpointAddress`), plus a plain TCP port for connection strings.
 */
export function createServiceBusService(): SandboxService {
  return {
    name: 'service-bus',
    endpoint: 'serviceBus',
    async listen(ctx, port) {
      const tlsDir = dirname(ctx.caCertPath);
      const broker = await startServiceBusBroker({
        tls: {
          key: readFileSync(join(tlsDir, 'server.key')),
          cert: readFileSync(join(tlsDir, 'server.crt')),
          port,
        },
      });
      const area = ctx.state.area<Record<string, unknown>>('serviceBus', () => ({}));
      // Computed on read so state() always shows the live queues without copying on every message.
      Object.defineProperty(area, 'messages', {
        enumerable: true,
        configurable: true,
        get: () => broker.messages(),
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
