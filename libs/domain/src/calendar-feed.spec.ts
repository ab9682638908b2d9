import type { Actor, Grant } from './access/actor';
import { feedScope } from './calendar-feed';

const NOW = Date.parse('2026-12-02T03:00:00.000Z');
const grant = (kind: Grant['kind'], from: string, until: string | null, unitCode?: string): Grant => ({
  kind,
  ...(unitCode ? { unitCode } : {}),
  delegationId: '1',
  delegatorId: 'someone',
  from,
  until,
});

describe(feedScope.name, () => {
  it("gives a unit's staff and head their own unit, and an acting head the unit he stands in for only while in force", () => {
    const head: Actor = { id: 'hr.head', role: 'unit-head', unitCode: 'HR' };
    expect(feedScope(head, NOW)).toEqual({ units: ['HR'], oversight: false });
    expect(feedScope({ id: 's', role: 'unit-staff', unitCode: 'HR' }, NOW)).toEqual({
      units: ['HR'],
      oversight: false,
    });
    const acting = {
      ...head,
      grants: [
        grant('unit-head', '2026-12-01T17:00:00.000Z', '2026-12-02T17:00:00.000Z', 'PLAN_BUDGET'),
        grant('unit-head', '2026-12-10T17:00:00.000Z', null, 'ADMIN'),
      ],
    };
    expect(feedScope(acting, NOW)).toEqual({ units: ['HR', 'PLAN_BUDGET'], oversight: false });
    expect(feedScope(acting, Date.parse('2026-12-03T00:00:00.000Z')).units).toEqual(['HR']);
  });

  it("gives the Director, and a Deputy Director only while he holds the Director's delegation, the oversight", () => {
    expect(feedScope({ id: 'd', role: 'director' }, NOW)).toEqual({ units: [], oversight: true });
    const deputy: Actor = { id: 'dd', role: 'deputy-director' };
    expect(feedScope(deputy, NOW)).toEqual({ units: [], oversight: false });
    const delegated = { ...deputy, grants: [grant('oversight', '2026-10-01T00:00:00.000Z', null)] };
    expect(feedScope(delegated, NOW)).toEqual({ units: [], oversight: true });
    expect(feedScope({ id: 'a', role: 'auditor' }, NOW)).toEqual({ units: [], oversight: false });
  });
});
