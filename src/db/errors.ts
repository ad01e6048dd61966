// Database errors callers branch on, the same on SQLite and PostgreSQL (Prisma's codes).

/** A unique index refused the row (Prisma P2002): someone else wrote it first. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "P2002";
}
