// What bounds the numbers, printed with them so a reader of latest.json does not have to
// find docs/performance.md to interpret them.
export const LIMITS = [
  "SQLite has one writer; the app opens one connection through @prisma/adapter-better-sqlite3, and while a Prisma interactive transaction is open every other query of the process waits, reads included (see sql.transactions.connectionHeldByTransactionsPct).",
  "journal_mode=WAL, synchronous=NORMAL: a commit appends to the WAL without fsync; fsync happens at checkpoints. (c) uses the same pragmas and the same InboxEvent table and indexes.",
  "Webhook inserts are group-committed (src/core/inbox-batcher.ts): requests arriving while one INSERT … ON CONFLICT DO NOTHING RETURNING runs share the next; each answers only after its own commit.",
  "Workers step aside for acknowledgements (src/core/ack-first.ts): they yield to I/O between steps and, while webhooks are in flight or just answered, take one step at a time after a wait of at most 25 ms. In a saturating closed loop the workers therefore turn over fewer events than they receive and the inbox backlog (server.inbox.pending) grows; it drains after the burst.",
  "Prisma 6 JS engine (engineType=client): each query is planned by the wasm query compiler and interpreted in JS, then prepared afresh by the adapter (no statement cache); about half the server's CPU is Prisma (BENCH_CPU_PROF=1).",
  "A full conversation turn is about 20 SQL statements in 4 transactions (webhook insert, inbox claim, bot turn, outbox claim) plus per-send reads (ChannelState token) and queue polls.",
  "better-sqlite3 is synchronous: SQL runs on the server's only JS thread, between HTTP requests.",
  "The server logs one JSON line per stored webhook (LOG_LEVEL=info, stdout to /dev/null here).",
  "Load generator, fake Zalo and server share 2 cores: the server runs in its own process; autocannon, the open-loop sender and the fake Zalo share the parent process. Other work on the machine shows in loadavg1.",
  "Closed loop (autocannon, fixed connections) for throughput; open loop (fixed schedule, timed from the scheduled moment) for end-to-end latency.",
];
