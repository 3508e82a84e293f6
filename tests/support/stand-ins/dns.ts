/**
 * A tiny authoritative DNS server on loopback UDP that answers TXT queries from a map (name → strings)
 * and NXDOMAIN for anything else. Enough for node:dns's Resolver (`setServers(["127.0.0.1:port"])`), so
 * custom-domain proofs are tested against real DNS packets without the network.
 */
import { createSocket } from "node:dgram";
import { existsSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";

export interface DnsStandIn {
  /** "127.0.0.1:port", for Resolver.setServers / DNS_SERVERS. */
  server: string;
  /** Lower-case names → TXT strings (one record each). Change it at any time. */
  txt: Map<string, string[]>;
  /** Names asked for, in order. */
  queries: string[];
  close(): Promise<void>;
}

const TYPE_TXT = 16;

function readName(packet: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let at = offset;
  while (at < packet.length && packet[at]! > 0) {
    const length = packet[at]!;
    labels.push(packet.subarray(at + 1, at + 1 + length).toString("latin1"));
    at += 1 + length;
  }
  return { name: labels.join(".").toLowerCase(), end: at + 1 };
}

function txtRdata(text: string): Buffer {
  const parts: Buffer[] = [];
  const bytes = Buffer.from(text, "utf8");
  for (let at = 0; at < bytes.length || at === 0; at += 255) {
    const chunk = bytes.subarray(at, at + 255);
    parts.push(Buffer.from([chunk.length]), chunk);
    if (bytes.length === 0) break;
  }
  return Buffer.concat(parts);
}

export function answer(query: Buffer, txt: Map<string, string[]>): { name: string; reply: Buffer } {
  const { name, end } = readName(query, 12);
  const qtype = query.readUInt16BE(end);
  const question = query.subarray(12, end + 4);
  const records = qtype === TYPE_TXT ? (txt.get(name) ?? null) : null;
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // id
  const rcode = txt.has(name) ? 0 : 3; // NXDOMAIN for unknown names
  header.writeUInt16BE(0x8400 | (query.readUInt16BE(2) & 0x0100) | rcode, 2); // QR, AA, copy RD
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(records?.length ?? 0, 6);
  const answers = (records ?? []).map((text) => {
    const rdata = txtRdata(text);
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc00c, 0); // pointer to the question's name
    fixed.writeUInt16BE(TYPE_TXT, 2);
    fixed.writeUInt16BE(1, 4); // IN
    fixed.writeUInt32BE(60, 6);
    fixed.writeUInt16BE(rdata.length, 10);
    return Buffer.concat([fixed, rdata]);
  });
  return { name, reply: Buffer.concat([header, question, ...answers]) };
}

/**
 * `txtFile`: a JSON file ({ "name": ["value", …] }) read on every query, for a stand-in that another
 * process (an e2e spec) fills while the app under test queries it.
 */
export async function startDnsStandIn(options: { txtFile?: string } = {}): Promise<DnsStandIn> {
  const socket = createSocket("udp4");
  const state: DnsStandIn = {
    server: "",
    txt: new Map(),
    queries: [],
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
  socket.on("message", (message, remote) => {
    try {
      const records = new Map(state.txt);
      if (options.txtFile && existsSync(options.txtFile)) {
        for (const [name, values] of Object.entries(JSON.parse(readFileSync(options.txtFile, "utf8")) as Record<string, string[]>)) {
          records.set(name.toLowerCase(), values);
        }
      }
      const { name, reply } = answer(message, records);
      state.queries.push(name);
      socket.send(reply, remote.port, remote.address);
    } catch {
      // A malformed packet gets no answer, like a real server under abuse.
    }
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  state.server = `127.0.0.1:${(socket.address() as AddressInfo).port}`;
  return state;
}
