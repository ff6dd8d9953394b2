import { runSimCli } from '../sim/index.js';

/** `kube-chatops sim`: the simulated cloud alone, until Ctrl-C. */
export async function runSim(argv: string[]): Promise<number> {
  const running = await runSimCli(argv, (line) => console.log(line));
  if (!running) return 0;
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}
