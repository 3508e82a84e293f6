/**
 * TCP keepalive for every connection we open to PostgreSQL (spread into each pg.Pool / pg.Client config
 * and the Prisma adapter's). Without it a connection whose host vanished without closing it (a crashed
 * VM, a network partition, an address moved by a failover) looks open for ever: Linux sends its first
 * keepalive probe after 2 hours (net.ipv4.tcp_keepalive_time = 7200 on these machines).
 *
 * What it covers: a connection on which nothing is unacknowledged — idle, or waiting for the answer to a
 * query the server's kernel had acknowledged before the host died. Node sets the idle delay given here
 * and, on Linux, 10 probes 1 s apart (TCP_KEEPINTVL 1, TCP_KEEPCNT 10: seen with strace on Node 20.20,
 * libuv 1.46), so such a connection errors about 10 + 10 = 20 s after its last traffic instead of never:
 * a worker's LISTEN connection (idle by design: without this it would wait for notifications for ever,
 * and the worker would not LISTEN again), a worker's long batch query, a connection idle in a pool.
 * Why 10 s: the pools close connections idle for 10 s, and nothing we run legitimately sits silent on a
 * live connection for long, so a dead one is found in about 20 s; the cost is one empty probe per
 * quiet connection every 10 s, nothing next to the queries.
 *
 * What it does not cover: a query sent after the host vanished. Its bytes stay unacknowledged, and TCP
 * sends no keepalive probe then; it retransmits until tcp_retries2 (15 here: about 15 minutes), and Node
 * cannot set TCP_USER_TIMEOUT. Waits that must be short are bounded by their caller instead: the webhook
 * accept path's deadline (lib/webhooks/accept-breaker.ts) and the accept pool's query timeout.
 */
export const PG_KEEPALIVE = { keepAlive: true, keepAliveInitialDelayMillis: 10_000 } as const;
