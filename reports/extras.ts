// What the report page shows beyond report.json, derived from the audit trail: errors the agent repaired, errors it
// did not, and language-model tokens with their estimated cost. Pure, so the API and a writer can both use it.
import type { AuditEventRecord } from '../adapters/audit-store';

export interface TokenCounts {
  input: number;
  output: number;
  cacheRead: number;
  cacheCreation: number;
}

export interface RepairRecord {
  scenarioId: string;
  phase: string;
  burst: number | null;
  step: string;
  timestamp: string;
  resolved: boolean;
  attempts: number | null;
  summary: string;
}

export interface ReportExtras {
  /** False when no audit trail was available: the page then says so instead of showing zeros as facts. */
  auditAvailable: boolean;
  repairs: RepairRecord[];
  tokens: { total: TokenCounts; byScenario: Record<string, TokenCounts> };
  /** Estimated language-model cost in USD at list prices (see TOKEN_PRICES_USD_PER_MILLION). */
  estimatedTokenCostUsd: number;
}

/** Claude Sonnet list prices per million tokens; an estimate, labelled as one on the page. */
const TOKEN_PRICES_USD_PER_MILLION: TokenCounts = {
  input: 3,
  output: 15,
  cacheRead: 0.3,
  cacheCreation: 3.75,
};

const zero = (): TokenCounts => ({ input: 0, output: 0, cacheRead: 0, cacheCreation: 0 });
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function tokenCostUsd(t: TokenCounts): number {
  const p = TOKEN_PRICES_USD_PER_MILLION;
  return (
    (t.input * p.input +
      t.output * p.output +
      t.cacheRead * p.cacheRead +
      t.cacheCreation * p.cacheCreation) /
    1_000_000
  );
}

export function reportExtras(events: readonly AuditEventRecord[] | undefined): ReportExtras {
  if (!events)
    return {
      auditAvailable: false,
      repairs: [],
      tokens: { total: zero(), byScenario: {} },
      estimatedTokenCostUsd: 0,
    };
  const sorted = [...events].sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  const repairs: RepairRecord[] = [];
  const total = zero();
  const byScenario: Record<string, TokenCounts> = {};
  for (const e of sorted) {
    const scenarioId = e.scenarioId ?? '';
    // Where a repair happened: the step of one phase (or burst) of one scenario.
    const where = {
      scenarioId,
      phase: e.phase ?? '',
      burst: e.burst ?? null,
      step: str(e.data.step),
      timestamp: e.timestamp,
    };
    if (e.type === 'error_encountered') {
      repairs.push({
        ...where,
        resolved: false,
        attempts: null,
        summary: e.data.timedOut === true ? 'timed out' : `exit ${num(e.data.exitCode)}`,
      });
    } else if (e.type === 'error_resolved') {
      const open = repairs.find(
        (r) => !r.resolved && r.scenarioId === scenarioId && r.step === where.step && r.phase === where.phase,
      );
      const record = {
        resolved: true,
        attempts: num(e.data.attempts) || null,
        summary: str(e.data.summary) || 'resolved',
      };
      if (open) Object.assign(open, record);
      else repairs.push({ ...where, ...record });
    } else if (e.type === 'phase_completed' || e.type === 'phase_failed') {
      const t = (e.data.tokens ?? {}) as Record<string, unknown>;
      const s = (byScenario[scenarioId] ??= zero());
      for (const k of Object.keys(total) as (keyof TokenCounts)[]) {
        s[k] += num(t[k]);
        total[k] += num(t[k]);
      }
    }
  }
  return {
    auditAvailable: true,
    repairs,
    tokens: { total, byScenario },
    estimatedTokenCostUsd: tokenCostUsd(total),
  };
}
