// The scenario parser's public surface (pure: no I/O).
export * from './types';
export * from './schema';
export { parseScenarioDocument } from './parse';
export { splitShellCommands, type ShellWord, type ShellCommand } from '../shell';
export {
  azInvocations,
  azInvocationsOfStep,
  parseAzWords,
  flagValues,
  hasFlag,
  type AzInvocation,
  type AzFlag,
} from './az-commands';
export { expandVariables, referencedVariables } from './expand';
export {
  selectScenarioIds,
  RUN_SIZES,
  type RunSize,
  type SelectableScenario,
  type SelectScenarioOptions,
} from './selection';
