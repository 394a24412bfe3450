// The office-hours profile (HAYMAKER_OFFICE_HOURS): a time zone, the working days and the busier hours, written as
// `<IANA time zone> <first day>-<last day> <from hour>-<to hour>`, e.g. `Europe/Berlin Mon-Fri 09-17`.
// Time zones are resolved with Intl, which has the full IANA database in Node's default full-icu build
// (https://nodejs.org/api/intl.html: "The full ICU data set is provided by Node.js by default"), the build the
// Functions Node runtime ships.
import { z } from 'zod';

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** How much more activity a busy hour of a working day sees than a quiet one; rest days are quieter still. */
export const OFFICE_HOURS_WEIGHTS = { busy: 6, workingDay: 1, restDay: 0.25 } as const;

export interface OfficeHours {
  timeZone: string;
  /** Working days, Monday first. */
  workingDays: Weekday[];
  /** Busy from this local hour (inclusive) to `busyTo` (exclusive), 0-24. */
  busyFrom: number;
  busyTo: number;
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const hour = z.coerce.number().int().min(0).max(24);

export const officeHoursSchema = z
  .object({
    timeZone: z.string().refine(isTimeZone, { error: 'must be an IANA time zone such as Europe/Berlin' }),
    workingDays: z.array(z.enum(WEEKDAYS)).min(1),
    busyFrom: hour,
    busyTo: hour,
  })
  .refine((p) => p.busyFrom < p.busyTo, {
    error: 'the busy hours must end after they start',
    path: ['busyTo'],
  });

const TEXT = /^(\S+)\s+([A-Za-z]{3})-([A-Za-z]{3})\s+(\d{1,2})-(\d{1,2})$/;
const dayIndex = (d: string) => WEEKDAYS.findIndex((w) => w.toLowerCase() === d.toLowerCase());

/** Parses `Europe/Berlin Mon-Fri 09-17`; a day range may wrap (`Sun-Thu`). Answers an error message otherwise. */
export function parseOfficeHours(
  text: string,
): { ok: true; profile: OfficeHours } | { ok: false; error: string } {
  const m = TEXT.exec(text.trim());
  const first = m ? dayIndex(m[2]!) : -1;
  const last = m ? dayIndex(m[3]!) : -1;
  if (!m || first < 0 || last < 0)
    return {
      ok: false,
      error: 'must read "<time zone> <day>-<day> <hour>-<hour>", e.g. "Europe/Berlin Mon-Fri 09-17"',
    };
  const workingDays: Weekday[] = [];
  for (let i = first; ; i = (i + 1) % 7) {
    workingDays.push(WEEKDAYS[i]!);
    if (i === last) break;
  }
  const parsed = officeHoursSchema.safeParse({ timeZone: m[1], workingDays, busyFrom: m[4], busyTo: m[5] });
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => i.message).join('; ') };
  return { ok: true, profile: parsed.data };
}
