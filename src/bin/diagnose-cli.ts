import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { collectSnapshot } from '../collect/collect-snapshot.js';
import { loadCliConfig } from '../config/cli-env.js';
import { UsageError } from '../core/errors.js';
import type { KubeApi, KubeConnector } from '../core/ports.js';
import { DEFAULT_THRESHOLDS } from '../diagnostics/rule.js';
import { runDiagnosis } from '../diagnostics/run-diagnosis.js';
import { createKubeApi } from '../kube/kube-api.js';
import { createKubeConnector } from '../kube/kube-connector.js';
import { loadKubeConfigFile } from '../kube/kubeconfig.js';
import { createOpenStackApi, type ClosableOpenStackApi } from '../openstack/create-openstack-api.js';
import { diagnosisJson, renderDiagnosisText } from '../render/diagnosis-text.js';
import { cliErrorLine, processIo, silentLogger, type CliIo } from './cli-support.js';

const USAGE = `Usage: kube-chatops diagnose (--kubeconfig FILE | --cluster NAME) [--json]
  --kubeconfig FILE  a cluster's kubeconfig (e.g. from \`openstack coe cluster config\`)
  --cluster NAME     a Magnum cluster, with OpenStack credentials from the environment (OS_*)
  --json             print {"cluster", "findings": [...]} instead of text
Exit status: 0 no critical finding, 2 at least one critical finding, 1 error.
`;

export const EXIT = { ok: 0, error: 1, critical: 2 } as const;

interface DiagnoseArgs {
  kubeconfig?: string;
  cluster?: string;
  json: boolean;
}

function parse(argv: string[]): DiagnoseArgs | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        kubeconfig: { type: 'string' },
        cluster: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  if ((values.kubeconfig === undefined) === (values.cluster === undefined))
    throw new UsageError('Give exactly one of --kubeconfig FILE or --cluster NAME.');
  return { kubeconfig: values.kubeconfig, cluster: values.cluster, json: values.json ?? false };
}

/** A connector that serves the one kubeconfig file given on the command line. */
function singleFileConnector(name: string, api: KubeApi): KubeConnector {
  return {
    forMagnumCluster: () => Promise.reject(new UsageError('Not a Magnum cluster.')),
    forKubeconfigCluster: async (wanted) => (wanted === name ? api : null),
    listKubeconfigClusters: async () => [name],
  };
}

/** `kube-chatops diagnose`: the bot's diagnosis from the shell; exit 0 (no critical), 2 (critical), 1 (error). */
export async function runDiagnoseCli(
  argv: string[],
  io: CliIo = processIo,
  env: NodeJS.ProcessEnv | undefined = undefined,
): Promise<number> {
  const clock = { now: () => Date.now() };
  const logger = silentLogger;
  let openstack: ClosableOpenStackApi | undefined;
  try {
    const args = parse(argv);
    if (args === 'help') {
      io.out(USAGE);
      return EXIT.ok;
    }
    let snapshot;
    let thresholds = {};
    if (args.kubeconfig !== undefined) {
      const name = basename(args.kubeconfig, extname(args.kubeconfig));
      const api = createKubeApi(loadKubeConfigFile(args.kubeconfig), { clock, logger });
      snapshot = await collectSnapshot(
        { kube: singleFileConnector(name, api), clock, logger },
        { clusterName: name, kubeconfigOnly: true },
      );
    } else {
      const config = env === undefined ? loadCliConfig() : loadCliConfig(env);
      thresholds = config.diagnostics;
      openstack = createOpenStackApi({ credentials: config.openstack, logger, clock });
      const kube = createKubeConnector({ kubeconfigDir: config.kubeconfigDir, clock, logger });
      snapshot = await collectSnapshot({ openstack, kube, clock, logger }, { clusterName: args.cluster ?? '' });
    }
    const diagnosis = runDiagnosis(snapshot, { now: clock.now(), thresholds: { ...DEFAULT_THRESHOLDS, ...thresholds } });
    io.out(
      args.json
        ? `${JSON.stringify(diagnosisJson(diagnosis.cluster, diagnosis.findings), null, 2)}\n`
        : renderDiagnosisText(diagnosis.cluster, diagnosis.findings),
    );
    return diagnosis.summary.critical > 0 ? EXIT.critical : EXIT.ok;
  } catch (error) {
    io.err(`${cliErrorLine(error)}\n`);
    if (error instanceof UsageError) io.err(USAGE);
    return EXIT.error;
  } finally {
    await openstack?.close();
  }
}
