// npm run admin:create -- --email a@b.vn --name "Tên" [--role centre_admin|province_staff|commune_staff --area 11]
// The password is read from ADMIN_PASSWORD or asked on the terminal, never taken from the command line.
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { openDatabase } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { createStaff } from "../src/staff/accounts.js";
import { ROLES, type Role } from "../src/staff/principal.js";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "centre_admin" }, area: { type: "string" } } });
const role = values.role as Role;
if (!values.email || !ROLES.includes(role)) {
  console.error("usage: npm run admin:create -- --email <email> [--name <name>] [--role centre_admin|province_staff|commune_staff] [--area <code>]");
  process.exit(2);
}
let password = process.env.ADMIN_PASSWORD ?? "";
if (!password) {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  password = await rl.question("Password (at least 10 characters): ");
  rl.close();
}
const url = process.env.DATABASE_URL ?? "file:./data/chungtay.db";
await migrate(url);
const database = await openDatabase(url);
try {
  const id = await createStaff(database.db, { email: values.email, name: values.name ?? values.email, password, role, areaCode: values.area ?? null });
  console.log(JSON.stringify({ created: id, email: values.email, role }));
} catch (err) {
  console.error(`could not create the account: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
