import { z } from "zod";

/**
 * Strings from strangers, one place for the rules (three strengths below): no C0 control characters and no DEL. NUL cannot be
 * stored at all (PostgreSQL refuses it in text and jsonb with 22021, which used to surface as a 500 or a
 * 503 that providers retry for days), and the others have no business in names, ids or addresses, where
 * they would reach email headers, SMS and calendar files. Free text (descriptions, notes) may keep
 * tab, line feed and carriage return.
 */
const UNSAFE = {
  /** Free text (descriptions, notes): tab, line feed and carriage return are allowed. */
  text: "[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]",
  /** One-line values (names, ids, addresses): no C0 control character at all, no DEL. */
  line: "[\\u0000-\\u001f\\u007f]",
  /**
   * What a merchant shows to shoppers on one line (its name, branding fields): these reach email From and
   * Subject headers, SMS and calendar files, so C1 controls and the Unicode line and paragraph separators
   * (which some readers treat as line breaks) are refused too.
   */
  display: "[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029]",
} as const;
export type TextRule = keyof typeof UNSAFE;
const TESTS = Object.fromEntries(Object.entries(UNSAFE).map(([rule, source]) => [rule, new RegExp(source)])) as Record<TextRule, RegExp>;
const RUNS = Object.fromEntries(Object.entries(UNSAFE).map(([rule, source]) => [rule, new RegExp(`${source}+`, "g")])) as Record<TextRule, RegExp>;

export const CONTROL_MESSAGE = "must not contain control characters";

interface RuleOptions {
  /** Shorthand for rule "text". */
  multiline?: boolean;
  /** Which characters are unsafe (default "line"; "text" when multiline). */
  rule?: TextRule;
}

const ruleOf = ({ multiline = false, rule }: RuleOptions): TextRule => rule ?? (multiline ? "text" : "line");

export function hasUnsafeCharacter(text: string, options: RuleOptions = {}): boolean {
  return TESTS[ruleOf(options)].test(text);
}

/** Every run of unsafe characters replaced by `replacement` (for values stored before a rule existed). */
export function replaceUnsafeCharacters(text: string, rule: TextRule, replacement: string): string {
  return text.replace(RUNS[rule], replacement);
}

/** A zod string that refuses unsafe characters; chain trim/min/max after it as with z.string(). */
export function safeString(options: RuleOptions & { message?: string } = {}) {
  return z.string().refine((text) => !hasUnsafeCharacter(text, options), options.message ?? CONTROL_MESSAGE);
}

/** Deeper than any payload we accept; also keeps the walk below from being a cost a sender controls. */
export const MAX_JSON_DEPTH = 32;

export interface UnsafeValue {
  /** Dotted path of the field at fault ("events.0.description"); "" for the top level. */
  path: string;
  message: string;
}

/**
 * Walks a parsed JSON value (iteratively: a nested body cannot overflow the stack) and reports the first
 * string, or object key, with a character that cannot belong in any field (\t \n \r allowed), or a
 * nesting deeper than MAX_JSON_DEPTH. The per-field schemas say more; this is the floor under all of them,
 * including fields a provider sends that no schema reads but the stored body keeps.
 */
export function findUnsafeValue(root: unknown): UnsafeValue | null {
  const stack: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (path.length > MAX_JSON_DEPTH) return { path: path.slice(0, MAX_JSON_DEPTH).join("."), message: `is nested deeper than ${MAX_JSON_DEPTH} levels` };
    if (typeof value === "string") {
      if (hasUnsafeCharacter(value, { multiline: true })) return { path: path.join("."), message: CONTROL_MESSAGE };
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, path: [...path, String(index)] }));
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        if (hasUnsafeCharacter(key)) return { path: [...path, printable(key)].join("."), message: `key ${CONTROL_MESSAGE}` };
        stack.push({ value: item, path: [...path, printable(key)] });
      }
    }
  }
  return null;
}

/** A key as it may appear in a message: escaped, and short (a key can be as long as the body). */
function printable(key: string): string {
  return JSON.stringify(key).slice(1, -1).slice(0, 64);
}

/** The first form parameter (name or value) with a control character, by name; null when all are clean. */
export function findUnsafeParam(params: URLSearchParams, { multiline = true }: { multiline?: boolean } = {}): string | null {
  for (const [name, value] of params) {
    if (hasUnsafeCharacter(name) || hasUnsafeCharacter(value, { multiline })) return printable(name);
  }
  return null;
}
