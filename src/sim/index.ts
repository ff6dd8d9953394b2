/**
 * The simulator's one public entry: the simulated cloud (`cloud/`), the Slack stand-in
 * (`slack/`) and the ticket-system stand-ins (`tickets/`). Only `src/bin/`, `bench/` and
 * `test/` import the simulator, and only through this file (tests of the simulator's own
 * parts excepted); the import-rules test checks it.
 */

// The cloud: Keystone, Magnum, Heat, Octavia, Neutron and Nova, with Kubernetes over TLS per cluster.
export {
  /** Starts the simulated OpenStack cloud on one loopback port, seeded with one cluster per scenario. */
  startSim,
  /** A running simulated cloud: its URLs, clock, OS_* variables, state, and `close`. */
  type Sim,
} from './cloud/start-sim.js';
export {
  /** `npm run sim`: parses the flags, starts the seeded cloud and prints the OS_* exports. */
  runSimCli,
} from './cloud/sim-cli.js';
export {
  /** The simulated clock: tests step it with `advance`; the demo runs it faster than real time. */
  SimClock,
} from './cloud/clock.js';
export {
  /** Every scenario a simulated cluster can be in, by name. */
  SCENARIO_NAMES,
  /** The name of one scenario. */
  type ScenarioName,
} from './cloud/scenarios.js';
export {
  /** Adds a cluster to a running cloud's state directly, faster than a create through the API. */
  addCluster,
} from './cloud/openstack/cluster-factory.js';
export {
  /** Starts one simulated Kubernetes API server over TLS, without the OpenStack side. */
  startKubeCluster,
  /** A running simulated Kubernetes API server. */
  type SimKubeCluster,
} from './cloud/kube/kube-cluster.js';
export {
  /** Creates a certificate authority like the one Magnum keeps per cluster. */
  createCertAuthority,
  /** A certificate authority: its certificate, CSR signing and server certificates. */
  type CertAuthority,
} from './cloud/kube/pki.js';
export {
  /** Loads @peculiar/x509 (once, lazily) for tests that read certificates and CSRs. */
  loadX509,
} from './cloud/kube/x509-lib.js';
export {
  /** A running cloud's fault plan (`sim.faults`): inject 5xx, 429, slow answers, resets, expired tokens. */
  type FaultPlan,
  /** One fault: service, kind, and a count of requests or a duration. */
  type FaultSpec,
  /** The services faults can be injected into: the six OpenStack services and `kube`. */
  FAULT_SERVICES,
  type FaultService,
  /** The kinds of fault: `5xx`, `429`, `slow`, `reset`, `token_expired`. */
  FAULT_KINDS,
  type FaultKind,
  /** The cloud's admin path for faults, for a process that only has the cloud's URL. */
  FAULT_ADMIN_PATH,
} from './cloud/faults.js';
export {
  /** Magnum's cluster lists (plain and detailed), the call the poller makes once per cloud and interval. */
  MAGNUM_CLUSTER_LISTS,
} from './cloud/openstack/request-tally.js';

// Slack: the Web API and Socket Mode stand-in, and signed requests to the bot.
export {
  /** Starts the Slack stand-in: Web API methods, a Socket Mode socket, and the messages it received. */
  startSlackStandIn,
  /** A running Slack stand-in. */
  type SlackStandIn,
  /** One message the stand-in holds, as Slack would show it. */
  type StandInMessage,
  /** A fault the stand-in serves instead of a Web API call (`failNext`): 429, 5xx, a Slack error, an answer lost or late. */
  type InjectedFailure,
} from './slack/slack-stand-in.js';
export {
  /** Sends a signed slash command to the bot, as Slack does. */
  sendSlashCommand,
  /** Sends a signed block action (a button press) to the bot. */
  sendBlockAction,
  /** Sends a signed view submission (a modal's submit) to the bot. */
  sendViewSubmission,
  /** Sends any body to the bot with Slack's v0 signature (or a forged one). */
  sendSigned,
  /** The bot's answer to a signed request. */
  type SignedResponse,
} from './slack/slack-signer.js';
export {
  /** A block_actions payload as Slack sends it. */
  blockActionPayload,
} from './slack/slack-wire-payloads.js';
export {
  /** A thread's messages as readable text. */
  renderTranscript,
  /** The ephemeral messages shown to one user, as readable text. */
  renderEphemerals,
} from './slack/transcript.js';

// Ticket systems: Zendesk and a generic signed webhook.
export {
  /** Starts the Zendesk stand-in (tickets, comments, uploads, injected failures). */
  startZendeskStandIn,
  /** A running Zendesk stand-in. */
  type ZendeskStandIn,
} from './tickets/zendesk-stand-in.js';
export {
  /** Starts a webhook receiver that checks signatures and keeps what it received. */
  startWebhookReceiver,
  /** A running webhook receiver. */
  type WebhookReceiver,
  /** Whether a webhook signature is the HMAC the bot should have sent. */
  verify as verifyWebhookSignature,
} from './tickets/webhook-receiver.js';
