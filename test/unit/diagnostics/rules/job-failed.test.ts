import { jobFailed } from '../../../../src/diagnostics/rules/job-failed.js';
import { aCondition, aJob, aKubeconfigSnapshot } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule, severities } from './run-rule.js';

const backoff = aJob({
  name: 'migrate',
  succeeded: 0,
  failed: 6,
  completionTime: null,
  conditions: [aCondition('Failed', 'True', { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' })],
});

describe('job-failed', () => {
  it.each([
    ['BackoffLimitExceeded', backoff],
    ['failed pods, nothing active, no success', aJob({ succeeded: 0, failed: 2, completionTime: null, conditions: [] })],
  ])('warns for %s', (_case, job) => {
    expect(severities(runRule(jobFailed, aKubeconfigSnapshot({ jobs: [job] })))).toEqual(['warning']);
  });

  it.each([
    ['a completed job', aJob()],
    ['a job still retrying', aJob({ succeeded: 0, failed: 1, active: 1, completionTime: null, conditions: [] })],
    ['a job that succeeded after a failure', aJob({ succeeded: 1, failed: 1 })],
  ])('stays quiet for %s', (_case, job) => {
    expect(runRule(jobFailed, aKubeconfigSnapshot({ jobs: [job] }))).toEqual([]);
  });

  it('gives the reason', () => {
    const [finding] = runRule(jobFailed, aKubeconfigSnapshot({ jobs: [backoff] }));
    expect(finding?.evidence).toEqual([
      'default/Job/migrate: 6 failed, 0 succeeded; BackoffLimitExceeded: Job has reached the specified backoff limit',
    ]);
  });
});

describe('job-failed: evidence, not age, and the API server clock', () => {
  it.each([
    ['a failed job', backoff],
    ['a completed job', aJob()],
  ])('finds the same under clock skew with %s', (_case, job) => {
    expectSameUnderSkew(jobFailed, aKubeconfigSnapshot({ jobs: [job] }));
  });
});
