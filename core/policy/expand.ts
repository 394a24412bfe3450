// Resolves `$NAME` / `${NAME}` from known values so rules judge what bash will run, not how it is spelled.

export function expandVariables(value: string, env: Readonly<Record<string, string>>): string {
  return value.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, braced?: string, bare?: string) => {
      const name = braced ?? bare ?? '';
      return Object.prototype.hasOwnProperty.call(env, name) ? env[name] : match;
    },
  );
}

/** True when the value still refers to a variable (or substitution) the policy could not resolve. */
export function hasUnresolvedReference(value: string): boolean {
  return /\$[A-Za-z_{(]/.test(value) || value.includes('`');
}
