// Microsoft Graph's application permissions (app roles of its service principal) the sandbox knows, with the ids
// of the Microsoft Graph permissions reference: https://learn.microsoft.com/graph/permissions-reference
// An app role assignment names the permission by id; the token's `roles` claim carries its value.

export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

export const graphAppRoles = [
  {
    id: '9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30',
    value: 'Application.Read.All',
    displayName: 'Read all applications',
    description: 'Allows the app to read all applications and service principals without a signed-in user.',
  },
  {
    id: '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9',
    value: 'Application.ReadWrite.All',
    displayName: 'Read and write all applications',
    description:
      'Allows the app to create, read, update and delete applications and service principals without a signed-in user.  Does not allow management of consent grants.',
  },
  {
    id: '18a4783c-866b-4cc7-a460-3d5e5662c884',
    value: 'Application.ReadWrite.OwnedBy',
    displayName: 'Manage apps that this app creates or owns',
    description:
      'Allows the app to create other applications, and fully manage those applications (read, update, update application secrets and delete), without a signed-in user.  It cannot update any apps that it is not an owner of.',
  },
  {
    id: '06b708a9-e830-4db3-a914-8e69da51d44f',
    value: 'AppRoleAssignment.ReadWrite.All',
    displayName: 'Manage app permission grants and app role assignments',
    description:
      'Allows the app to manage permission grants for application permissions to any API (including Microsoft Graph) and application assignments for any app, without a signed-in user.',
  },
  {
    id: 'b0afded3-3588-46d8-8b3d-9842eff778da',
    value: 'AuditLog.Read.All',
    displayName: 'Read all audit log data',
    description: 'Allows the app to read and query your audit log activities, without a signed-in user.',
  },
] as const;

export type GraphPermission = (typeof graphAppRoles)[number]['value'];

export const graphAppRoleByValue = (value: string) => graphAppRoles.find((r) => r.value === value);
export const graphAppRoleById = (id: string) => graphAppRoles.find((r) => r.id === id.toLowerCase());
