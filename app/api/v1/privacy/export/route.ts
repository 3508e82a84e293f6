import { handleApi, parseWith, readJson } from "@/lib/api/handler";
import { exportShopper } from "@/lib/privacy/export-shopper";
import { privacySubjectSchema } from "@/lib/privacy/subject";

export const dynamic = "force-dynamic";

/** Everything this merchant holds about a shopper (by email and/or phone), as JSON. POST: contact details stay out of URLs and logs. */
export function POST(request: Request) {
  return handleApi(request, async ({ merchantId }) => {
    const subject = parseWith(privacySubjectSchema, (await readJson(request)).value);
    return { status: 200, body: await exportShopper(merchantId, subject, "api"), headers: { "Cache-Control": "no-store" } };
  });
}
