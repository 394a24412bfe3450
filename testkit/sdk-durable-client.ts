// The durable-functions SDK's own client (what df.getClient returns in the app) pointed at an embedded host, for
// figures that must include the SDK's HTTP round-trips to the host.
import type { DurableClient } from 'durable-functions';
import type { EmbeddedHost } from '../embedded-host';

// Not in the package's public exports; df.getClient builds the same object from the binding data.
const { DurableClient: SdkDurableClient } =
  require('durable-functions/lib/src/durableClient/DurableClient') as {
    DurableClient: new (clientData: unknown) => DurableClient;
  };

export const sdkDurableClient = (host: Pick<EmbeddedHost, 'durableClientData'>): DurableClient =>
  new SdkDurableClient(host.durableClientData());
