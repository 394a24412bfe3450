// The suites that parse Bicep share one test file on purpose: tree-sitter is a native addon, and when a second
// jest module registry in the same worker process loads it again, its syntax nodes read as undefined (reproduced
// with `--maxWorkers=1`). One file means one registry, whatever worker runs it.
import './policy-rules.suite';
import './project-tree.suite';
import './hosting.suite';
