/**
 * The operability metrics, scraped from the metrics port after driving the whole bot (web and
 * worker in one process) on the simulated cloud and the Slack stand-in.
 */
import { jest } from '@jest/globals';
import { DELETE_ACTIONS } from '../../../src/core/requests/delete-request.js';
import { scrape, sumOf, type Sample } from '../../helpers/prometheus-text.js';
import { eventually, MINUTE, startLifecycleHarness, type LifecycleHarness } from '../lifecycle/harness.js';

jest.setTimeout(120_000);
/** Waits for Slack answers: generous, since CI runs this beside process-heavy suites. */
const LOADED_WAIT_MS = 60_000;

describe('metrics on the metrics port', () => {
  let h: LifecycleHarness;

  beforeAll(async () => {
    h = await startLifecycleHarness({ confirmTtlMs: 5 * MINUTE });
  });

  afterAll(async () => {
    await h.stop();
  });

  const metrics = () => scrape(`${h.metricsUrl}/metrics`);

  it('serves the probes beside /metrics', async () => {
    const [health, ready] = await Promise.all([fetch(`${h.metricsUrl}/healthz`), fetch(`${h.metricsUrl}/readyz`)]);

    expect([health.status, ready.status]).toEqual([200, 200]);
  });

  it('counts commands by subcommand and outcome, jobs by name and outcome, with durations and queue waits', async () => {
    await h.command('list');
    await h.waitForMessage(/^\d+ clusters/, LOADED_WAIT_MS);
    const unknown = await h.command('frobnicate');
    expect(JSON.stringify(unknown.body)).toContain('Unknown subcommand');
    await eventually(async () => sumOf(await metrics(), 'kube_chatops_jobs_total', { job: 'cluster-list' }) === 1);

    const s = await metrics();
    expect(sumOf(s, 'kube_chatops_commands_total', { subcommand: 'list', outcome: 'ok' })).toBe(1);
    expect(sumOf(s, 'kube_chatops_commands_total', { subcommand: 'unknown', outcome: 'usage' })).toBe(1);
    expect(sumOf(s, 'kube_chatops_jobs_total', { job: 'cluster-list', outcome: 'done' })).toBe(1);
    expect(sumOf(s, 'kube_chatops_job_duration_seconds_count', { job: 'cluster-list', outcome: 'done' })).toBe(1);
    expect(sumOf(s, 'kube_chatops_job_duration_seconds_bucket', { job: 'cluster-list', outcome: 'done', le: '+Inf' })).toBe(1);
    expect(sumOf(s, 'kube_chatops_queue_wait_seconds_count', { job: 'cluster-list' })).toBe(1);
    // BullMQ's own: jobs by state and its completed counter (worker metrics enabled).
    expect(s.filter((x) => x.name === 'bullmq_job_count').map((x) => x.labels['state'])).toEqual(
      expect.arrayContaining(['active', 'completed', 'delayed', 'failed', 'waiting']),
    );
    expect(sumOf(s, 'bullmq_job_count', { queue: 'jobs', state: 'completed' })).toBeGreaterThanOrEqual(1);
    expect(sumOf(s, 'bullmq_job_completed_total', { queue: 'jobs' })).toBeGreaterThanOrEqual(1);
  });

  it('counts OpenStack requests by service and status, with latency', async () => {
    const s = await metrics();

    expect(sumOf(s, 'kube_chatops_openstack_requests_total', { service: 'keystone', status: '201' })).toBeGreaterThanOrEqual(1);
    const magnum = sumOf(s, 'kube_chatops_openstack_requests_total', { service: 'magnum', status: '200' });
    expect(magnum).toBeGreaterThanOrEqual(1);
    expect(sumOf(s, 'kube_chatops_openstack_request_duration_seconds_count', { service: 'magnum', status: '200' })).toBe(magnum);
    expect(sumOf(s, 'kube_chatops_openstack_request_duration_seconds_sum', { service: 'magnum', status: '200' })).toBeGreaterThan(0);
  });

  it('counts Slack calls by method and status, and 429s', async () => {
    const before = await metrics();
    h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await h.command('list');
    await h.slack.waitFor(() => h.allMessages().filter((m) => /^\d+ clusters/.test(m.text)).length === 2, LOADED_WAIT_MS);

    const s = await metrics();
    const delta = (name: string, labels: Record<string, string>) => sumOf(s, name, labels) - sumOf(before, name, labels);
    expect(delta('kube_chatops_slack_api_calls_total', { method: 'chat.postMessage', status: '429' })).toBe(1);
    expect(delta('kube_chatops_slack_api_rate_limited_total', { method: 'chat.postMessage' })).toBe(1);
    expect(delta('kube_chatops_slack_api_calls_total', { method: 'chat.postMessage', status: '200' })).toBeGreaterThanOrEqual(1);
  });

  it('reports tracked operations and the poll lag while a delete is tracked, and none after', async () => {
    const cloud = h.config.openstack.cloud;
    const tracked = (s: Sample[]) => sumOf(s, 'kube_chatops_tracked_operations', { cloud });
    await h.command('delete healthy');
    const preview = await h.waitForMessage(/^Delete healthy/, LOADED_WAIT_MS);
    await h.click(preview, DELETE_ACTIONS.confirm);
    await h.waitForMessage(/^Deleting healthy: DELETE_IN_PROGRESS/, LOADED_WAIT_MS);

    // Tracked (and polled) until the simulated cloud finishes the delete.
    await eventually(async () => tracked(await metrics()) === 1);
    await eventually(async () => sumOf(await metrics(), 'kube_chatops_queue_wait_seconds_count', { job: 'operations-poll' }) >= 2);
    const during = await metrics();
    h.advance(3 * MINUTE);
    await h.waitForMessage(/healthy is deleted/, LOADED_WAIT_MS);
    await eventually(async () => tracked(await metrics()) === 0);

    expect(tracked(during)).toBe(1);
    const after = await metrics();
    expect(sumOf(after, 'kube_chatops_queue_wait_seconds_bucket', { job: 'operations-poll', le: '+Inf' })).toBeGreaterThanOrEqual(2);
    expect(sumOf(after, 'kube_chatops_jobs_total', { job: 'cluster-delete', outcome: 'done' })).toBe(1);
  });
});
