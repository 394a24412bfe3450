// The job's managed identity belongs to the agent, not to scenarios: a step that asks the identity or
// instance-metadata endpoint for a token could read every secret the agent can.
import { POLICY_RULES, type RuleOutcome } from '../types';

const MARKERS =
  /\$\{?(IDENTITY_ENDPOINT|IDENTITY_HEADER|MSI_ENDPOINT|MSI_SECRET)\b|169\.254\.169\.254|\/metadata\/identity\/oauth2|\/msi\/token/i;

export function checkIdentityEndpoint(text: string): RuleOutcome {
  const found = text.match(MARKERS)?.[0];
  if (!found) return undefined;
  return {
    refuse: {
      rule: POLICY_RULES.identityEndpoint,
      reason: `"${found}" reaches for the agent's managed identity; scenario steps act only as the scenario's service principal (az is already signed in)`,
    },
  };
}
