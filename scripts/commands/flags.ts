/** Reads a required string flag, failing with a message that names it. */
export function requireFlag(flags: Record<string, string | boolean | undefined>, name: string, usage: string): string {
  const value = flags[name];
  if (typeof value !== "string" || value.trim() === "") throw new Error(`--${name} is required.\n${usage}`);
  return value.trim();
}
