// HTTP API registration (/api/v1/...). app/main.ts calls registerHttpApi once with the composition root's
// accessors; each route reads state through the durable client bound to the invocation.
import type { app as functionsApp, HttpRequest, InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { authorize } from './authorize';
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
      // Anonymous at the host: the app itself checks the route's right (authorize.ts), with Entra app roles in
      // Azure and keys locally, so one credential model holds everywhere.
      authLevel: 'anonymous',
      extraInputs: [df.input.durableClient()],
      handler: async (request: HttpRequest, invocation: InvocationContext) => {
        try {
          authorize(request.headers, route.right, wiring.auth());
          const api: ApiContext = { ...wiring, client: df.getClient(invocation) };
          return await route.handler(request, api, invocation);
        } catch (error) {
          return errorResponse(invocation, error);
        }
      },
    });
  }
}
