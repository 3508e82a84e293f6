import { toResponse } from "@/lib/http/json-response";
import { readBodyLimited } from "@/lib/http/read-body";
import { answerWebhook } from "@/lib/webhooks/answer-webhook";

// Behind scripts/serve.ts (npm start) these requests are answered by its fast lane
// (lib/webhooks/fast-lane.ts) with the same answerWebhook; this route serves `next dev` and any spelling
// of the URL the fast lane leaves to Next.js (a percent-encoded segment, say).
export async function POST(request: Request, { params }: { params: Promise<{ provider: string; merchant: string }> }) {
  const { provider, merchant } = await params;
  const answer = await answerWebhook(provider, merchant, {
    readBody: (limit) => readBodyLimited(request, limit),
    headers: request.headers,
    query: new URL(request.url).searchParams,
  });
  return toResponse(answer);
}
