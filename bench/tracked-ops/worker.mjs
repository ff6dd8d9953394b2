/**
 * The worker of bench/tracked-ops.ts: the bot's real worker role (ROLE=worker), compiled
 * (dist/), as production runs it but for its clock, which runs `speed` times faster than real
 * time like the simulated cloud's. Plain JavaScript run by plain node (no tsx loader, no type
 * stripping), so the RSS it reports is the worker's own. Input: the JSON of WorkerInput
 * (bench/tracked-ops.ts) as argv[2]; says 'started' over IPC, and on any message stops the
 * bot and answers { peakRssMb, startedRssMb }. Started without the image's memory settings (the
 * Dockerfile's ENV NODE_OPTIONS, V8's heap limits, and ENV MALLOC_ARENA_MAX, glibc's malloc
 * arenas), it runs itself again with them, as the image runs the bot, relaying its IPC.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const DOCKERFILE = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');
/** The image's ENV lines that shape the process's memory; a variable already set here wins. */
const IMAGE_MEMORY_ENV = Object.fromEntries(
  ['NODE_OPTIONS', 'MALLOC_ARENA_MAX'].flatMap((name) => {
    const value = new RegExp(`^ENV ${name}="([^"]*)"`, 'm').exec(DOCKERFILE)?.[1];
    return value === undefined ? [] : [[name, value]];
  }),
);
if (Object.keys(IMAGE_MEMORY_ENV).some((name) => process.env[name] === undefined)) {
  const child = spawn(process.execPath, process.argv.slice(1), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...IMAGE_MEMORY_ENV, ...process.env },
  });
  let relayed = Promise.resolve();
  child.on('message', (message) => (relayed = new Promise((resolve) => process.send?.(message, resolve))));
  process.on('message', (message) => child.send(message));
  child.on('exit', (code) => void relayed.then(() => ((process.exitCode = code ?? 1), process.disconnect())));
} else {
  await runWorker();
}

async function runWorker() {
  const MB = 1024 * 1024;
  const input = JSON.parse(process.argv[2] ?? '{}');
  const dist = (path) => new URL(`../../dist/${path}`, import.meta.url).href;
  const { startBot } = await import(dist('src/main/start-bot.js'));
  const { loadConfig } = await import(dist('src/config/load-config.js'));
  const { createSilentLogger } = await import(dist('src/logging/logger.js'));

  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const simStart = input.simNow + (Date.now() - input.realNow) * input.speed;
  const realStart = Date.now();
  const clock = { now: () => Math.floor(simStart + (Date.now() - realStart) * input.speed) };
  const loaded = loadConfig(input.env);
  const bot = await startBot({ config: { ...loaded, pollIntervalMs: input.pollRealMs }, logger: createSilentLogger(), clock });
  const startedRss = process.memoryUsage().rss;
  process.send?.('started');
  process.once('message', () => {
    void (async () => {
      await bot.stop();
      clearInterval(sampler);
      const report = { peakRssMb: Math.max(peak, process.memoryUsage().rss) / MB, startedRssMb: startedRss / MB };
      process.send?.(report, () => process.disconnect());
    })();
  });
}
