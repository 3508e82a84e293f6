// The baseline for `npm run bench:ingest`: reads the body like a webhook and does nothing else.
// Off (404) unless BENCH_NOOP=1, so it never exists in a real deployment.
export async function POST(request: Request) {
  if (process.env.BENCH_NOOP !== "1") return new Response(null, { status: 404 });
  await request.text();
  return Response.json({ received: true }, { status: 200 });
}
