/**
 * Fakes of every job port, for unit tests and benchmarks. A test names the ports its job uses;
 * every other port is a stand-in that fails the test on the first call, so a job that reaches
 * for a port its test did not expect is caught rather than silently given a no-op.
 */
import type { JobContext, JobDeps, JobSettings } from '../../jobs/definition.js';
import type { JobRuntime } from '../../src/core/job.js';
import type { Logger } from '../../src/core/ports.js';

/** A port whose every method throws "unexpected call", naming the port and the method. */
export function unexpectedPort<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get(_target, property) {
      if (property === 'then') return undefined;
      return () => {
        throw new Error(`unexpected call: ${name}.${String(property)}()`);
      };
    },
  });
}

/** Values kept for a job across its attempts (`held`), in memory; expiry is not modelled. */
export function memoryHeld(): JobDeps['held'] {
  const values = new Map<string, string>();
  return {
    get: async (key) => values.get(key) ?? null,
    set: async (key, value) => void values.set(key, value),
  };
}

export const TEST_SETTINGS: JobSettings = {
  pollIntervalMs: 1000,
  confirmTtlMs: 10 * 60_000,
  diagnostics: { containerCreatingMinutes: 10, slowCreateMinutes: 25, stuckCreateMinutes: 60 },
};

/** Every job port: the given ones, the rest unexpected. */
export function fakeJobDeps(given: Partial<JobDeps>): JobDeps {
  return {
    slack: unexpectedPort('slack'),
    openstack: () => unexpectedPort('openstack'),
    kube: unexpectedPort('kube'),
    queue: unexpectedPort('queue'),
    access: unexpectedPort('access'),
    clock: { now: () => Date.now() },
    settings: TEST_SETTINGS,
    audit: unexpectedPort('audit'),
    operations: unexpectedPort('operations'),
    confirmations: unexpectedPort('confirmations'),
    recentJobs: () => Promise.reject(new Error('unexpected call: recentJobs()')),
    tickets: unexpectedPort('tickets'),
    watches: unexpectedPort('watches'),
    held: unexpectedPort('held'),
    ...given,
  };
}

/** A job context over the given ports, with a runtime that records `updateData` into `updates`. */
export function fakeJobContext(
  given: Partial<JobDeps>,
  log: Logger,
  runtime: Partial<JobRuntime> = {},
  updates: object[] = [],
): JobContext {
  return {
    ...fakeJobDeps(given),
    runtime: {
      jobId: 'job-1',
      name: 'test',
      attemptsMade: 0,
      isFinalAttempt: false,
      log,
      updateData: async (d) => void updates.push(structuredClone(d)),
      ...runtime,
    },
    log,
  };
}
