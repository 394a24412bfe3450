// The hay export formats: every exported field in order on every row, JSON Lines one event a line, and CSV that a
// Sentinel watchlist takes (tests/reports/watchlist-csv.ts) even when a value holds a comma or a quote.
import { HAY_EXPORT_FIELDS, type HayEvent, type HayRecord } from '../../contract/hay';
import { hayRows, toCsv, toJsonLines } from '../../reports/hay-export';
import { parseCsv, watchlistCsvProblems } from './watchlist-csv';

const event = (n: number, extra: Partial<HayEvent> = {}): HayEvent => ({
  eventTimestamp: `2026-04-01T08:0${n}:00.000Z`,
  operationName: 'Microsoft.Web/sites/write',
  status: 'Succeeded',
  resourceId: `/subscriptions/s/resourceGroups/g/providers/Microsoft.Web/sites/site${n}`,
  correlationId: `c-${n}`,
  eventDataId: `e-${n}`,
  runId: 'run-1',
  scenarioId: 'web-01',
  phase: 'deploy',
  source: 'activityLog',
  ...extra,
});

const record = (events: HayEvent[]): HayRecord => ({
  runId: 'run-1',
  scenarioId: 'web-01',
  principal: { appId: 'a', objectId: 'o' },
  window: { from: '', to: '' },
  collectedAt: '',
  entraAudit: { collected: false, reason: '' },
  coverage: { expected: [], observed: [], missing: [], unexpected: [] },
  events,
});

describe('hay export', () => {
  const rows = hayRows([
    record([event(3, { phase: 'operate', burst: 2 }), event(1, { callerAppId: 'app' })]),
    record([event(2, { resourceId: '/weird/"name",with comma' })]),
  ]);

  it('gives every exported field on every row, oldest first, null when absent', () => {
    expect(rows.map((r) => r.eventDataId)).toEqual(['e-1', 'e-2', 'e-3']);
    for (const r of rows) expect(Object.keys(r)).toEqual([...HAY_EXPORT_FIELDS]);
    expect(rows[0]).toMatchObject({ callerAppId: 'app', burst: null });
    expect(rows[2]).toMatchObject({ phase: 'operate', burst: 2, callerAppId: null });
  });

  it('writes JSON Lines that read back as the rows', () => {
    const lines = toJsonLines(rows).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(rows);
  });

  it('writes CSV a watchlist takes, with quoted fields round-tripping', () => {
    const csv = toCsv(rows, HAY_EXPORT_FIELDS);
    expect(watchlistCsvProblems(csv)).toEqual([]);
    const [header, ...records] = parseCsv(csv);
    expect(header).toEqual([...HAY_EXPORT_FIELDS]);
    expect(records[1]![HAY_EXPORT_FIELDS.indexOf('resourceId')]).toBe('/weird/"name",with comma');
    expect(records[2]![HAY_EXPORT_FIELDS.indexOf('burst')]).toBe('2');
  });

  it('is caught by the watchlist check when a row is short or the search key repeats', () => {
    expect(watchlistCsvProblems('eventDataId,status\r\ne-1\r\ne-1,ok\r\n')).toEqual([
      'row 2 has 1 fields, the header 2',
      'eventDataId is not unique',
    ]);
  });
});
