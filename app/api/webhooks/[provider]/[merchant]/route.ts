import { errorResponse, jsonResponse } from "@/lib/http/json-response";
import { readBodyLimited } from "@/lib/http/read-body";
import { MAX_WEBHOOK_BYTES, receiveWebhook } from "@/lib/webhooks/receive-webhook";

export async function POST(request: Request, { params }: { params: Promise<{ provider: string; merchant: string }> }) {
  const { provider, merchant } = await params;
  try {
    const body = await readBodyLimited(request, MAX_WEBHOOK_BYTES);
    const answer = await receiveWebhook(
      provider,
      merchant,
      { body, headers: request.headers, query: new URL(request.url).searchParams },
      new Date(),
    );
    return jsonResponse(answer.status, answer.body, answer.headers);
  } catch (error) {
    return errorResponse(error);
  }
}
