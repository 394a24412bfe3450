// Reproducible monthly cost estimate: the platform idle, and one medium run (15 scenarios) a day on top.
// `node dist/bicep/checks/cost.js` prints the table docs/cost.md carries; `--json` prints the numbers.
import { ASSUMPTIONS, PRICES, type Assumptions, type Prices } from './cost-assumptions';

export interface CostLine {
  item: string;
  usdPerMonth: number;
  basis: string;
}

export interface CostEstimate {
  idle: CostLine[];
  mediumRunDaily: CostLine[];
  idleTotal: number;
  mediumRunDailyTotal: number;
  total: number;
  /** Service Bus Basic instead of Standard (not deployable: Basic has no duplicate detection). */
  serviceBusBasicInstead: number;
}

const round = (usd: number): number => Math.round(usd * 100) / 100;
const sum = (lines: CostLine[]): number => round(lines.reduce((t, l) => t + l.usdPerMonth, 0));

/** Agent compute per scenario, in vCPU-seconds and GiB-seconds. */
export function agentSecondsPerScenario(
  a: Assumptions['agent'],
  shape: { vCpu: number; memoryGib: number } = { vCpu: a.vCpu, memoryGib: a.memoryGib },
): { vCpuSeconds: number; gibSeconds: number } {
  const executions = 2 + a.operationBursts;
  const seconds =
    a.deployPhaseSeconds +
    a.operationBursts * a.burstSeconds +
    a.cleanupPhaseSeconds +
    executions * a.startOverheadSeconds;
  return { vCpuSeconds: seconds * shape.vCpu, gibSeconds: seconds * shape.memoryGib };
}

