#!/usr/bin/env node
/** The `kube-chatops` command: start | demo | sim | diagnose | show. */

const USAGE = `Usage: kube-chatops <command> [options]

Commands:
  start                     run the bot (ROLE=all|web|worker; configuration from the environment, see .env.example)
  demo                      play a scripted Slack conversation against the built-in simulated cloud
  sim [--port N] [--speed F] [--list-scenarios]
                            run the simulated cloud alone and print the OS_* variables to use it
  diagnose (--kubeconfig FILE | --cluster NAME) [--json]
                            diagnose a cluster from the shell; exit 0 (no critical finding), 2 (critical), 1 (error)
  show NAME                 print \`openstack coe cluster show NAME\` exactly as the CLI does`;

// Loaded on demand: `diagnose --help` need not load Bolt, BullMQ and the simulated cloud.
const commands: Record<string, (argv: string[]) => Promise<number>> = {
  start: async () => (await import('./start.js')).runStart(),
  demo: async () => (await import('./demo.js')).runDemo(),
  sim: async (argv) => (await import('./sim.js')).runSim(argv),
  diagnose: async (argv) => (await import('./diagnose-cli.js')).runDiagnoseCli(argv),
  show: async (argv) => (await import('./show-cli.js')).runShowCli(argv),
};

/** The oldest supported Node line (package.json `engines`); older ones are end-of-life and untested. */
const MIN_NODE_MAJOR = 22;

const [name, ...argv] = process.argv.slice(2);
if (Number(process.versions.node.split('.')[0]) < MIN_NODE_MAJOR) {
  console.error(
    `warning: kube-chatops supports Node.js ${MIN_NODE_MAJOR} and newer; this is ${process.version}, which is end-of-life and untested (https://nodejs.org/en/about/previous-releases).`,
  );
}
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
