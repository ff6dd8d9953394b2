/**
 * Conformance: one `openstack coe` sequence run against the simulated cloud and against the real
 * Keystone 22 + Magnum 15 (Zed) peers; every step's status, headers and body shape must agree
 * (documented deviations aside), and the bot's client and `cluster show` dump must work on both.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PEERS_RC_ENV, peersRcPath } from '../helpers/peers-env.js';
import type { Clock } from '../../src/core/ports.js';
import { createSilentLogger } from '../../src/logging/logger.js';
import { createOpenStackApi } from '../../src/openstack/create-openstack-api.js';
import { startSim, type Sim } from '../../src/sim/index.js';
import { hasCommand, runCli } from '../fidelity/cli.js';
import { ALLOWED_DIFFERENCES, comparable } from './allowed-differences.js';
import { runSequence, type SequenceRun } from './sequence.js';
import { credentialsFor, realTarget, simTarget, type Target } from './targets.js';

/** Every step of the sequence, in order, with the status real Magnum answers it with. */
const EXPECTED_STATUSES: Record<string, number> = {
  'auth (password token)': 201,
  'template create': 201,
  'template show': 200,
  'cluster create': 202,
  'cluster list': 200,
  'cluster show (in progress)': 200,
  'cluster show (created)': 200,
  'resize at 1.6 (406)': 406,
  'resize to 3 (1.7)': 202,
  'cluster show (resizing)': 200,
  'cluster show (resized)': 200,
  'certificate CA get': 200,
  'certificate sign': 201,
  'unknown cluster (404)': 404,
  'bad token (401)': 401,
  'microversion 1.99 (406)': 406,
  'cluster create, unknown template (404)': 404,
  'cluster delete': 204,
  'cluster show (deleted, 404)': 404,
};

const STEPS = Object.keys(EXPECTED_STATUSES);

const rcFile = peersRcPath();
if (!rcFile) {
  // CI starts the peers (.ci/peers.sh) and sets the variable; a developer machine skips the real half loudly.
  console.warn(
    `conformance: the real Keystone + Magnum peers are not running, skipping the real half. As root, start them with ` +
      `\`scripts/peers-up.sh\` (../shared/peers install.sh + all_up.sh, RP=/tmp/rp), then run ${PEERS_RC_ENV}=/tmp/rp/admin.rc npm run jest -- test/conformance`,
  );
}
const describeReal = rcFile ? describe : describe.skip;
const cliInstalled = await hasCommand('openstack');
const wallClock: Clock = { now: () => Date.now() };

async function runAgainst(target: Target, clock: Clock): Promise<SequenceRun> {
  const api = createOpenStackApi({ credentials: credentialsFor(target), logger: createSilentLogger(), clock });
  try {
    const openstack = cliInstalled ? (args: string[]) => runCli('openstack', args, target.cliEnv) : undefined;
    return await runSequence({ target, api: api.magnum, ...(openstack ? { openstack } : {}) });
  } finally {
    await api.close();
  }
}

/** What every cloud must let the bot observe, whatever its timings. */
function expectBotFacts(run: SequenceRun): void {
  expect(run.facts).toEqual({
    statusesAfterWaits: ['CREATE_COMPLETE', 'UPDATE_COMPLETE'],
    listedByBot: true,
    nodeCountAfterResize: 3,
    caIsCertificate: true,
    signedByClusterCa: true,
    botErrors: { getCluster: 'NotFoundError', createCluster: 'NotFoundError', deleteCluster: 'NotFoundError' },
    goneAfterDelete: true,
  });
}

let sim: Sim;
let simRun: SequenceRun;

beforeAll(async () => {
  sim = await startSim({ seed: false, tokenTtlSeconds: 24 * 3600 });
  simRun = await runAgainst(simTarget(sim), sim.clock);
}, 120_000);

afterAll(async () => {
  await sim?.close();
});

describe('the conformance sequence against the simulated cloud', () => {
  it('creates, resizes, signs a certificate for and deletes a cluster through the bot’s client', () => {
    expectBotFacts(simRun);
  });

  it('answers every step with the status the real Magnum answers', () => {
    expect(Object.fromEntries([...simRun.records].map(([step, r]) => [step, r.status]))).toEqual(EXPECTED_STATUSES);
  });

  (cliInstalled ? it : it.skip)('prints `coe cluster show` exactly as the bot renders it', () => {
    expect(simRun.show?.cli.code).toBe(0);
    expect(simRun.show?.rendered).toBe(simRun.show?.cli.stdout);
  });
});

describeReal('the simulated cloud against real Keystone 22 + Magnum 15 (Zed)', () => {
  let realRun: SequenceRun;

  beforeAll(async () => {
    realRun = await runAgainst(await realTarget(rcFile ?? ''), wallClock);
  }, 600_000);

  it('lets the bot’s client create, resize, certify and delete a real cluster', () => {
    expectBotFacts(realRun);
  });

  it('runs the same steps on both clouds', () => {
    expect([...simRun.records.keys()]).toEqual([...realRun.records.keys()]);
    expect(Object.fromEntries([...realRun.records].map(([step, r]) => [step, r.status]))).toEqual(EXPECTED_STATUSES);
  });

  it.each(STEPS)('%s: the sim answers with the real status, headers and body shape', (step) => {
    const real = realRun.records.get(step);
    const simulated = simRun.records.get(step);
    expect(real).toBeDefined();
    expect(simulated && comparable(step, simulated, 'sim')).toEqual(real && comparable(step, real, 'real'));
  });

  it('lists every allowed difference against a step that exists', () => {
    const steps = new Set([...realRun.records.keys(), '*']);
    expect(ALLOWED_DIFFERENCES.filter((d) => !steps.has(d.step))).toEqual([]);
  });

  it('renders the real cluster exactly as the real `openstack coe cluster show` prints it', () => {
    expect(realRun.show?.cli.stderr).toBe('');
    expect(realRun.show?.cli.code).toBe(0);
    expect(realRun.show?.rendered).toBe(realRun.show?.cli.stdout);
  });
});
