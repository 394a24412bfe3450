// scrub.leakRate: the share of the probe corpus (tests/core/scrub/probes.ts) whose secret survives the agent's
// scrubber. Run it against an older scrubber with `git checkout <commit> -- core/scrub` to compare.
import { createScrubber } from '../../core/scrub';
import { KNOWN_SECRETS, leaks, scrubProbes } from '../../testkit/scrub-probes';
import type { BenchSection } from '../selection';

export const scrubSection: BenchSection = {
  name: 'scrub',
  run() {
    const probes = scrubProbes();
    const scrub = createScrubber(Object.values(KNOWN_SECRETS));
    const leaked = probes.filter((p) => leaks(p, scrub(p.text)));
    const started = process.hrtime.bigint();
    for (const p of probes) scrub(p.text);
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    return Promise.resolve({
      probes: probes.length,
      leaked: leaked.length,
      leakRate: Number((leaked.length / probes.length).toFixed(3)),
      leakedKinds: [
        ...new Set(
          leaked.map(
            (p) =>
              p.name
                .replace(/ \([abc]\)/, '')
                .split(':')[0]!
                .split(' in ')[0]!,
          ),
        ),
      ].slice(0, 20),
      msPerProbe: Number((wallMs / probes.length).toFixed(3)),
    });
  },
};
