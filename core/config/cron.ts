// Six-field NCRONTAB (`second minute hour day month day-of-week`), as the Functions timer trigger takes it
// (https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer#ncrontab-expressions): numbers, names,
// `*`, ranges, lists and steps. cron-parser checks the values; the checks here add what NCRONTAB does not share with
// cron-parser's dialect: exactly six fields, and none of its extensions (`L`, `W`, `#`, `?`).
import { CronExpressionParser } from 'cron-parser';
import { errorText } from '../error-text';

const NCRONTAB_CHARACTERS = /^[0-9A-Za-z*,/-]+$/;
const CRON_EXTENSIONS = /^(?:.*[0-9*]L|L|LW|.*W)$/i;

/** Returns a problem description, or undefined when the expression is a valid six-field NCRONTAB. */
export function ncrontabProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6)
    return `expected six fields (second minute hour day month day-of-week), got ${fields.length}`;
  const foreign = fields.find((f) => !NCRONTAB_CHARACTERS.test(f) || CRON_EXTENSIONS.test(f));
  if (foreign !== undefined)
    return `"${foreign}" is not NCRONTAB: use numbers, names, *, ranges, lists and steps`;
  try {
    CronExpressionParser.parse(expression.trim(), { tz: 'UTC' });
    return undefined;
  } catch (error) {
    return errorText(error);
  }
}
