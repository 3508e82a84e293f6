/** Generators of what a stranger may send: hostile strings, numbers, dates, shapes and raw bytes. */
import fc from "fast-check";

const NASTY = [
  "\u0000", "a\u0000b", "\u0007", "\u001b[31m", "\u007f", "\r", "\r\n", "\n\n", "\t", "\u000b", "\u000c",
  "\ud800", "\udfff", "\uffff", "\ufffe", "\u202e", "\u200b", "\ufeff", "%00", "%", "_", "\\", "\\u0000",
  "' OR 1=1 --", "\"; DROP TABLE \"Order\"; --", "<script>alert(1)</script>", "${jndi:ldap://x}", "../../etc/passwd",
  "constructor", "__proto__", "toString", "NaN", "Infinity", "-0", "1e309", "null", "true", "[]", "{}", "", " ",
];

export const EXTREME_DATES = [
  "9999-12-31", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59+14:00", "0000-01-01", "0001-01-01T00:00:00Z",
  "1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2999-01-01T00:00:00Z",
  "+275760-09-13T00:00:00Z", "-271821-04-20T00:00:00Z", "2026-02-30", "2026-13-01T00:00:00Z", "2026-12-06T25:00:00Z",
  "2026-12-06T10:00:00+99:00", "2026-12-06T10:00:00.123456789Z", "now", "yesterday", "1733443200", "",
];

const controlChar = fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.constant(0x7f)).map((code) => String.fromCharCode(code));

/** Text with control characters, lone surrogates, injection strings and plain noise mixed in. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.oneof(fc.constantFrom(...NASTY), controlChar, fc.string({ maxLength: 8 })), { maxLength: 12 }).map((parts) => parts.join("")) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 64 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 64 }) },
  { weight: 2, arbitrary: fc.constantFrom(...EXTREME_DATES) },
  { weight: 1, arbitrary: fc.integer({ min: 257, max: 70_000 }).map((n) => "x".repeat(n)) },
  { weight: 1, arbitrary: fc.constantFrom("\u0000".repeat(1000), "é".repeat(5000), "😀".repeat(3000)) },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER - 2, 2 ** 31, 0.1),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON value of a hostile kind, nested a little (deep nesting has its own raw generator). */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 5, arbitrary: hostileText },
    { weight: 2, arbitrary: hostileNumber },
    { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
    { weight: 1, arbitrary: fc.array(tie("value"), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(hostileText.filter((key) => key.length < 100), tie("value"), { maxKeys: 4 }) },
  ),
})).value;

/** Raw JSON text no serializer would write: numbers past double range, deep nesting, broken syntax. */
export const rawJsonText: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 100, max: 20_000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth)),
  fc.integer({ min: 100, max: 20_000 }).map((depth) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth)),
  fc.constantFrom("1e999", "-1e999", "[1e999]", '{"a":1e400}', "123456789012345678901234567890", '{"a":', "{", "]", "nul", '"\\ud800"', '"\\u0000"'),
  fc.string({ maxLength: 200 }),
);

/** Bytes, often not UTF-8 (0xFF, truncated sequences, overlongs, NUL). */
export const rawBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 2_000 }),
  fc.integer({ min: 1, max: 4_000 }).map((n) => new Uint8Array(n).fill(0xff)),
  fc.constantFrom(Uint8Array.from([0xc0, 0xaf]), Uint8Array.from([0xe2, 0x82]), Uint8Array.from([0xed, 0xa0, 0x80]), Uint8Array.from([0x00, 0x00])),
);

/** A valid body with one place (a leaf or a whole branch) replaced by a hostile value, or a key added. */
export function mutated<T extends object>(valid: T): fc.Arbitrary<unknown> {
  const paths = pathsOf(valid);
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...paths), hostileValue).map(([path, value]) => replaceAt(valid, path, value)) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...paths), fc.constantFrom(...EXTREME_DATES)).map(([path, value]) => replaceAt(valid, path, value)) },
    { weight: 1, arbitrary: fc.tuple(hostileText, hostileValue).map(([key, value]) => ({ ...valid, [key]: value })) },
  );
}

type Path = (string | number)[];

function pathsOf(value: unknown, path: Path = []): Path[] {
  const found: Path[] = path.length ? [path] : [];
  if (Array.isArray(value)) value.forEach((item, index) => found.push(...pathsOf(item, [...path, index])));
  else if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) found.push(...pathsOf(item, [...path, key]));
  return found;
}

function replaceAt(root: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let cursor = copy;
  for (const step of path.slice(0, -1)) cursor = cursor[step] as Record<string | number, unknown>;
  cursor[path.at(-1)!] = value;
  return copy;
}

/** A multipart body that is not quite multipart: wrong or missing boundaries, truncated parts, junk. */
export const brokenMultipart: fc.Arbitrary<{ contentType: string; body: Uint8Array }> = fc.oneof(
  fc.constant({ contentType: "multipart/form-data; boundary=zzz", body: new TextEncoder().encode("--zzz\r\nbroken") }),
  fc.constant({ contentType: "multipart/form-data", body: new TextEncoder().encode("--zzz\r\n\r\n--zzz--") }),
  // Header values must be visible ASCII (fetch refuses anything else before sending).
  fc.tuple(fc.stringMatching(/^[\x21-\x7e]{0,70}$/), rawBytes).map(([boundary, bytes]) => ({ contentType: `multipart/form-data; boundary=${boundary}`, body: bytes })),
  fc.tuple(hostileText.filter((text) => text.length < 2_000), fc.constantFrom("", "\r\n", "--zzz", "--zzz--\r\n")).map(([text, tail]) => ({
    contentType: "multipart/form-data; boundary=zzz",
    body: new TextEncoder().encode(`--zzz\r\nContent-Disposition: form-data; name="${text.slice(0, 40)}"\r\n\r\n${text}${tail}`),
  })),
);
