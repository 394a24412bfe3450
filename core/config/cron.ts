// Six-field NCRONTAB (`second minute hour day month day-of-week`) as the Functions timer trigger takes it.
// A structural check only: the timer trigger's own parser is the authority; this catches typos at start-up.

const FIELD_RANGES: readonly [string, number, number][] = [
  ['second', 0, 59],
  ['minute', 0, 59],
  ['hour', 0, 23],
  ['day of month', 1, 31],
  ['month', 1, 12],
  ['day of week', 0, 7],
];

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function numberNames(atom: string): string {
  return atom.toLowerCase().replace(/[a-z]{3}/g, (name) => {
    const month = MONTHS.indexOf(name);
    if (month >= 0) return String(month + 1);
    const day = DAYS.indexOf(name);
    return day >= 0 ? String(day) : name;
  });
}

function checkAtom(atom: string, min: number, max: number): boolean {
  if (atom === '*') return true;
  const range = /^(\d+)(?:-(\d+))?$/.exec(numberNames(atom));
  if (!range) return false;
  const low = Number(range[1]);
  const high = range[2] === undefined ? low : Number(range[2]);
  return low >= min && high <= max && low <= high;
}

function checkField(field: string, min: number, max: number): boolean {
  return field.split(',').every((part) => {
    const [base, step, ...rest] = part.split('/');
    if (rest.length > 0 || base === undefined || base === '') return false;
    if (step !== undefined && !/^[1-9]\d*$/.test(step)) return false;
    return checkAtom(base, min, max);
  });
}

/** Returns a problem description, or undefined when the expression is a plausible six-field NCRONTAB. */
export function ncrontabProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6) {
    return `expected six fields (second minute hour day month day-of-week), got ${fields.length}`;
  }
  for (let i = 0; i < 6; i++) {
    const [label, min, max] = FIELD_RANGES[i]!;
    if (!checkField(fields[i]!, min, max))
      return `field ${i + 1} (${label}) "${fields[i]}" is not valid (range ${min}-${max})`;
  }
  return undefined;
}
