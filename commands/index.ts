import { create } from './create.js';
import type { CommandDefinition } from './definition.js';
import { del } from './delete.js';
import { jobs } from './jobs.js';
import { list } from './list.js';
import { resize } from './resize.js';
import { upgrade } from './upgrade.js';
import { show } from './show.js';
import { diagnose } from './diagnose.js';
import { events } from './events.js';
import { logs } from './logs.js';
import { consoleLog } from './console.js';
import { pods } from './pods.js';
import { restart } from './restart.js';
import { scale } from './scale.js';
import { status } from './status.js';
import { ticket } from './ticket.js';
import { watch } from './watch.js';

/** Every `/kube` subcommand, in the order help lists them. */
export const COMMANDS: readonly CommandDefinition[] = [
  list,
  show,
  create,
  del,
  resize,
  upgrade,
  jobs,
  diagnose,
  pods,
  logs,
  consoleLog,
  events,
  status,
  scale,
  restart,
  watch,
  ticket,
];
