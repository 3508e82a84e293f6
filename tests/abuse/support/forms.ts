import { send } from "./probe";

const ENTITIES: Record<string, string> = { "&quot;": '"', "&amp;": "&", "&#x27;": "'", "&#39;": "'", "&lt;": "<", "&gt;": ">" };

function decode(value: string): string {
  return value.replace(/&(?:quot|amp|#x27|#39|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity);
}

/**
 * The fields a browser without JavaScript would post for one form on a page (Next.js's hidden action
 * fields included), so hostile values reach the real server action rather than stopping at its routing.
 * `pick` chooses the form by its HTML.
 */
export async function formFields(path: string, pick: (formHtml: string) => boolean, headers: Record<string, string> = {}): Promise<[string, string][]> {
  const page = await send({ method: "GET", path, headers: { accept: "text/html", ...headers } });
  const form = [...page.text.matchAll(/<form[\s\S]*?<\/form>/g)].map((match) => match[0]).find(pick);
  if (!form) throw new Error(`No matching form on ${path} (status ${page.status})`);
  const fields: [string, string][] = [];
  for (const [input] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(input)?.[1];
    if (!name) continue;
    if (/type="radio"/.test(input) && !/\bchecked=""/.test(input)) continue;
    fields.push([decode(name), decode(/\bvalue="([^"]*)"/.exec(input)?.[1] ?? "")]);
  }
  return fields;
}

/** The form as multipart, with some fields replaced. */
export function formBody(fields: [string, string][], overrides: Record<string, string>): FormData {
  const body = new FormData();
  for (const [name, value] of fields) body.append(name, name in overrides ? overrides[name]! : value);
  for (const [name, value] of Object.entries(overrides)) if (!fields.some(([field]) => field === name)) body.append(name, value);
  return body;
}
