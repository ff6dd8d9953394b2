import { loadCliConfig } from '../config/cli-env.js';
import { createOpenStackApi } from '../openstack/create-openstack-api.js';
import { renderClusterShow } from '../render/cluster-show-table.js';
import { cliErrorLine, processIo, silentLogger, type CliIo } from './cli-support.js';

const USAGE =
  'Usage: kube-chatops show NAME\n  prints `openstack coe cluster show NAME` as the openstack CLI does (OS_* credentials from the environment)\n';

/** `kube-chatops show NAME`: the table `openstack coe cluster show NAME` prints; exit 1 on error. */
export async function runShowCli(argv: string[], io: CliIo = processIo, env: NodeJS.ProcessEnv | undefined = undefined): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  const [name, ...extra] = argv;
  if (name === undefined || extra.length > 0 || name.startsWith('-')) {
    io.err(USAGE);
    return 1;
  }
  let api: ReturnType<typeof createOpenStackApi> | undefined;
  try {
    const config = env === undefined ? loadCliConfig() : loadCliConfig(env);
    api = createOpenStackApi({ credentials: config.openstack, logger: silentLogger, clock: { now: () => Date.now() } });
    const cluster = await api.magnum.getCluster(name);
    io.out(renderClusterShow(cluster.raw));
    return 0;
  } catch (error) {
    io.err(`${cliErrorLine(error)}\n`);
    return 1;
  } finally {
    await api?.close();
  }
}
