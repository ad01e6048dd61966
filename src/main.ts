// npm start: configuration → database (migrated) → HTTP server → workers.
import { CHANNEL_SETTINGS } from "./channels/registry.js";
import { ConfigError, loadConfig, roleArgument } from "./config.js";
import { errorFields, log, setLogLevel } from "./log.js";
import { startServer } from "./server.js";
import { mountSimulator } from "./simulator/index.js";

async function main(): Promise<void> {
  let config;
  try {
    const role = roleArgument(process.argv.slice(2));
    config = loadConfig(role === undefined ? process.env : { ...process.env, ROLE: role }, CHANNEL_SETTINGS);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  setLogLevel(config.LOG_LEVEL);
  // A newcomer's first look: the simulator comes with the demo dataset unless DEMO says otherwise.
  if (config.simulator && process.env.DEMO === undefined) config = { ...config, DEMO: true };
  if (config.simulator) {
    // Whatever the log level: nobody should run this by accident on a public server.
    process.stderr.write(
      "\n*** SIMULATOR MODE: no platform credentials are set. /simulator is open to anyone and replies go to a\n" +
        "*** built-in fake, never to real Zalo or Messenger users. Do not expose this server to the internet. ***\n\n",
    );
  }
  const running = await startServer(config, {
    mount: (app, parts) => {
      if (config.simulator) mountSimulator(app, parts);
    },
  });
  const shutdown = async (signal: string) => {
    log.info("shutting down", { signal });
    await running.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

process.on("unhandledRejection", (err) => log.error("unhandled rejection", errorFields(err)));
main().catch((err) => {
  log.error("start-up failed", errorFields(err));
  process.exit(1);
});
