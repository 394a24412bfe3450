// The broker's TCP and TLS listeners and the sockets they accept, so a fault or stop can cut every connection.
import type { Server, Socket } from 'node:net';
import type { Container } from 'rhea';

export class BrokerListeners {
  private readonly sockets = new Set<Socket>();
  private readonly servers: Server[] = [];

  constructor(
    private readonly container: Container,
    private readonly host: string,
  ) {}

  /** Listens and resolves with the port it got. */
  async listen(listenOptions: Record<string, unknown>): Promise<number> {
    const server = this.container.listen({ host: this.host, ...listenOptions } as never) as unknown as Server;
    this.servers.push(server);
    const track = (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    };
    server.on('connection', track);
    server.on('secureConnection', track);
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const address = server.address();
    if (!address || typeof address === 'string')
      throw new Error('the Service Bus broker did not get a TCP port; check the host option');
    return address.port;
  }

  get connections(): number {
    return this.sockets.size;
  }

  /**
   * Destroying with an error lets rhea see the disconnect ('close' alone it ignores) and clear its heartbeat timers,
   * which would otherwise keep the process alive.
   */
  cutAll(reason: string): void {
    for (const socket of this.sockets) socket.destroy(new Error(reason));
  }

  close(): Promise<void> {
    return Promise.all(
      this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))),
    ).then(() => undefined);
  }
}
