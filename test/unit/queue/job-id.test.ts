import { assertValidJobId, jobIdProblem } from '../../../src/queue/job-id.js';

describe('custom job ids', () => {
  it('accepts the deterministic ids commands build', () => {
    expect(['create-prod-3f9a', 'diag_T123_1700000000.123', 'a'].map(jobIdProblem)).toEqual([undefined, undefined, undefined]);
  });

  it('names what makes an id unusable', () => {
    expect(['', 'a:b', '12345', 'x'.repeat(257)].map(jobIdProblem)).toEqual(['empty', 'contains ":"', 'all digits', 'too long']);
  });

  it('throws a non-retryable BotError for an unusable id', () => {
    expect(() => assertValidJobId('a:b')).toThrow(expect.objectContaining({ code: 'job_id_invalid', retryable: false }));
  });
});
