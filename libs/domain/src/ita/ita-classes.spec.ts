import { classifyScore, DEFAULT_ITA_THRESHOLDS, resolveItaThresholds, worseClass } from './ita-classes';

describe(classifyScore.name, () => {
  it.each([
    [84.99, 'urgent'],
    [85.0, 'improve'],
    [88.5, 'improve'],
    [92.0, 'improve'],
    [92.01, 'strength'],
    [0, 'urgent'],
    [100, 'strength'],
  ])('classes %d as %s by the default thresholds (both 85.00 and 92.00 are "improve")', (score, expected) => {
    expect(classifyScore(score)).toBe(expected);
  });

  it('follows the organization’s own thresholds', () => {
    const sut = { urgentBelow: 80, strengthAbove: 95 };
    expect([79.99, 80, 84.02, 92.11, 95, 95.01].map((s) => classifyScore(s, sut))).toEqual([
      'urgent',
      'improve',
      'improve',
      'improve',
      'improve',
      'strength',
    ]);
  });

  it('leaves only the threshold itself to "improve" when both thresholds are equal', () => {
    const sut = { urgentBelow: 90, strengthAbove: 90 };
    expect([89.99, 90, 90.01].map((s) => classifyScore(s, sut))).toEqual(['urgent', 'improve', 'strength']);
  });
});

describe(resolveItaThresholds.name, () => {
  it('falls back to the seed’s 85 and 92', () => {
    expect(resolveItaThresholds(undefined)).toEqual({ thresholds: DEFAULT_ITA_THRESHOLDS, source: 'default' });
    expect(resolveItaThresholds({ reportGraceDays: 10 }).source).toBe('default');
  });

  it('takes the organization’s settings when present', () => {
    expect(resolveItaThresholds({ itaThresholds: { urgentBelow: 80, strengthAbove: 90 } })).toEqual({
      thresholds: { urgentBelow: 80, strengthAbove: 90 },
      source: 'organization',
    });
  });
});

describe(worseClass.name, () => {
  it('picks the worse class, ignoring an unknown one', () => {
    expect(worseClass('strength', 'improve')).toBe('improve');
    expect(worseClass('urgent', 'improve')).toBe('urgent');
    expect(worseClass(null, 'strength')).toBe('strength');
    expect(worseClass(null, null)).toBeNull();
  });
});
