// The run report's model: what the run orchestration hands writeReport (RunReportInput) and what the report is
// (RunReport, report.json), shared by the activity that builds it, the HTML renderer, the API and the CLI.
import type { SimulationSize } from '../core/config';
import type { OfficeHours } from '../core/office-hours';
import type { HayCoverage, HaySummary } from './hay';
import type { PhaseCrash } from './orchestrations';

/** A scenario HayMaker will not run because it cannot grant what the scenario needs (the report lists it). */
export interface RefusedScenario {
  scenarioId: string;
  reasons: string[];
}

/** One scenario as the run orchestration saw it, for the report (additive: writeReport may also read storage). */
export interface ScenarioReportInput {
  scenarioId: string;
  status: 'succeeded' | 'failed';
  phases: {
    step: string;
    status: 'succeeded' | 'failed' | 'timedOut' | 'skipped';
    startedAt: string;
    endedAt: string;
    burst?: number;
    error?: string;
    /** Agent jobs of this phase that ended without reporting; the phase was started again after each. */
    crashes?: PhaseCrash[];
  }[];
  leftoversFound: number;
  forceDeleted: number;
  cleanupVerified: boolean;
  principalVerifiedGone: boolean;
  errors: string[];
  /** The scenario's ground truth summary (absent for runs before it existed, or when no principal was made). */
  hay?: HaySummary | { error: string };
  /** The region it ran in (picked at selection); absent for runs before regions. */
  region?: string;
}

/** Declared operations against the Activity Log (DESIGN §7); `collected` false when there is no hay to compare. */
export interface ScenarioCoverage extends HayCoverage {
  collected: boolean;
  /** The hay file in the run's report folder, when collected. */
  hayFile?: string;
  events?: number;
  error?: string;
}

/** What the run orchestration knows when it asks for the report. */
export interface RunReportInput {
  size?: SimulationSize;
  seed: string;
  startedAt: string;
  endedAt: string;
  status: 'completed' | 'failed' | 'terminated';
  scenarios: ScenarioReportInput[];
  /** The run's final sweep by ExecutionId. */
  sweep: { found: number; deleted: number; failed: string[] };
  /** Run-level errors (invalid configuration, selection failure, sweep failure), secret-shaped text redacted. */
  errors?: string[];
  /** Scenarios refused at selection: HayMaker cannot grant what they need. */
  refused?: RefusedScenario[];
  /** The office-hours profile that placed the bursts; absent = an even spread. */
  officeHours?: OfficeHours;
}

export interface LeakCounts {
  resources: number;
  principals: number;
  appRegistrations: number;
  roleAssignments: number;
  secrets: number;
}

export interface ScenarioReport {
  scenarioId: string;
  status: 'succeeded' | 'failed';
  phases: ScenarioReportInput['phases'];
  resourcesCreated: number;
  resourcesDeleted: number;
  forceDeleted: number;
  leftoversFound: number;
  cleanupVerified: boolean;
  principalVerifiedGone: boolean;
  errors: string[];
  /** Always written by this version; absent in reports written before ground truth existed. */
  coverage?: ScenarioCoverage;
  /** The region it ran in; absent for runs before regions (they all ran in AZURE_LOCATION). */
  region?: string;
}

export interface RunReport {
  reportVersion: 1;
  runId: string;
  size: string | null;
  seed: string;
  startedAt: string;
  endedAt: string;
  status: 'completed' | 'failed' | 'terminated';
  summary: {
    scenarios: { total: number; succeeded: number; failed: number };
    cleanupVerified: boolean;
    leaked: LeakCounts;
    resources: { created: number; deleted: number; forceDeleted: number };
    sweep: RunReportInput['sweep'];
    events: number;
    /** Scenarios per region (the spread); empty when no scenario recorded one. Absent in older reports. */
    regions?: Record<string, number>;
  };
  scenarios: ScenarioReport[];
  /** Run-level errors (configuration, selection, sweep), as the orchestration reported them. */
  errors: string[];
  /** Scenarios HayMaker would not run, each with why: it cannot grant what they need (scenarios/AUTHORING.md "Grants"). */
  refused: RefusedScenario[];
  /** What is still in the tenant, by id/name (empty when cleanupVerified). */
  leftovers: { kind: keyof LeakCounts; id: string }[];
  /** The office-hours profile that placed the bursts (shaded on the timeline); absent = an even spread. */
  officeHours?: OfficeHours;
  generatedAt: string;
}
