// What every rule reports: where (file relative to the checked root, 1-based line), which rule, and what to do.
export interface Violation {
  file: string;
  line: number;
  rule: string;
  message: string;
}

export function formatViolation(v: Violation): string {
  return `${v.file}:${v.line} [${v.rule}] ${v.message}`;
}
