/**
 * A TCP proxy in front of the real test database (PGlite or PostgreSQL) that can fail the way a database
 * host fails, for tests of what the app does meanwhile:
 *  - `holdAt(marker)`: a connection that sends `marker` (e.g. the text of one INSERT) is held there: that
 *    chunk and everything after it stays here, nothing is answered, and the connection stays open, as
 *    when the host stops answering without closing anything (or before the OS drops a crashed server's
 *    connections). `release()` sends what was held on, as if the host had only been slow.
 *  - `crash()`: every other connection is dropped and new ones are dropped as they arrive (a server that
 *    is gone); `recover()` forwards new connections again.
 * Everything else is forwarded byte for byte.
 */
import net from "node:net";

export interface HeldConnection {
  /** Whether the app's side of the held connection is still open (it has not given up on it). */
  readonly open: boolean;
  /** Forwards what was held and everything after it. */
  release(): void;
}

export interface DatabaseProxy {
  /** The target's URL with the proxy's host and port. */
  url: string;
  /** null: hold nothing more (connections already held stay held). */
  holdAt(marker: string | null): void;
  /** Resolves with the first connection held since holdAt. */
  held(): Promise<HeldConnection>;
  crash(): void;
  recover(): void;
  /** Connections the app opened to the proxy so far. */
  readonly connections: number;
  close(): Promise<void>;
}

export async function startDatabaseProxy(targetUrl: string): Promise<DatabaseProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  /** Both ends of every held connection: a crash leaves them open. */
  const held = new Set<net.Socket>();
  let marker: string | null = null;
  let crashed = false;
  let connections = 0;
  let onHeld: (held: HeldConnection) => void = () => {};
  let heldOne = new Promise<HeldConnection>((resolve) => (onHeld = resolve));

  const server = net.createServer((client) => {
    connections++;
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => undefined);
    if (crashed) return void client.destroy();
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(upstream);
    upstream.on("close", () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on("error", () => undefined);
    client.on("close", () => upstream.destroy());
    upstream.on("data", (chunk: Buffer) => client.write(chunk));

    let holding: Buffer[] | null = null;
    // The end of the previous chunk too: a marker split across two chunks is still seen.
    let tail = "";
    client.on("data", (chunk: Buffer) => {
      if (holding) return void holding.push(chunk);
      const text = tail + chunk.toString("latin1");
      tail = text.slice(-200);
      if (marker !== null && text.includes(marker)) {
        holding = [chunk];
        const kept = holding;
        held.add(client).add(upstream);
        onHeld({
          get open() {
            return !client.destroyed && !client.readableEnded;
          },
          release() {
            holding = null;
            for (const piece of kept) upstream.write(piece);
          },
        });
        return;
      }
      upstream.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(targetUrl);
  url.hostname = "127.0.0.1";
  url.port = String((server.address() as net.AddressInfo).port);

  return {
    url: url.toString(),
    holdAt(text) {
      marker = text;
      heldOne = new Promise<HeldConnection>((resolve) => (onHeld = resolve));
    },
    held: () => heldOne,
    crash() {
      crashed = true;
      marker = null;
      // Held connections stay as they are: their host has not closed them (yet).
      for (const socket of sockets) if (!held.has(socket)) socket.destroy();
    },
    recover() {
      crashed = false;
    },
    get connections() {
      return connections;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
