// SIMULATION_SCENARIOS: explicit scenario ids, comma-separated, each a file stem, none twice.
import { z } from 'zod';
import { SCENARIO_ID_PATTERN } from '../naming';

export const scenarioList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  )
  .superRefine((ids, ctx) => {
    if (ids.length === 0)
      ctx.addIssue({
        code: 'custom',
        message: 'lists no scenario ids; leave it unset to use SIMULATION_SIZE',
      });
    const bad = ids.filter((id) => !SCENARIO_ID_PATTERN.test(id));
    if (bad.length > 0)
      ctx.addIssue({
        code: 'custom',
        message: `has ids that are not scenario file stems (<area>-<nn>-<slug>): ${bad.join(', ')}`,
      });
    const seen = new Set<string>();
    const dup = ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
    if (dup.length > 0)
      ctx.addIssue({
        code: 'custom',
        message: `lists a scenario more than once: ${[...new Set(dup)].join(', ')}`,
      });
  });
