/**
 * The jobs that use each service, run by the whole bot (web and worker, real Redis, the Slack
 * stand-in) while the simulated cloud answers with faults: a burst ends in exactly one result
 * and no error; a lasting fault ends in exactly one clear message after a bounded number of
 * requests (the client's tries times the job's attempts); nothing is created twice.
 */
import { jest } from '@jest/globals';
import { CHANNEL, OPERATOR, simClustersNamed, startLifecycleHarness, type LifecycleHarness } from '../lifecycle/harness.js';
import { JOB_FAULT_ROWS } from './job-fault-rows.js';

jest.setTimeout(180_000);

const TIMING = { openstackTimeoutMs: 400, kubeTimeoutMs: 400, retryBaseMs: 20, jobBackoffMs: 50 };

/** What the bot's error messages say (src/render/error-message.ts with the clients' messages). */
const ERROR_TEXT = /\(HTTP \d{3}|did not answer|could not be reached|Cannot reach|rejected the bot|Something went wrong/;

let h: LifecycleHarness;

beforeAll(async () => {
  // Locks of a real deployment's length: a job retrying under faults is not taken for a stalled one.
  h = await startLifecycleHarness({ timing: TIMING, locks: { lockDurationMs: 30_000, stalledIntervalMs: 30_000 }, rateLimitScale: 50 });
});

afterAll(async () => {
  await h.stop();
});

/** Everything the requester can see: channel messages with their threads, and ephemerals; keyed so that new ones can be told apart. */
function seen(): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of h.allMessages()) out.set(`message ${m.ts}`, m.text);
  h.slack.ephemerals(CHANNEL).forEach((e, i) => out.set(`ephemeral ${i}`, e.text));
  return out;
}

function addedSince(before: Map<string, string>): string[] {
  return [...seen()].filter(([key]) => !before.has(key)).map(([, text]) => text);
}

it.each(JOB_FAULT_ROWS.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
  const before = seen();
  const fired = h.sim.faults.fired(row.service, row.kind);
  const { amount, service, kind, path, method } = row;
  if (row.expireTokens) h.sim.faults.inject({ service: 'keystone', kind: 'token_expired', count: 1, path: '^$' });
  h.sim.faults.inject({ service, kind, path, ...(method ? { method } : {}), ...amount, retryAfterSeconds: 1, delayMs: 2_500 });
  try {
    await h.command(row.command, OPERATOR);
    await h.slack.waitFor(() => addedSince(before).find((text) => row.result.test(text)), 60_000);
    // Let a duplicate show up if there were to be one.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const added = addedSince(before);
    expect(added.filter((text) => row.result.test(text))).toHaveLength(1);
    // A burst that was absorbed leaves no error behind.
    if ('count' in row.amount) expect(added.filter((text) => ERROR_TEXT.test(text))).toEqual([]);
    expect(h.sim.faults.fired(row.service, row.kind) - fired).toBe(row.fired);
    if (row.oneCluster) expect(simClustersNamed(h.sim, row.oneCluster)).toBe(1);
  } finally {
    h.sim.faults.clear();
  }
});
