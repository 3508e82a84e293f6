/**
 * Text a person typed, made safe to put inside a LIKE / ILIKE pattern: `%` and `_` are wildcards there and
 * `\` is PostgreSQL's default escape character, so each is preceded by a backslash and matches itself.
 * Prisma's `contains` / `startsWith` / `endsWith` send the value as the pattern unescaped (prisma#19506),
 * so they need this too. Pair it with the default escape (or an explicit `ESCAPE '\'`), never another one.
 */
export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}
