// The last Graph middleware: sends the request through @azure/core-rest-pipeline's HTTP client instead of global
// fetch, so Graph shares the TLS settings of every other adapter (a private CA: the sandbox, a proxy) and no
// fetch polyfill is needed.
import {
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineRequest,
  type TlsSettings,
} from '@azure/core-rest-pipeline';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

export class CoreHttpMessageHandler implements Middleware {
  private readonly client = createDefaultHttpClient();

  constructor(private readonly tlsSettings?: TlsSettings) {}

  async execute(context: Context): Promise<void> {
    const request = context.request;
    const url = typeof request === 'string' ? request : (request as { url: string }).url;
    const options = context.options ?? {};
    const headers = createHttpHeaders();
    new Headers((options.headers ?? {}) as ConstructorParameters<typeof Headers>[0]).forEach((value, name) =>
      headers.set(name, value),
    );
    const body = options.body;
    if (body !== undefined && body !== null && typeof body !== 'string') {
      throw new Error('Graph request body must be a string (the client serialises JSON before this handler)');
    }
    const pipelineRequest = createPipelineRequest({
      url,
      method: (options.method ?? 'GET').toUpperCase() as 'GET',
      headers,
      body: body ?? undefined,
    });
    // createPipelineRequest drops tlsSettings; the HTTP client caches one agent per settings object, so reuse ours.
    if (this.tlsSettings) pipelineRequest.tlsSettings = this.tlsSettings;
    const response = await this.client.sendRequest(pipelineRequest);
    const responseHeaders = new Headers();
    for (const [name, value] of response.headers) responseHeaders.set(name, value);
    const noBody = response.status === 204 || response.status === 304;
    context.response = new Response(noBody ? null : (response.bodyAsText ?? ''), {
      status: response.status,
      headers: responseHeaders,
    });
  }
}
