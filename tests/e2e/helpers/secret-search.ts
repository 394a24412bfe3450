// Searches everything of a local run that must never hold a secret value: the data dir except the sandbox's own
// store (the fake tenant), plus any extra texts (stdout, stderr, agent output tails).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface SecretHit {
  where: string;
  secretHint: string;
}

function filesUnder(dir: string, skip: (path: string) => boolean, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (skip(path)) continue;
    const st = statSync(path);
    if (st.isDirectory()) filesUnder(path, skip, out);
    else if (st.isFile()) out.push(path);
  }
  return out;
}

/** Every place (file path relative to the data dir, or a named text) where one of the secrets occurs. */
export function findSecrets(
  dataDir: string,
  secrets: Iterable<string>,
  texts: Record<string, string> = {},
): { hits: SecretHit[]; filesSearched: number } {
  const values = [...secrets];
  const sandboxStore = join(dataDir, 'sandbox');
  const files = filesUnder(dataDir, (p) => p === sandboxStore);
  const hits: SecretHit[] = [];
  const search = (where: string, text: string) => {
    for (const v of values) if (text.includes(v)) hits.push({ where, secretHint: `${v.slice(0, 3)}…` });
  };
  for (const file of files) search(relative(dataDir, file), readFileSync(file).toString('latin1'));
  for (const [name, text] of Object.entries(texts)) search(name, text);
  return { hits, filesSearched: files.length };
}
