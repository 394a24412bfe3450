// Orders test files longest first, as jest's own sequencer does when it has timings from an earlier run. Without
// them (a fresh clone, CI) jest falls back to file size, and the suites that drive real agents are small files that
// run for minutes: they started last and kept one worker busy alone for the last two minutes of `npm test`.
const Sequencer = require('@jest/test-sequencer').default;

/** Known long suites, longest first: each drives real agent processes against a sandbox. */
const LONG_SUITES = [
  /\/tests\/e2e\/blast-radius-[^/]*\.test\.ts$/,
  /\/tests\/scenarios-e2e\/library\/[^/]*\.test\.ts$/,
  /\/tests\/e2e\/[^/]*\.test\.ts$/,
  /\/tests\/scenarios-e2e\/[^/]*\.test\.ts$/,
];

/** Where a test file without timings goes: its LONG_SUITES rank, or after all of them. */
function rank(path) {
  const unixPath = path.split('\\').join('/');
  const i = LONG_SUITES.findIndex((pattern) => pattern.test(unixPath));
  return i === -1 ? LONG_SUITES.length : i;
}

class LongestFirstSequencer extends Sequencer {
  sort(tests) {
    // Jest's order: failed first, then by last duration, and files without a duration first, by size.
    const sorted = super.sort(tests);
    const untimed = sorted.filter((t) => t.duration == null && !this.hasFailed(t));
    if (untimed.length === 0) return sorted;
    const byRank = [...untimed].sort((a, b) => rank(a.path) - rank(b.path)); // stable: size order within a rank
    let next = 0;
    return sorted.map((t) => (t.duration == null && !this.hasFailed(t) ? byRank[next++] : t));
  }
}

module.exports = LongestFirstSequencer;
