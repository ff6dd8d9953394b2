/**
 * Fuzzed button clicks and form submissions, signed correctly, against the whole bot: forged
 * and tampered values, stale confirmations, another user's confirmation, wrong types, oversized
 * values, unknown ids. Each is refused with a clear reply (an ephemeral message for a click,
 * field errors or an error view for a form), and nothing is enqueued or confirmed: the queue's
 * jobs and the audit log are the same before and after, but for `denied` records. Seeded, so
 * every run tries the same inputs.
 */
import { jest } from '@jest/globals';
import { CREATE_FORM } from '../../../src/core/requests/create-request.js';
import { DELETE_ACTIONS, LOADBALANCERS_ACTIONS } from '../../../src/core/requests/delete-request.js';
import { RESIZE_ACTIONS } from '../../../src/core/requests/resize-request.js';
import { SCALE_ACTIONS } from '../../../src/core/requests/scale-request.js';
import { sendBlockAction, sendViewSubmission, type StandInMessage } from '../../../src/sim/index.js';
import {
  CHANNEL,
  OPERATOR,
  OTHER_OPERATOR,
  SECRET,
  TEAM,
  VIEWER,
  buttonValue,
  startLifecycleHarness,
  type LifecycleHarness,
} from '../lifecycle/harness.js';
import { seededRandom } from '../../helpers/seeded-random.js';
import { FUZZ_CLICKS, FUZZ_SUBMISSIONS } from './fault-table.js';

jest.setTimeout(300_000);

const SEED = 0x5eed10;

/** Every refusal a click can get: the confirmation's, the value check's, the role check's, an unknown button's. */
const CLICK_REFUSAL =
  /^(This confirmation has expired|This confirmation was already used|Only the person who asked \(or an admin\) can confirm this|This button is not valid|This button does not belong here|This button is no longer handled|`[a-z-]+` needs the (operator|admin) role)/;

