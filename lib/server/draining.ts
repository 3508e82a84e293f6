/**
 * Whether this process is shutting down. scripts/serve.ts sets it on SIGTERM; /api/ready reads it and
 * answers 503 at once, so the load balancer stops sending new requests while the ones in flight finish.
 * Kept in the global symbol registry: the server and the bundled route handlers are separate module
 * graphs in one process.
 */
const KEY = Symbol.for("parcelpage.draining");

type Store = { [KEY]?: boolean };

export function startDraining(): void {
  (globalThis as Store)[KEY] = true;
}

export function isDraining(): boolean {
  return (globalThis as Store)[KEY] === true;
}
