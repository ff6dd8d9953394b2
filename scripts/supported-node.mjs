// Runs a command on a Node line this project supports (package.json `engines`, >= 22).
// On an older Node (a developer machine still on Node 20), it says so and runs the command
// with Node 24 fetched from the npm registry into .tmp/ (scripts/fetch-node.mjs) first on
// PATH, so `npm test` and `npm run demo` work on a fresh clone either way instead of failing
// on an API the old line lacks. KUBE_CHATOPS_FETCH_NODE=0 turns the fetch off (then: exit 1).
//
//   node scripts/supported-node.mjs npm run check
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchNode } from './fetch-node.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The line fetched for an old Node: the Active LTS. */
const FETCHED_MAJOR = 24;

const engines = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines?.node ?? '';
const minimum = Number(/>=\s*(\d+)/.exec(engines)?.[1] ?? 0);
const current = Number(process.versions.node.split('.')[0]);
const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/supported-node.mjs COMMAND [ARGS...]');
  process.exit(2);
}

let env = process.env;
if (current < minimum) {
  const note = `Node ${process.version} is older than this project supports (engines: node ${engines}).`;
  if (process.env.KUBE_CHATOPS_FETCH_NODE === '0') {
    console.error(
      `${note}\nInstall Node ${minimum} or newer (https://nodejs.org/en/about/previous-releases), or unset KUBE_CHATOPS_FETCH_NODE.`,
    );
    process.exit(1);
  }
  let bin;
  try {
    bin = fetchNode(FETCHED_MAJOR);
  } catch (error) {
    console.error(
      `${note}\nCould not fetch Node ${FETCHED_MAJOR} from the npm registry: ${error instanceof Error ? error.message : error}`,
    );
    console.error(`Install Node ${minimum} or newer (https://nodejs.org/en/about/previous-releases).`);
    process.exit(1);
  }
  console.error(`${note} Running \`${[command, ...args].join(' ')}\` with Node ${FETCHED_MAJOR} from ${bin}.`);
  env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
}

const ran = spawnSync(command, args, { stdio: 'inherit', env });
if (ran.error) {
  console.error(`could not run ${command}: ${ran.error.message}`);
  process.exit(1);
}
process.exit(ran.status ?? 1);
