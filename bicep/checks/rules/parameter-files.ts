import { existsSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { loadBicepFile } from '../parse';
import type { Rule } from '../rule';
import { lineOf, literalString, parameterDeclarations, topLevel } from '../syntax-tree';
import type { Violation } from '../violation';

export const parameterFilesRule: Rule = {
  name: 'parameter-files',
  description:
    'Each environment has parameters/<env>.bicepparam; every parameter file sets each required parameter of the template it uses, and nothing the template does not declare.',
  check: ({ root, files, options }) => {
    const violations: Violation[] = [];
    const main = files.find((f) => f.file === 'main.bicep');
    if (main) {
      for (const environment of options.requiredEnvironments ?? []) {
        if (!files.some((f) => f.file === `parameters/${environment}.bicepparam`))
          violations.push({
            file: 'main.bicep',
            line: 1,
            rule: 'parameter-files',
            message: `no parameters/${environment}.bicepparam for environment '${environment}'; add one that sets every required parameter`,
          });
      }
    }
    for (const f of files.filter((x) => x.kind === 'bicepparam')) {
      const using = topLevel(f.root, 'using_statement')[0];
      const target = literalString(using?.namedChildren[0]);
      if (!using || target === undefined) {
        violations.push({
          file: f.file,
          line: 1,
          rule: 'parameter-files',
          message: "no `using '<template>.bicep'` statement; name the template this file is for",
        });
        continue;
      }
      const templatePath = resolve(dirname(f.absolutePath), target);
      if (!existsSync(templatePath)) continue; // module-paths reports it
      const template =
        files.find((x) => x.absolutePath === templatePath) ??
        loadBicepFile(templatePath, relative(root, templatePath));
      const declared = parameterDeclarations(template.root);
      const assigned = new Map(
        topLevel(f.root, 'parameter_declaration').map((p) => [p.namedChildren[0]?.text ?? '', p]),
      );
      for (const p of declared.filter((d) => d.required && !assigned.has(d.name)))
        violations.push({
          file: f.file,
          line: lineOf(using),
          rule: 'parameter-files',
          message: `required parameter '${p.name}' of ${basename(target)} is not set; add \`param ${p.name} = ...\``,
        });
      const known = new Set(declared.map((d) => d.name));
      for (const [name, node] of assigned)
        if (!known.has(name))
          violations.push({
            file: f.file,
            line: lineOf(node),
            rule: 'parameter-files',
            message: `parameter '${name}' is not declared in ${basename(target)}; remove it or fix its spelling`,
          });
    }
    return violations;
  },
};
