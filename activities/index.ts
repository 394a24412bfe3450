// Every activity of the contract, built over one set of dependencies. app/main.ts registers these by name.
import type { ActivityHandlers } from '../contract/activities';
import type { Dependencies } from './dependencies';
import { createAssignRoles } from './assign-roles';
import { createCollectHay } from './collect-hay';
import { createCreateResourceGroups } from './create-resource-groups';
import { createDeletePrincipal } from './delete-principal';
import { createFindTaggedResources } from './find-tagged-resources';
import { createForceDeleteResources } from './force-delete-resources';
import { createJanitorSweep } from './janitor-sweep';
import { createProvisionPrincipal } from './provision-principal';
import { createRecordAuditEvent } from './record-audit-event';
import { createSelectScenarios } from './select-scenarios';
import { createStartAgentJob } from './start-agent-job';
import { createStopAgentJob } from './stop-agent-job';
import { createValidateConfiguration } from './validate-configuration';
import { createWriteReport } from './write-report';

export type { Dependencies } from './dependencies';

export function createActivityHandlers(deps: Dependencies): ActivityHandlers {
  return {
    validateConfiguration: createValidateConfiguration(deps),
    selectScenarios: createSelectScenarios(deps),
    recordAuditEvent: createRecordAuditEvent(deps),
    provisionPrincipal: createProvisionPrincipal(deps),
    createResourceGroups: createCreateResourceGroups(deps),
    assignRoles: createAssignRoles(deps),
    startAgentJob: createStartAgentJob(deps),
    stopAgentJob: createStopAgentJob(deps),
    findTaggedResources: createFindTaggedResources(deps),
    forceDeleteResources: createForceDeleteResources(deps),
    deletePrincipal: createDeletePrincipal(deps),
    writeReport: createWriteReport(deps),
    janitorSweep: createJanitorSweep(deps),
    collectHay: createCollectHay(deps),
  };
}
