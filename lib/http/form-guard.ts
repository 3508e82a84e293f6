import { AppError } from "../errors";
import { readBytesLimited } from "./read-body";

/**
 * The gate in front of server actions (the shopper forms: order lookup, alert opt-in, confirm and undo).
 * Next.js parses an action's body itself and answers 500 to one it cannot read (a multipart body cut short,
 * bytes that are not UTF-8) or to one past its size limit; those are the sender's fault. So proxy.ts asks
 * here first: every form is tiny, anything larger is 413 before more is read, and a body that does not
 * parse as what its Content-Type says is 400. Only then does Next.js see it.
 */
export const MAX_FORM_BYTES = 64 * 1024;

export interface FormRefusal {
  status: 400 | 413;
  message: string;
}

export async function checkFormBody(request: Request): Promise<FormRefusal | null> {
  if (request.method !== "POST") return null;
  let bytes: Uint8Array;
  try {
    bytes = await readBytesLimited(request.clone(), MAX_FORM_BYTES);
  } catch (error) {
    if (error instanceof AppError && error.code === "payload_too_large") return { status: 413, message: "This form is larger than any form we accept." };
    return { status: 400, message: "The form could not be read." };
  }
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    if (!/;\s*boundary=/.test(type)) return { status: 400, message: "The form has no multipart boundary." };
    try {
      await new Response(bytes as BodyInit, { headers: { "content-type": request.headers.get("content-type")! } }).formData();
    } catch {
      return { status: 400, message: "The form is not well-formed multipart data." };
    }
    return null;
  }
  // URL-encoded forms, and the text/plain JSON that actions send from JavaScript, are text: it must be UTF-8.
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { status: 400, message: "The form is not valid UTF-8." };
  }
  return null;
}

/** The refusal as a small page (forms are posted by browsers without JavaScript too): never cached. */
export function formRefusalResponse(refusal: FormRefusal): Response {
  const title = refusal.status === 413 ? "Form too large" : "Form not readable";
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1><p>${refusal.message} Please go back and try again.</p></main></body></html>`;
  return new Response(html, {
    status: refusal.status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
      // The body may be left partly unread: the client must not reuse this connection for another request.
      connection: "close",
    },
  });
}
