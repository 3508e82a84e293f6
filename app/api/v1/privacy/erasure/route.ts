import { handleApi, parseWith, readJson } from "@/lib/api/handler";
import { eraseShopper } from "@/lib/privacy/erase-shopper";
import { privacySubjectSchema } from "@/lib/privacy/subject";

export const dynamic = "force-dynamic";

/** Erases a shopper (by email and/or phone) from this merchant's data; answers what was erased, as counts. */
export function POST(request: Request) {
  return handleApi(request, async ({ merchantId, now }) => {
    const subject = parseWith(privacySubjectSchema, (await readJson(request)).value);
    return { status: 200, body: await eraseShopper(merchantId, subject, "api", now) };
  });
}
