import { createActivityLogService } from './activitylog/service';
import { createAnthropicService } from './anthropic/service';
import { createArmService } from './arm/service';
import { createContainerAppsService } from './containerapps/service';
import type { SandboxServiceFactory } from './core/service';
import { createGraphService } from './graph/service';
import { createIdentityEndpointService } from './entra/identity-endpoint';
import { createLoginService } from './entra/login-service';
import { createKeyVaultService } from './keyvault/service';
import { createServiceBusService } from './servicebus/service';
import { createResourceGraphService } from './resourcegraph/service';

/**
 * Every service the sandbox runs, in registration order (first matching route wins on a shared endpoint:
 * typed ARM-endpoint services go before `arm`, whose generic by-id routes match any provider path).
 * Add one line per service.
 */
export const serviceFactories: SandboxServiceFactory[] = [
  createResourceGraphService,
  createContainerAppsService,
  createActivityLogService,
  createArmService,
  createServiceBusService,
  createKeyVaultService,
  createGraphService,
  createAnthropicService,
  createLoginService,
  createIdentityEndpointService,
];
