import type http from "node:http";

export interface GracefulStopOptions {
  /** Keep accepting for this long after draining starts: the load balancer needs a health check or two to notice. */
  graceMs: number;
  /** The whole stop, grace included, never takes longer than this: what is still open then is cut. */
  deadlineMs: number;
}

/**
 * Stops an HTTP server without dropping a request: keeps serving through the grace period (answers then
 * carry `Connection: close`, see scripts/serve.ts, so the proxy's pooled connections retire), stops
 * listening (new connections are refused: a proxy retries a refused dial on another instance, whatever
 * the method), waits for the requests in flight, and cuts whatever is left at the deadline.
 */
export async function gracefulStop(server: http.Server, options: GracefulStopOptions): Promise<{ finished: boolean; abandoned: number }> {
  const started = Date.now();
  await sleep(Math.min(options.graceMs, options.deadlineMs));
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Idle keep-alive connections would hold close() open until they time out; a connection whose request
  // finishes later goes idle later, so this repeats until everything is closed.
  server.closeIdleConnections();
  const sweeper = setInterval(() => server.closeIdleConnections(), 100);
  const remaining = options.deadlineMs - (Date.now() - started);
  const finished = await Promise.race([closed.then(() => true), sleep(Math.max(0, remaining)).then(() => false)]);
  clearInterval(sweeper);
  if (finished) return { finished, abandoned: 0 };
  const abandoned = await new Promise<number>((resolve) => server.getConnections((_error, count) => resolve(count ?? 0)));
  server.closeAllConnections();
  return { finished, abandoned };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
