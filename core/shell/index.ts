// The shared bash parser and the views built on it (policy, linter, agent).
export { loadBashParser, isBashParserLoaded, parseBash } from './bash-parser';
export { splitShellCommands, type ShellCommand, type ShellWord } from './simple-commands';
export { wordText } from './word-text';
export {
  walkSyntax,
  namedChildren,
  childByField,
  childrenByField,
  type SyntaxNode,
  type SyntaxProblem,
  type ParsedBash,
} from './syntax';
