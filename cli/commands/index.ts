// One line per command group. Keep this file a plain list so parallel additions merge trivially.
import type { Command } from 'commander';

type Register = (program: Command) => void;

const groups: Register[] = [
  (require('./start') as typeof import('./start')).register,
  // (command groups register here)
  (require('./status') as typeof import('./status')).register,
  (require('./run') as typeof import('./run')).register,
  (require('./runs') as typeof import('./runs')).register,
  (require('./resources') as typeof import('./resources')).register,
  (require('./events') as typeof import('./events')).register,
  (require('./janitor') as typeof import('./janitor')).register,
  (require('./cost') as typeof import('./cost')).register,
  (require('./scenarios') as typeof import('./scenarios')).register,
  (require('./policy') as typeof import('./policy')).register,
  (require('./scrub') as typeof import('./scrub')).register,
];

export function registerCommands(program: Command): void {
  for (const register of groups) register(program);
}
