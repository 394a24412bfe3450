// The pacer as an Azure SDK pipeline policy, so every ARM client of one identity (resources, role assignments,
// Container Apps) spends one budget: ARM's buckets are per principal, not per client object.
import type { TokenCredential } from '@azure/core-auth';
import { ArmPacer } from './arm-pacer';

/** The parts of the SDK's PipelineRequest/PipelineResponse a pacer reads. */
interface PacedRequest {
  method: string;
  url: string;
}
interface PacedResponse {
  status: number;
  headers: { get(name: string): string | undefined };
}

export interface ArmPacingPolicy {
  name: string;
  sendRequest<Req extends PacedRequest, Res extends PacedResponse>(
    request: Req,
    next: (request: Req) => Promise<Res>,
  ): Promise<Res>;
}

export function armPacingPolicy(pacer: ArmPacer): ArmPacingPolicy {
  return {
    name: 'armPacingPolicy',
    async sendRequest<Req extends PacedRequest, Res extends PacedResponse>(
      request: Req,
      next: (request: Req) => Promise<Res>,
    ): Promise<Res> {
      const ticket = await pacer.acquire(request.method, request.url);
      const response = await next(request);
      pacer.settle(ticket, response.status, (name) => response.headers.get(name) ?? undefined);
      return response;
    },
  };
}

const shared = new WeakMap<TokenCredential, Map<string, ArmPacer>>();

/** The one pacer of an identity at an ARM endpoint in this process. */
export function sharedArmPacer(credential: TokenCredential, armEndpoint: string): ArmPacer {
  let byEndpoint = shared.get(credential);
  if (!byEndpoint) {
    byEndpoint = new Map();
    shared.set(credential, byEndpoint);
  }
  const origin = new URL(armEndpoint).origin;
  let pacer = byEndpoint.get(origin);
  if (!pacer) {
    pacer = new ArmPacer();
    byEndpoint.set(origin, pacer);
  }
  return pacer;
}
