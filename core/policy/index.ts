export { checkCommand, checkScript, type ScriptVerdict } from './check-script';
export { POLICY_RULES, type PolicyContext, type PolicyRule, type PolicyVerdict } from './types';
export { type AzCall } from './az/parse-az';
export { isDelete } from './az/classify';
export { loadBashParser } from '../shell';
