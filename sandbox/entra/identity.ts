// The sandbox's token authority: signs access tokens at the token endpoint and verifies them for every service.
import type { Clock } from '../core/service';
import {
  issueAccessToken,
  verifyAccessToken,
  type Caller,
  type SigningKey,
  type TokenProblem,
} from './tokens';

export class SandboxIdentity {
  constructor(
    readonly tenantId: string,
    private readonly key: SigningKey,
    private readonly clock: Clock,
  ) {}

  get publicKey(): string {
    return this.key.publicKey;
  }

  get keyId(): string {
    return this.key.kid;
  }

  issue(claims: { objectId: string; appId: string; audience: string; roles: string[] }): {
    token: string;
    expiresOn: number;
  } {
    return issueAccessToken(this.key, { ...claims, tenantId: this.tenantId }, this.clock.now());
  }

  verify(authorization: string | undefined, audiences: readonly string[]): Caller | TokenProblem {
    return verifyAccessToken(
      this.key,
      authorization,
      { audiences, tenantId: this.tenantId },
      this.clock.now(),
    );
  }
}

export const isProblem = (result: Caller | TokenProblem): result is TokenProblem => 'problem' in result;
