import { loadConfig } from '../config/load-config.js';
import { ConfigError } from '../core/errors.js';
import { createLogger } from '../logging/logger.js';
import { startBot } from '../main/start-bot.js';
import { onShutdownSignals } from '../queue/shutdown.js';

/** `kube-chatops start`: the bot, until SIGTERM/SIGINT. Returns -1: keep the process alive. */
export async function runStart(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const bot = await startBot({ config, logger });
  onShutdownSignals([() => bot.stop()], logger);
  return -1;
}
