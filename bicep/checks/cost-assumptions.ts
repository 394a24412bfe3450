// List prices and usage assumptions behind docs/cost.md. Change a number here, run `node dist/bicep/checks/cost.js`,
// and paste the table into docs/cost.md (tests/bicep/cost.test.ts fails until the two agree).

/**
 * Pay-as-you-go list prices, USD, East US / East US 2, as published on azure.microsoft.com/pricing (snapshot
 * 2025-01). Not re-fetched for this estimate (no network where it was written): check them before budgeting.
 */
export const PRICES = {
  asOf: '2025-01',
  region: 'East US',
  containerApps: {
    vCpuSecond: 0.000024,
    gibSecond: 0.000003,
    /** Per subscription per month (Consumption plan, jobs included). */
    freeVCpuSecondsPerMonth: 180_000,
    freeGibSecondsPerMonth: 360_000,
  },
  flexConsumption: {
    /** On-demand execution time, per GB-second of instance memory while executing. */
    gbSecond: 0.000026,
    perMillionExecutions: 0.4,
    freeGbSecondsPerMonth: 100_000,
    freeExecutionsPerMonth: 250_000,
  },
  serviceBus: {
    standardBasePerHour: 0.0135,
    /** Standard includes 13 million operations a month; beyond: per million. */
    standardIncludedOperationsPerMonth: 13_000_000,
    standardPerMillionOperations: 0.8,
    basicPerMillionOperations: 0.05,
  },
  storage: {
    /** Hot LRS blob capacity per GB-month. */
    blobGbMonth: 0.0184,
    /** Queue and table transactions, per 10,000 (blended). */
    per10kTransactions: 0.004,
  },
  logAnalytics: {
    /** Analytics logs ingestion per GB (pay-as-you-go; 31 days retention included). */
    perGbIngested: 2.3,
  },
  keyVault: {
    /** Standard tier secret operations, per 10,000. */
    per10kOperations: 0.03,
  },
  containerRegistry: {
    basicPerDay: 0.1667,
  },
} as const;

/** How HayMaker uses those meters. Every figure is a stated guess, to be replaced by measured values. */
export const ASSUMPTIONS = {
  daysPerMonth: 30,
  hoursPerMonth: 730,
  scenariosPerMediumRun: 15,
  agent: {
    vCpu: 0.5,
    memoryGib: 1,
    deployPhaseSeconds: 600,
    operationBursts: 8,
    burstSeconds: 180,
    cleanupPhaseSeconds: 360,
    /** Billed time per execution before the agent's own work starts (image pull, start). */
    startOverheadSeconds: 30,
  },
  functionApp: {
    instanceMemoryGb: 2,
    /** Execution time per scenario: ~50 activity calls, orchestrator replays, Service Bus events. */
    executingSecondsPerScenario: 150,
    executingSecondsPerRunOverhead: 300,
    executionsPerScenario: 100,
    /** Idle: the hourly janitor and the run timer when nothing runs. */
    idleExecutionsPerDay: 30,
    idleExecutingSecondsPerDay: 150,
  },
  serviceBus: {
    /** Agent events per execution; each costs a send, a receive and a complete. */
    eventsPerExecution: 20,
    operationsPerEvent: 3,
  },
  storage: {
    storedGb: 2,
    idleTransactionsPerDay: 35_000,
    transactionsPerScenario: 15_000,
  },
  logs: {
    idleGbPerDay: 0.05,
    gbPerScenario: 0.01,
  },
  keyVault: {
    /** Set the SP secret, the agent reads it and the Anthropic key at each execution, delete it. */
    operationsPerScenario: 25,
  },
} as const;

/** The literal types of the tables above widened to number/string, so callers can vary any figure. */
type Widen<T> = { [K in keyof T]: T[K] extends number ? number : T[K] extends string ? string : Widen<T[K]> };
export type Prices = Widen<typeof PRICES>;
export type Assumptions = Widen<typeof ASSUMPTIONS>;
