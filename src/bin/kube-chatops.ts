#!/usr/bin/env node
/** The `kube-chatops` command: start | demo | sim | diagnose | show. */
import { runDemo } from './demo.js';
import { runDiagnoseCli } from './diagnose-cli.js';
import { runShowCli } from './show-cli.js';
import { runSim } from './sim.js';
import { runStart } from './start.js';

const USAGE = `Usage: kube-chatops <command> [options]

Commands:
  start                     run the bot (ROLE=all|web|worker; configuration from the environment, see .env.example)
  demo                      play a scripted Slack conversation against the built-in simulated cloud
  sim [--port N] [--speed F] [--list-scenarios]
                            run the simulated cloud alone and print the OS_* variables to use it
  diagnose (--kubeconfig FILE | --cluster NAME) [--json]
                            diagnose a cluster from the shell; exit 0 (no critical finding), 2 (critical), 1 (error)
  show NAME                 print \`openstack coe cluster show NAME\` exactly as the CLI does`;

const commands: Record<string, (argv: string[]) => Promise<number>> = {
  start: runStart,
  demo: runDemo,
  sim: runSim,
  diagnose: runDiagnoseCli,
  show: runShowCli,
};

const [name, ...argv] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  console.error(name && name !== '--help' && name !== '-h' ? `Unknown command "${name}".\n\n${USAGE}` : USAGE);
  process.exit(name === '--help' || name === '-h' ? 0 : 1);
}
command(argv).then(
  (code) => {
    if (code !== -1) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
