/** Graph v1.0 shapes of the directory objects the sandbox keeps (fields as Graph returns them). */
export type DirectoryObject = Record<string, unknown> & { id: string };

export const SANDBOX_DOMAIN = 'haymakersandbox.onmicrosoft.com';

const info = () => ({
  termsOfServiceUrl: null,
  supportUrl: null,
  privacyStatementUrl: null,
  marketingUrl: null,
  logoUrl: null,
});

/** Fields a caller may set on create; the rest are Graph's. */
const settableApplicationFields = [
  'displayName',
  'description',
  'notes',
  'signInAudience',
  'tags',
  'identifierUris',
  'web',
  'api',
  'spa',
  'publicClient',
  'requiredResourceAccess',
  'appRoles',
  'info',
  'optionalClaims',
  'groupMembershipClaims',
  'isFallbackPublicClient',
];

export function newApplication(
  id: string,
  appId: string,
  createdDateTime: string,
  body: Record<string, unknown>,
): DirectoryObject {
  const app: DirectoryObject = {
    id,
    deletedDateTime: null,
    isFallbackPublicClient: null,
    appId,
    applicationTemplateId: null,
    identifierUris: [],
    createdDateTime,
    description: null,
    displayName: null,
    isDeviceOnlyAuthSupported: null,
    groupMembershipClaims: null,
    notes: null,
    optionalClaims: null,
    addIns: [],
    publisherDomain: SANDBOX_DOMAIN,
    samlMetadataUrl: null,
    signInAudience: 'AzureADMyOrg',
    tags: [],
    tokenEncryptionKeyId: null,
    api: {
      requestedAccessTokenVersion: null,
      acceptMappedClaims: null,
      knownClientApplications: [],
      oauth2PermissionScopes: [],
      preAuthorizedApplications: [],
    },
    appRoles: [],
    publicClient: { redirectUris: [] },
    info: info(),
    keyCredentials: [],
    parentalControlSettings: { countriesBlockedForMinors: [], legalAgeGroupRule: 'Allow' },
    passwordCredentials: [],
    requiredResourceAccess: [],
    spa: { redirectUris: [] },
    uniqueName: null,
    web: {
      redirectUris: [],
      homePageUrl: null,
      logoutUrl: null,
      implicitGrantSettings: { enableIdTokenIssuance: false, enableAccessTokenIssuance: false },
    },
  };
  for (const field of settableApplicationFields) if (field in body) app[field] = body[field];
  return app;
}

export function newServicePrincipal(
  id: string,
  app: DirectoryObject,
  tenantId: string,
  body: Record<string, unknown>,
): DirectoryObject {
  return {
    id,
    deletedDateTime: null,
    accountEnabled: body.accountEnabled ?? true,
    appDisplayName: app.displayName,
    appDescription: app.description ?? null,
    appId: app.appId,
    appOwnerOrganizationId: tenantId,
    appRoleAssignmentRequired: body.appRoleAssignmentRequired ?? false,
    description: null,
    displayName: app.displayName,
    homepage: null,
    loginUrl: null,
    logoutUrl: null,
    notes: null,
    preferredSingleSignOnMode: null,
    publisherName: 'HayMaker Sandbox',
    replyUrls: [],
    servicePrincipalNames: [app.appId],
    servicePrincipalType: 'Application',
    signInAudience: app.signInAudience,
    tags: Array.isArray(body.tags) ? body.tags : [],
    addIns: [],
    appRoles: [],
    info: info(),
    keyCredentials: [],
    oauth2PermissionScopes: [],
    passwordCredentials: [],
  };
}
