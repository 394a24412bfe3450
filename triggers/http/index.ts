// HTTP API registration (/api/v1/...). app/main.ts calls registerHttpApi once with the composition root's
// accessors; each route reads state through the durable client bound to the invocation.
import type { app as functionsApp, HttpRequest, InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { errorResponse } from './respond';
import { API_ROUTES } from './routes';
import type { ApiContext, HttpApiWiring } from './services';

export { API_ROUTES } from './routes';
export type { HttpApiWiring } from './services';

export function registerHttpApi(app: typeof functionsApp, wiring: HttpApiWiring): void {
  for (const route of API_ROUTES) {
    app.http(route.name, {
      route: route.route,
      methods: [route.method],
      authLevel: route.authLevel,
      extraInputs: [df.input.durableClient()],
      handler: async (request: HttpRequest, invocation: InvocationContext) => {
        try {
          const api: ApiContext = { ...wiring, client: df.getClient(invocation) };
          return await route.handler(request, api, invocation);
        } catch (error) {
          return errorResponse(invocation, error);
        }
      },
    });
  }
}
