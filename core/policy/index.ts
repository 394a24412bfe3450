export { checkCommand, checkScript, type ScriptVerdict } from './check-command';
export { POLICY_RULES, type PolicyContext, type PolicyRule, type PolicyVerdict } from './types';
export { splitCommands, commandView, type SimpleCommand, type Word } from './shell-words';
export { parseAz, type AzCommand } from './az-command';
export { expandVariables } from './expand';
export { isDeleteCommand } from './rules/deletes';
