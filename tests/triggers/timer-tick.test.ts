// The burst driver's "now": Azure's wall clock, or the embedded host's clock when that is ahead (a scaled local run,
// where the orchestrations placed the bursts hours ahead of the wall clock). Without it the driver never found a burst
// due in a scaled run, and every scenario waited out its operations deadline.
import { tickTime } from '../../triggers/timer-tick';

const wall = new Date('2026-12-07T15:00:00.000Z');

describe('tickTime', () => {
  it('is the wall clock in Azure, whose schedule status holds only past times', () => {
    const azure = {
      scheduleStatus: {
        last: '2026-12-07T14:59:00.000Z',
        next: '2026-12-07T15:00:00.000Z',
        lastUpdated: '2026-12-07T14:59:00.100Z',
      },
    };
    expect(tickTime(azure, wall)).toEqual(wall);
    expect(tickTime(undefined, wall)).toEqual(wall);
    expect(tickTime({}, wall)).toEqual(wall);
  });

  it("is the embedded host's clock when it runs ahead of the wall clock", () => {
    const scaled = {
      scheduleStatus: {
        last: '2026-12-07T17:20:00.000Z',
        next: '2026-12-07T17:30:00.000Z',
        lastUpdated: '2026-12-07T17:20:00.400Z',
      },
    };
    expect(tickTime(scaled, wall)).toEqual(new Date('2026-12-07T17:20:00.400Z'));
  });

  it('ignores a stamp it cannot read', () => {
    expect(tickTime({ scheduleStatus: { last: 'soon', next: '', lastUpdated: '' } }, wall)).toEqual(wall);
  });
});
