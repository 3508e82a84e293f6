/**
 * Operator command line: `npm run cli -- <command> [--flag value …]`.
 * Each command lives in scripts/commands/<command-name>.ts and exports `run(flags)` and `usage`.
 */
import { parseArgs } from "node:util";

const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  "merchant:create": () => import("./commands/merchant-create"),
  "connection:set": () => import("./commands/connection-set"),
  "webhooks:replay": () => import("./commands/webhooks-replay"),
  "eta:backtest": () => import("./commands/eta-backtest"),
};

export interface CommandModule {
  usage: string;
  run(flags: Record<string, string | boolean | undefined>): Promise<number | void>;
}

function help(): string {
  return ["Usage: npm run cli -- <command> [options]", "", "Commands:", ...Object.keys(COMMANDS).map((c) => `  ${c}`)].join("\n");
}

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === "--help" || name === "help") {
    console.log(help());
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`Unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  const command = await load();
  const { values } = parseArgs({ args: rest, strict: false, allowPositionals: false });
  if (values.help) {
    console.log(command.usage);
    return 0;
  }
  try {
    return (await command.run(values)) ?? 0;
  } catch (error) {
    console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
