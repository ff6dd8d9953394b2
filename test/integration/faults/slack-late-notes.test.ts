/**
 * A job's one-off notes under a late Slack answer: the stand-in posts the note but answers only
 * after the bot's client stopped waiting, so the job's attempt fails and the job is retried.
 * Each note is a keyed post (the job id and the step): the retry finds it in the thread instead
 * of posting it again.
 */
import { jest } from '@jest/globals';
import { SLACK_CALL_TIMEOUT_MS } from '../../../src/slack/web-client.js';
import { UPGRADE_ACTIONS } from '../../../src/core/requests/upgrade-request.js';
import { MINUTE, eventually, startLifecycleHarness, type LifecycleHarness } from '../lifecycle/harness.js';

jest.setTimeout(180_000);

interface LateNoteRow {
  name: string;
  command: (h: LifecycleHarness) => string;
  note: RegExp;
  job: string;
}

const ROWS: readonly LateNoteRow[] = [
  {
    name: 'a resize with nothing to do',
    command: (h) => `resize healthy --nodes ${h.sim.state.clusters.find((c) => c.name === 'healthy')?.nodeCount ?? 0}`,
    note: /^healthy already has \d+ nodes in .*: nothing to do\.$/,
    job: 'cluster-resize',
  },
  {
    name: "a create's pre-flight note (docker volume on overlay2)",
    command: () => 'create zeta --template k8s-1.27-overlay2 --nodes 1',
    note: /^Before creating zeta: /,
    job: 'cluster-create',
  },
];

describe("a job's notes under a late Slack answer", () => {
  let h: LifecycleHarness;

  beforeEach(async () => {
    h = await startLifecycleHarness({ rateLimitScale: 50, timing: { jobBackoffMs: 200 } });
  });

  afterEach(async () => {
    await h.stop();
  });

  it.each(ROWS.map((row) => [row.name, row] as const))('%s is posted once', async (_name, row) => {
    const late = { acceptThenAnswerAfterMs: SLACK_CALL_TIMEOUT_MS + 2_000 };
    h.slack.failNext('chat.postMessage', late, 1, (body) => row.note.test(String(body['text'])));

    await h.command(row.command(h));
    await h.waitForMessage(row.note, 90_000);
    // The retried attempt is over: nothing can post after this.
    await eventually(async () => (await h.jobs()).some((j) => j.name === row.job && j.state === 'completed'));

    const texts = h.allMessages().map((m) => m.text);
    expect(texts.filter((t) => row.note.test(t))).toHaveLength(1);
    // Every other message of the job once too.
    expect(new Set(texts).size).toBe(texts.length);
  });

  it("an upgrade's preview is posted once, and its one button upgrades (the request audited under its claim)", async () => {
    const preview = /^Upgrade healthy from Kubernetes v1\.27\.4 to v1\.28\.15\?/;
    const late = { acceptThenAnswerAfterMs: SLACK_CALL_TIMEOUT_MS + 2_000 };
    h.slack.failNext('chat.postMessage', late, 1, (body) => preview.test(String(body['text'])));

    await h.command('upgrade healthy --template k8s-1.28-no-volume');
    const shown = await h.waitForMessage(preview, 90_000);
    await eventually(async () => (await h.jobs()).some((j) => j.name === 'cluster-upgrade' && j.state === 'completed'));
    expect(h.allMessages().filter((m) => preview.test(m.text))).toHaveLength(1);

    await h.click(shown, UPGRADE_ACTIONS.confirm);
    await h.waitForMessage(/^Upgrading healthy to Kubernetes v1\.28\.15: UPDATE_IN_PROGRESS/, 60_000);
    h.advance(7 * MINUTE);
    await h.waitForMessage(/healthy runs Kubernetes v1\.28\.15/, 60_000);
    const decisions = (await h.audit()).filter((r) => r.action === 'cluster-upgrade').map((r) => r.decision);
    expect(decisions.sort()).toEqual(['confirmed', 'finished', 'requested', 'started']);
  });
});
