/**
 * The worker of bench/tracked-ops.ts: the bot's real worker role (ROLE=worker), compiled
 * (dist/), as production runs it but for its clock, which runs `speed` times faster than real
 * time like the simulated cloud's. Plain JavaScript run by plain node (no tsx loader, no type
 * stripping), so the RSS it reports is the worker's own. Input: the JSON of WorkerInput
 * (bench/tracked-ops.ts) as argv[2]; says 'started' over IPC, and on any message stops the
 * bot and answers { peakRssMb, startedRssMb }.
 */
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
