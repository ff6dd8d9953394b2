import { demoEnv } from '../config/demo-env.js';
import { renderEphemerals, renderTranscript, type SignedResponse, type StandInMessage } from '../sim/index.js';
import { DEMO_CHANNEL, startDemoWorld, type DemoWorld } from './demo-world.js';
import { playDemoScript } from './demo-script.js';

const RULE = '─'.repeat(78);

/** What the script uses to act and to print: one scene per call. */
export interface DemoStage {
  world: DemoWorld;
  scene(title: string, note: string): void;
  /** Types `/kube <text>` and returns the message the bot starts for it. */
  command(text: string, firstMessage: RegExp): Promise<StandInMessage>;
  /** Waits until the thread of `root` holds a message matching `done`, then prints it. */
  printThread(root: StandInMessage, done: RegExp): Promise<StandInMessage[]>;
  /** Prints the ephemeral answer Slack shows from the ack of a slash command. */
  printAck(ack: SignedResponse, user: string): void;
}

function createStage(world: DemoWorld): DemoStage {
  return {
    world,
    scene(title, note) {
      console.log(`\n${RULE}\n${title}\n${note}\n${RULE}`);
    },
    async command(text, firstMessage) {
      await world.say(text);
      return world.waitForMessage(firstMessage);
    },
    async printThread(root, done) {
      const thread = await world.slack.waitFor(() => {
        const t = world.slack.thread(DEMO_CHANNEL, root.threadTs ?? root.ts);
        return t.some((m) => done.test(m.text) || m.files.some((f) => done.test(f.title))) ? t : undefined;
      }, 90_000);
      console.log(renderTranscript(thread, { maxSnippetLines: 45 }));
      return thread;
    },
    printAck(ack, user) {
      const body = (typeof ack.body === 'object' && ack.body !== null ? ack.body : { text: String(ack.body) }) as {
        text?: string;
        blocks?: object[];
      };
      console.log(renderEphemerals([{ user, text: body.text ?? '', blocks: body.blocks, at: world.sim.clock.now() }]));
    },
  };
}

/** `npm run demo`: a scripted conversation against the simulated cloud, printed as a transcript. */
export async function runDemo(): Promise<number> {
  const env = demoEnv();
  console.log('Starting Redis (if none answers), the simulated cloud, the Slack stand-in and the bot…');
  const world = await startDemoWorld({ ...env, speed: 60 });
  try {
    console.log(`Simulated cloud ${world.sim.url} (x60 time) · Slack stand-in ${world.slack.url} · bot ${world.botUrl}`);
    await playDemoScript(createStage(world));
    console.log(
      `\n${RULE}\nDemo finished: every message above went through signed Slack requests, BullMQ on Redis and the simulated cloud.`,
    );
    return 0;
  } finally {
    await world.stop();
  }
}
