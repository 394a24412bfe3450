// One line per command group. Keep this file a plain list so parallel additions merge trivially.
import type { Command } from 'commander';

type Register = (program: Command) => void;

const groups: Register[] = [
  (require('./start') as typeof import('./start')).register,
  // (command groups register here)
  (require('./scenarios') as typeof import('./scenarios')).register,
  (require('./policy') as typeof import('./policy')).register,
];

export function registerCommands(program: Command): void {
  for (const register of groups) register(program);
}
