// Region settings: AZURE_LOCATION and HAYMAKER_REGIONS name Azure regions from the committed list
// (core/regions/azure-regions.ts), so a typo is a configuration error at start, not an ARM refusal mid-run.
import { z } from 'zod';
import { isAzureRegion, normaliseRegion } from '../regions';

const unknownRegion = (name: string) =>
  `"${name}" is not an Azure region name (az account list-locations, e.g. eastus2 or westeurope)`;

export const regionName = z
  .string({ error: 'must be an Azure region name such as eastus' })
  .trim()
  .min(1, { error: 'must be an Azure region name such as eastus' })
  .superRefine((v, ctx) => {
    if (!isAzureRegion(v)) ctx.addIssue({ code: 'custom', message: unknownRegion(v) });
  })
  .transform(normaliseRegion);

/** Comma-separated, each a known region, no repeats; absent means AZURE_LOCATION alone. */
export const regionList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  )
  .superRefine((names, ctx) => {
    if (names.length === 0)
      ctx.addIssue({ code: 'custom', message: 'lists no region; leave it unset to use AZURE_LOCATION' });
    const unknown = names.filter((n) => !isAzureRegion(n));
    if (unknown.length > 0)
      ctx.addIssue({ code: 'custom', message: `has ${unknown.map(unknownRegion).join('; ')}` });
    const normalised = names.map(normaliseRegion);
    if (new Set(normalised).size !== normalised.length)
      ctx.addIssue({ code: 'custom', message: 'lists a region more than once' });
  })
  .transform((names) => names.map(normaliseRegion));
