// The Node.js options of every process that parses bash (core/shell/bash-parser.ts): the agent image's ENTRYPOINT,
// the local job runner, `npm start` and `npm test` all start node with them (tests/core/shell/node-args.test.ts and
// tests/agent-runtime/dockerfile-pins.test.ts hold each launcher to this list).
//
// --liftoff-only: V8 compiles WebAssembly with its baseline compiler (Liftoff) only. tree-sitter-bash runs as
// WebAssembly; by default V8 re-compiles its hot lexer with TurboFan on a background thread, which cost an agent
// phase about 1.4 of its 2.3 CPU seconds for a job that parses a few dozen short scripts and exits (measured with
// `npm run check:scenarios-e2e -- networking-02-nsg-rule-hygiene`: CPU per agent process 2.29 s by default, 0.90 s
// with the flag; the policy and catalog suites under jest: 29 CPU s, 19 with it). V8 describes the flag as
// "disallow TurboFan compilation for WebAssembly (for testing)": it chooses the compiler, not what the code does.
export const PARSER_NODE_ARGS: readonly string[] = ['--liftoff-only'];
