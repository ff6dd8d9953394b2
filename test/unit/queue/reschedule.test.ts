import { asRescheduleRequest, rescheduleIn } from '../../../src/queue/reschedule.js';

describe('reschedule requests', () => {
  it('recognises what rescheduleIn builds', () => {
    expect(asRescheduleRequest(rescheduleIn(5_000, { step: 2 }))).toEqual({ rescheduleInMs: 5_000, data: { step: 2 } });
    expect(asRescheduleRequest(rescheduleIn(0))).toEqual({ rescheduleInMs: 0 });
  });

  it('treats ordinary results as results', () => {
    expect([undefined, null, 'done', 3, { uuid: 'abc' }, []].map(asRescheduleRequest)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('does not mistake a result that also has other fields for a request', () => {
    expect(asRescheduleRequest({ rescheduleInMs: 10, status: 'CREATE_COMPLETE' })).toBeUndefined();
  });

  it('refuses negative, fractional or absurd delays', () => {
    expect([-1, 1.5, 1e12].map((ms) => asRescheduleRequest({ rescheduleInMs: ms }))).toEqual([undefined, undefined, undefined]);
  });
});
