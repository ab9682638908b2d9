import { bangkokMidnight } from '../fiscal-calendar';
import { DelegationRecord, delegationInForce, oversightHolderAt } from './authority';

const at = (y: number, m: number, d: number, hours = 12) => bangkokMidnight(y, m, d).getTime() + hours * 3_600_000;
const oversight = (
  id: number,
  delegate: string,
  startsOn: string,
  endsOn: string | null,
  revokedAt: string | null = null,
): DelegationRecord => ({
  id,
  kind: 'oversight',
  unitCode: null,
  delegator: 'tceb.director',
  delegate,
  startsOn,
  endsOn,
  revokedAt,
});

describe(oversightHolderAt.name, () => {
  const standing = oversight(1, 'tceb.deputy', '2026-10-01', null);
  const holiday = oversight(2, 'tceb.deputy2', '2026-12-24', '2026-12-26');

  it('is the delegate of the newest oversight delegation in force that Bangkok day, else the Director', () => {
    expect(oversightHolderAt([standing, holiday], 'tceb.director', at(2026, 12, 1))).toBe('tceb.deputy');
    expect(oversightHolderAt([standing, holiday], 'tceb.director', at(2026, 12, 26, 23))).toBe('tceb.deputy2');
    expect(oversightHolderAt([standing, holiday], 'tceb.director', at(2026, 12, 27, 0))).toBe('tceb.deputy');
    expect(oversightHolderAt([holiday], 'tceb.director', at(2026, 12, 1))).toBe('tceb.director');
    expect(oversightHolderAt([], null, at(2026, 12, 1))).toBeNull();
  });

  it('counts a revoked delegation up to its revocation, and ignores acting-head delegations', () => {
    const revoked = oversight(3, 'tceb.deputy3', '2026-12-01', null, new Date(at(2026, 12, 10)).toISOString());
    expect(oversightHolderAt([standing, revoked], 'tceb.director', at(2026, 12, 9))).toBe('tceb.deputy3');
    expect(oversightHolderAt([standing, revoked], 'tceb.director', at(2026, 12, 11))).toBe('tceb.deputy');
    const acting: DelegationRecord = {
      ...oversight(4, 'tceb.hr.head', '2026-12-01', null),
      kind: 'unit-head',
      unitCode: 'PLAN_BUDGET',
    };
    expect(oversightHolderAt([acting], 'tceb.director', at(2026, 12, 9))).toBe('tceb.director');
  });
});

describe(delegationInForce.name, () => {
  it('holds from the first Bangkok midnight of its first day to the last instant of its last day', () => {
    const d = oversight(1, 'x', '2026-12-24', '2026-12-26');
    expect(delegationInForce(d, bangkokMidnight(2026, 12, 24).getTime() - 1)).toBe(false);
    expect(delegationInForce(d, bangkokMidnight(2026, 12, 24).getTime())).toBe(true);
    expect(delegationInForce(d, bangkokMidnight(2026, 12, 27).getTime() - 1)).toBe(true);
    expect(delegationInForce(d, bangkokMidnight(2026, 12, 27).getTime())).toBe(false);
  });
});
