import { SCENARIOS, SCENARIO_NAMES } from './scenarios.js';
import { startSim } from './start-sim.js';

const USAGE = 'usage: sim [--port N] [--speed F] [--list-scenarios]';

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function numberOption(argv: string[], name: string, fallback: number): number {
  const raw = option(argv, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} needs a non-negative number, got "${raw}"\n${USAGE}`);
  return value;
}

/**
 * `npm run sim`: starts the seeded simulated cloud and prints how to point the real
 * `openstack` CLI at it. Returns null for `--list-scenarios` (nothing started).
 */
export async function runSimCli(argv: string[], out: (line: string) => void): Promise<{ close(): Promise<void> } | null> {
  if (argv.includes('--help') || argv.includes('-h')) {
    out(USAGE);
    return null;
  }
  if (argv.includes('--list-scenarios')) {
    const width = Math.max(...SCENARIO_NAMES.map((n) => n.length));
    for (const name of SCENARIO_NAMES) out(`${name.padEnd(width)}  ${SCENARIOS[name]}`);
    return null;
  }
  const port = numberOption(argv, '--port', 0);
  const speed = numberOption(argv, '--speed', 60);
  const sim = await startSim({ port, speed, seed: true });
  out(`Simulated OpenStack cloud on ${sim.url} (clock speed x${speed}).`);
  out('Point the openstack CLI at it:');
  out('');
  for (const [key, value] of Object.entries(sim.osEnv)) out(`export ${key}=${value}`);
  out('');
  out(
    `Or with the application credential: OS_AUTH_TYPE=v3applicationcredential OS_APPLICATION_CREDENTIAL_ID=${sim.appCredential.id} OS_APPLICATION_CREDENTIAL_SECRET=${sim.appCredential.secret} (simulated, local only)`,
  );
  out('');
  out('Try:');
  out('  openstack coe cluster list');
  out('  openstack coe cluster show healthy');
  out('  mkdir -p /tmp/healthy && openstack coe cluster config healthy --dir /tmp/healthy');
  out('  KUBECONFIG=/tmp/healthy/config kubectl get pods -A');
  out(`Clusters (one per scenario): ${SCENARIO_NAMES.join(', ')}`);
  return { close: () => sim.close() };
}
