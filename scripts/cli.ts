/**
 * Operator command line: `npm run cli -- <command> [--flag value …]`.
 * Each command lives in scripts/commands/<command-name>.ts and exports `run(flags)` and `usage`.
 */

const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  "merchant:create": () => import("./commands/merchant-create"),
  "connection:set": () => import("./commands/connection-set"),
  "shop:connect": () => import("./commands/shop-connect"),
  "apikey:create": () => import("./commands/apikey-create"),
  "user:invite": () => import("./commands/user-invite"),
  "webhooks:replay": () => import("./commands/webhooks-replay"),
  "eta:backtest": () => import("./commands/eta-backtest"),
  "alerts:requeue": () => import("./commands/alerts-requeue"),
};

export interface CommandModule {
  usage: string;
  run(flags: Record<string, string | boolean | undefined>): Promise<number | void>;
}

function help(): string {
  return ["Usage: npm run cli -- <command> [options]", "", "Commands:", ...Object.keys(COMMANDS).map((c) => `  ${c}`)].join("\n");
}

/** `--name value`, `--name=value` and bare `--switch` (true). Anything else is an error that names it. */
function parseFlags(args: string[]): Record<string, string | boolean> {
  const flags: Record<string, string | boolean> = {};
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (!arg.startsWith("--")) throw new Error(`Unexpected argument "${arg}": options look like --name value.`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const next = args[index + 1];
    if (inline !== undefined) flags[name] = inline;
    else if (next !== undefined && !next.startsWith("--")) {
      flags[name] = next;
      index++;
    } else flags[name] = true;
  }
  return flags;
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
  let values: Record<string, string | boolean>;
  try {
    values = parseFlags(rest);
  } catch (error) {
    console.error(`${(error as Error).message}\n${command.usage}`);
    return 2;
  }
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