export function estimateMonthlyCost(
  prices: Prices = PRICES,
  assumptions: Assumptions = ASSUMPTIONS,
  agentShape?: { vCpu: number; memoryGib: number },
): CostEstimate {
  const { daysPerMonth: days, scenariosPerMediumRun: scenarios } = assumptions;
  const ca = prices.containerApps;
  const fx = prices.flexConsumption;
  const f = assumptions.functionApp;

  const idleGbSeconds = f.idleExecutingSecondsPerDay * f.instanceMemoryGb * days;
  const idleExecutions = f.idleExecutionsPerDay * days;
  const idle: CostLine[] = [
    {
      item: 'Container Registry Basic',
      usdPerMonth: prices.containerRegistry.basicPerDay * days,
      basis: `${prices.containerRegistry.basicPerDay}/day`,
    },
    {
      item: 'Service Bus Standard base',
      usdPerMonth: prices.serviceBus.standardBasePerHour * assumptions.hoursPerMonth,
      basis: `${prices.serviceBus.standardBasePerHour}/h × ${assumptions.hoursPerMonth} h`,
    },
    {
      item: 'Storage (capacity + idle transactions)',
      usdPerMonth:
        assumptions.storage.storedGb * prices.storage.blobGbMonth +
        ((assumptions.storage.idleTransactionsPerDay * days) / 10_000) * prices.storage.per10kTransactions,
      basis: `${assumptions.storage.storedGb} GB, ${assumptions.storage.idleTransactionsPerDay}/day transactions`,
    },
    {
      item: 'Log Analytics ingestion (idle)',
      usdPerMonth: assumptions.logs.idleGbPerDay * days * prices.logAnalytics.perGbIngested,
      basis: `${assumptions.logs.idleGbPerDay} GB/day`,
    },
    {
      item: 'Function App (timers, within the free grant)',
      usdPerMonth:
        Math.max(0, idleGbSeconds - fx.freeGbSecondsPerMonth) * fx.gbSecond +
        (Math.max(0, idleExecutions - fx.freeExecutionsPerMonth) / 1e6) * fx.perMillionExecutions,
      basis: `${idleGbSeconds} GB-s, ${idleExecutions} executions`,
    },
    {
      item: 'Key Vault, identities, Container Apps environment',
      usdPerMonth: 0,
      basis: 'no charge while idle',
    },
  ];

  const perScenario = agentSecondsPerScenario(assumptions.agent, agentShape);
  const vCpuSeconds = perScenario.vCpuSeconds * scenarios * days;
  const gibSeconds = perScenario.gibSeconds * scenarios * days;
  const runGbSeconds =
    (f.executingSecondsPerScenario * scenarios + f.executingSecondsPerRunOverhead) *
    f.instanceMemoryGb *
    days;
  const runExecutions = f.executionsPerScenario * scenarios * days;
  const executionsPerScenario = 2 + assumptions.agent.operationBursts;
  const busOperations =
    executionsPerScenario *
    assumptions.serviceBus.eventsPerExecution *
    assumptions.serviceBus.operationsPerEvent *
    scenarios *
    days;
  const mediumRunDaily: CostLine[] = [
    {
      item: `Container Apps job (${agentShape?.vCpu ?? assumptions.agent.vCpu} vCPU / ${agentShape?.memoryGib ?? assumptions.agent.memoryGib} GiB)`,
      usdPerMonth:
        Math.max(0, vCpuSeconds - ca.freeVCpuSecondsPerMonth) * ca.vCpuSecond +
        Math.max(0, gibSeconds - ca.freeGibSecondsPerMonth) * ca.gibSecond,
      basis: `${vCpuSeconds} vCPU-s, ${gibSeconds} GiB-s, less the free grant`,
    },
    {
      item: 'Function App (Flex Consumption on demand)',
      usdPerMonth:
        Math.max(0, runGbSeconds + idleGbSeconds - fx.freeGbSecondsPerMonth) * fx.gbSecond -
        Math.max(0, idleGbSeconds - fx.freeGbSecondsPerMonth) * fx.gbSecond +
        (Math.max(0, runExecutions + idleExecutions - fx.freeExecutionsPerMonth) / 1e6) *
          fx.perMillionExecutions,
      basis: `${runGbSeconds} GB-s, ${runExecutions} executions`,
    },
    {
      item: 'Service Bus operations',
      usdPerMonth:
        (Math.max(0, busOperations - prices.serviceBus.standardIncludedOperationsPerMonth) / 1e6) *
        prices.serviceBus.standardPerMillionOperations,
      basis: `${busOperations} operations (Standard includes ${prices.serviceBus.standardIncludedOperationsPerMonth})`,
    },
    {
      item: 'Storage transactions (task hub, audit, reports)',
      usdPerMonth:
        ((assumptions.storage.transactionsPerScenario * scenarios * days) / 10_000) *
        prices.storage.per10kTransactions,
      basis: `${assumptions.storage.transactionsPerScenario} per scenario`,
    },
    {
      item: 'Log Analytics ingestion (runs)',
      usdPerMonth: assumptions.logs.gbPerScenario * scenarios * days * prices.logAnalytics.perGbIngested,
      basis: `${assumptions.logs.gbPerScenario} GB per scenario`,
    },
    {
      item: 'Key Vault operations',
      usdPerMonth:
        ((assumptions.keyVault.operationsPerScenario * scenarios * days) / 10_000) *
        prices.keyVault.per10kOperations,
      basis: `${assumptions.keyVault.operationsPerScenario} per scenario`,
    },
  ];
  for (const line of [...idle, ...mediumRunDaily]) line.usdPerMonth = round(line.usdPerMonth);
  const idleTotal = sum(idle);
  const mediumRunDailyTotal = sum(mediumRunDaily);
  const standardBase = idle.find((l) => l.item === 'Service Bus Standard base')?.usdPerMonth ?? 0;
  const basicOperations = (busOperations / 1e6) * prices.serviceBus.basicPerMillionOperations;
  return {
    idle,
    mediumRunDaily,
    idleTotal,
    mediumRunDailyTotal,
    total: round(idleTotal + mediumRunDailyTotal),
    serviceBusBasicInstead: round(idleTotal + mediumRunDailyTotal - standardBase + basicOperations),
  };
}

export function costTable(estimate: CostEstimate): string {
  const rows = (lines: CostLine[]) =>
    lines.map((l) => `| ${l.item} | ${l.usdPerMonth.toFixed(2)} | ${l.basis} |`);
  return [
    '| item | USD / month | basis |',
    '|---|---:|---|',
    ...rows(estimate.idle),
    `| **platform idle** | **${estimate.idleTotal.toFixed(2)}** | |`,
    ...rows(estimate.mediumRunDaily),
    `| **one medium run a day** | **${estimate.mediumRunDailyTotal.toFixed(2)}** | on top of idle |`,
    `| **total** | **${estimate.total.toFixed(2)}** | |`,
  ].join('\n');
}

/** `--agent-shape 2,4` prices another vCPU,GiB shape for the agent job (comparison only). */
function shapeArgument(argv: readonly string[]): { vCpu: number; memoryGib: number } | undefined {
  const i = argv.indexOf('--agent-shape');
  if (i < 0) return undefined;
  const [vCpu, memoryGib] = (argv[i + 1] ?? '').split(',').map(Number);
  if (!(vCpu > 0 && memoryGib > 0))
    throw new Error(`--agent-shape expects "<vCPU>,<GiB>" (e.g. 0.5,1), got ${JSON.stringify(argv[i + 1])}`);
  return { vCpu, memoryGib };
}

if (require.main === module) {
  const estimate = estimateMonthlyCost(PRICES, ASSUMPTIONS, shapeArgument(process.argv));
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(estimate, null, 2)}\n`);
  else process.stdout.write(`${costTable(estimate)}\n`);
}
