// npm run demo:clear: removes every row of the demo dataset (teams, reports, flags, the demo
// campaign and its recipients) from DATABASE_URL (default SQLite file:./data/chungtay.db);
// nothing else is touched. Prints what it removed as one JSON object.
// Exit codes: 0 done, 1 anything else.
import { openDatabase } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { clearDemo } from "../src/demo/load.js";

const url = process.env.DATABASE_URL ?? "file:./data/chungtay.db";
await migrate(url);
const database = await openDatabase(url);
try {
  process.stdout.write(`${JSON.stringify(await clearDemo(database.db))}\n`);
} finally {
  await database.close();
}