const random = seededRandom(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const junk = (length: number): string => Array.from({ length }, () => String.fromCharCode(32 + Math.floor(random() * 95))).join('');

interface Button {
  actionId: string;
  value: string;
  message: StandInMessage;
}

/** A value that is not the button's own: every one of these must be refused. */
const VALUE_MUTATIONS: readonly ((b: Button, others: readonly Button[]) => string)[] = [
  // Tampered: one character changed.
  (b) => {
    const at = Math.floor(random() * b.value.length);
    const swap = b.value[at] === 'A' ? 'B' : 'A';
    return `${b.value.slice(0, at)}${swap}${b.value.slice(at + 1)}`;
  },
  // Truncated, or extended.
  (b) => b.value.slice(0, Math.max(1, Math.floor(random() * b.value.length))),
  (b) => `${b.value}${junk(1 + Math.floor(random() * 8))}`,
  // Forged outright: junk, JSON of the wrong shape or types, empty, oversized.
  () => junk(1 + Math.floor(random() * 300)),
  () => JSON.stringify(pick([{ uuid: 5 }, [], null, true, 123, { cluster: { name: 'x' } }, { requester: OPERATOR, action: 'delete' }])),
  () => '',
  () => junk(2_001 + Math.floor(random() * 30_000)),
  // Another flow's token on this button.
  (b, others) => pick(others.filter((o) => o.actionId !== b.actionId && !sameFlow(o.actionId, b.actionId))).value,
];

const FLOWS: readonly string[][] = [DELETE_ACTIONS, LOADBALANCERS_ACTIONS, RESIZE_ACTIONS, SCALE_ACTIONS].map((flow) =>
  Object.values(flow),
);
function sameFlow(a: string, b: string): boolean {
  return FLOWS.some((flow) => flow.includes(a) && flow.includes(b));
}

let h: LifecycleHarness;
/** Confirmation buttons nobody has used yet: requester OPERATOR. */
let fresh: Button[];
/** Buttons whose confirmation was already used (cancelled). */
let stale: Button[];

function buttonsOf(message: StandInMessage): Button[] {
  const ids = (message.blocks ?? []).flatMap((block) =>
    ((block as { elements?: { action_id?: string; value?: string }[] }).elements ?? []).map((e) => e.action_id ?? ''),
  );
  return ids
    .filter((id) => FLOWS.some((flow) => flow.includes(id)))
    .map((actionId) => ({ actionId, value: buttonValue(message, actionId), message }));
}

/** The queue's jobs other than the poller's, as "id state", and the audit records other than denials. */
async function sideEffects(): Promise<{ jobs: string[]; audit: string[] }> {
  const jobs = (await h.jobs()).filter((j) => !/poll/.test(j.name)).map((j) => j.id);
  const audit = (await h.audit()).filter((r) => r.decision !== 'denied').map((r) => `${r.at} ${r.action} ${r.decision}`);
  return { jobs: jobs.sort(), audit: audit.sort() };
}

beforeAll(async () => {
  // Slack's limits scaled up: the fuzz answers a few hundred clicks in a minute, which is not what is tested here.
  h = await startLifecycleHarness({ rateLimitScale: 50 });
  await h.command('resize healthy --nodes 1');
  const resizePreview = await h.waitForMessage(/^Shrink healthy from 2 nodes to 1\?/, 60_000);
  await h.command('delete healthy');
  const deletePreview = await h.waitForMessage(/^Delete healthy/, 60_000);
  await h.command('scale crash-loop default/deployment/orders-api --replicas 0');
  const scalePreview = await h.waitForMessage(/^Scale default\/deployment\/orders-api/, 60_000);
  await h.command('delete lb-blocks-delete');
  const lbPreview = await h.waitForMessage(/^Delete lb-blocks-delete/, 60_000);
  fresh = [deletePreview, resizePreview, scalePreview].flatMap(buttonsOf);
  // The lb-blocks-delete preview is cancelled by its requester: its buttons are now stale.
  const lbButtons = buttonsOf(lbPreview);
  await h.click(lbPreview, DELETE_ACTIONS.cancel);
  await h.waitForMessage(/cancel/i, 60_000);
  stale = lbButtons;
});

afterAll(async () => {
  await h.stop();
});

it(`refuses ${FUZZ_CLICKS} fuzzed clicks, each with a clear reply, and starts nothing`, async () => {
  expect(new Set(fresh.map((b) => b.actionId)).size).toBe(6);
  expect(stale.length).toBeGreaterThanOrEqual(2);
  const before = await sideEffects();
  const replies: string[] = [];
  const kinds = new Map<string, number>();
  for (let i = 0; i < FUZZ_CLICKS; i += 1) {
    const kind = pick(['value', 'value', 'value', 'stale', 'other-user', 'viewer', 'unknown-id'] as const);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    const base = pick(fresh);
    let click: { actionId: string; value: string; user: string; message: StandInMessage };
    if (kind === 'value') click = { ...base, value: pick(VALUE_MUTATIONS)(base, [...fresh, ...stale]), user: OPERATOR };
    else if (kind === 'stale') click = { ...pick(stale), user: pick([OPERATOR, OTHER_OPERATOR]) };
    else if (kind === 'other-user') click = { ...base, user: OTHER_OPERATOR };
    else if (kind === 'viewer') click = { ...base, user: VIEWER };
    else click = { ...base, user: OPERATOR, actionId: pick(['lifecycle-delete-confirm-v0', 'x', junk(12).replace(/\s/g, '_'), 'remedy-']) };
    const count = h.slack.ephemerals(CHANNEL).length;
    const response = await sendBlockAction(h.botUrl ?? '', SECRET, {
      action_id: click.actionId,
      value: click.value,
      user_id: click.user,
      team_id: TEAM,
      channel_id: CHANNEL,
      message_ts: click.message.ts,
      ...(click.message.threadTs === undefined ? {} : { thread_ts: click.message.threadTs }),
    });
    expect(response.status).toBe(200);
    const reply = await h.slack.waitFor(() => h.slack.ephemerals(CHANNEL)[count]?.text, 30_000);
    replies.push(reply);
  }
  const unclear = replies.filter((text) => !CLICK_REFUSAL.test(text));
  expect(unclear).toEqual([]);
  expect(h.slack.ephemerals(CHANNEL).length).toBeGreaterThanOrEqual(FUZZ_CLICKS);
  expect(await sideEffects()).toEqual(before);
  // Every kind of fuzz was tried.
  expect([...kinds.keys()].sort()).toEqual(['other-user', 'stale', 'unknown-id', 'value', 'viewer']);
});

const FIELDS = CREATE_FORM.fields;
const VALID = { cluster: 'fuzz-form', template: 'k8s-1.27-no-volume' };

/** A submission that is wrong in at least one way. */
function fuzzedSubmission(): {
  user: string;
  metadata: string;
  values: Record<string, Record<string, string | object>>;
  callbackId: string;
} {
  const fields: Record<string, string | object> = { [FIELDS.cluster]: VALID.cluster, [FIELDS.template]: VALID.template };
  let metadata = JSON.stringify({ channel: CHANNEL });
  let user = OPERATOR;
  let callbackId: string = CREATE_FORM.callbackId;
  const wrong = pick(['name', 'nodes', 'labels', 'template', 'type', 'metadata', 'viewer', 'callback'] as const);
  if (wrong === 'name')
    fields[FIELDS.cluster] = pick(['', '-lead', 'has space', 'x'.repeat(256 + Math.floor(random() * 5000)), '<!channel>', 'a/b']);
  else if (wrong === 'nodes') fields[FIELDS.nodes] = pick(['abc', '0', '-1', '10000', '1.5', '9'.repeat(400), junk(20)]);
  else if (wrong === 'labels') fields[FIELDS.labels] = pick(['novalue', '=x', `${'k'.repeat(70)}=1`, 'a b=c', junk(3000)]);
  else if (wrong === 'template') fields[FIELDS.template] = pick(['two words', 'x'.repeat(300), '"quoted"']);
  else if (wrong === 'type') fields[FIELDS.cluster] = pick([{ type: 'static_select' }, { type: 'number_input', value: 7 }]);
  else if (wrong === 'metadata') metadata = pick(['', 'not json', '{}', '{"channel":5}', JSON.stringify({ chan: CHANNEL }), junk(5000)]);
  else if (wrong === 'viewer') user = VIEWER;
  else callbackId = pick(['lifecycle-create-old', junk(10).replace(/\s/g, '_'), 'x']);
  const values = Object.fromEntries(Object.entries(fields).map(([block, value]) => [block, { value }]));
  return { user, metadata, values, callbackId };
}

/** What a refused submission gets back: field errors Slack shows under the inputs, or an error view. */
function refusalText(body: unknown): string | null {
  const b = body as {
    response_action?: string;
    errors?: Record<string, string>;
    view?: { blocks?: { text?: { text?: string } }[] };
  } | null;
  if (b?.response_action === 'errors') return Object.values(b.errors ?? {}).join(' ') || null;
  if (b?.response_action === 'update') return b.view?.blocks?.[0]?.text?.text ?? null;
  return null;
}

it(`refuses ${FUZZ_SUBMISSIONS} fuzzed form submissions, each with a clear reply, and starts nothing`, async () => {
  const before = await sideEffects();
  const unclear: unknown[] = [];
  for (let i = 0; i < FUZZ_SUBMISSIONS; i += 1) {
    const s = fuzzedSubmission();
    const response = await sendViewSubmission(h.botUrl ?? '', SECRET, {
      callback_id: s.callbackId,
      user_id: s.user,
      team_id: TEAM,
      private_metadata: s.metadata,
      values: s.values,
      view_id: `V${i}FUZZ`,
    });
    const text = refusalText(response.body);
    if (response.status !== 200 || text === null || text.trim().length < 10)
      unclear.push({ s, status: response.status, body: response.body });
  }
  expect(unclear).toEqual([]);
  expect(await sideEffects()).toEqual(before);
});
