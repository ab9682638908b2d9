import { DomainError } from '@ita/domain/domain-error';
import { parseIdempotencyKey, requestFingerprint, temporalUpdateId } from './idempotency-key';

const problemOf = (raw: string | string[]) => {
  try {
    parseIdempotencyKey(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).problems[0];
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be refused`);
};

describe(parseIdempotencyKey.name, () => {
  it('takes a key as sent, and no header as no key', () => {
    expect(parseIdempotencyKey('0b6f0c8e-3c1d-4b47-9d0e-2f1f5f0e8a11')).toBe('0b6f0c8e-3c1d-4b47-9d0e-2f1f5f0e8a11');
    expect(parseIdempotencyKey('submit Q1-S1 #2')).toBe('submit Q1-S1 #2');
    expect(parseIdempotencyKey('k'.repeat(200))).toHaveLength(200);
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
  });

  it('refuses an empty, overlong, non-ASCII or control-character key, naming the header', () => {
    for (const raw of ['', '   ', 'k'.repeat(201), 'กุญแจ', 'a\u0000b', 'a\tb', 'a\u007fb', ['a', 'b']]) {
      expect(problemOf(raw)).toEqual({ path: 'Idempotency-Key', message: expect.any(String) });
    }
    expect(problemOf('k'.repeat(201)).message).toBe('is 201 characters; at most 200');
  });
});

describe(requestFingerprint.name, () => {
  const base = {
    method: 'POST',
    route: '/api/organizations/:organization/plans/:fiscalYear/measures/:code/tasks/:taskKey/submit',
    params: { organization: 'TCEB', fiscalYear: '2565', code: 'M01-I7', taskKey: 'Q1-S1-PLAN_BUDGET' },
    body: { note: 'แล้ว', progress: 'done', evidence: [] },
  };

  it('is the same for the same request however its JSON is written', () => {
    const sut = requestFingerprint(base);
    expect(sut).toMatch(/^[0-9a-f]{64}$/);
    expect(
      requestFingerprint({
        ...base,
        method: 'post',
        body: { evidence: [], progress: 'done', note: 'แล้ว', summary: null },
      }),
    ).toBe(sut);
    expect(
      requestFingerprint({
        ...base,
        params: { taskKey: 'Q1-S1-PLAN_BUDGET', code: 'M01-I7', fiscalYear: '2565', organization: 'TCEB' },
      }),
    ).toBe(sut);
    expect(requestFingerprint({ ...base, body: undefined })).toBe(requestFingerprint({ ...base, body: {} }));
  });

  it('differs when anything asked differs: body, array order, path parameter or route', () => {
    const sut = requestFingerprint(base);
    const others = [
      { ...base, body: { ...base.body, note: 'แล้ว ' } },
      { ...base, body: { ...base.body, evidence: [{ guidelines: [1, 2] }] } },
      { ...base, params: { ...base.params, taskKey: 'Q1-S2-PLAN_BUDGET' } },
      { ...base, route: base.route.replace(/submit$/, 'return') },
    ].map(requestFingerprint);
    expect(new Set([sut, ...others]).size).toBe(5);
    expect(requestFingerprint({ ...base, body: { evidence: [{ guidelines: [1, 2] }] } })).not.toBe(
      requestFingerprint({ ...base, body: { evidence: [{ guidelines: [2, 1] }] } }),
    );
  });
});

describe(temporalUpdateId.name, () => {
  it("is stable for one user's request under one key and differs between users, organizations, keys and requests", () => {
    const sut = temporalUpdateId(1, 7, 'k-1', 'f');
    expect(sut).toBe(temporalUpdateId(1, 7, 'k-1', 'f'));
    expect(sut).toMatch(/^idempotent-[0-9a-f]{40}$/);
    const others = [
      temporalUpdateId(1, 8, 'k-1', 'f'),
      temporalUpdateId(2, 7, 'k-1', 'f'),
      temporalUpdateId(1, 7, 'k-2', 'f'),
      temporalUpdateId(17, 0, 'k-1', 'f'),
      temporalUpdateId(1, 7, 'k-1', 'g'),
    ];
    expect(new Set([sut, ...others]).size).toBe(6);
  });
});
