// The trusted-address directory lives in the TrustedAddress table: staff edit it in the console,
// and the bot reads it through a small in-memory cache (a chat turn must not wait on a query).
// content/trusted-addresses.csv only seeds an empty table, keeping its SAMPLE flag.
import type { Db, Tx } from "../db/client.js";
import { isUniqueViolation } from "../db/errors.js";
import { log } from "../log.js";
import { KINDS, loadTrustedAddresses, type TrustedAddress } from "./trusted-addresses.js";

type AddressRecord = Awaited<ReturnType<Db["trustedAddress"]["findMany"]>>[number];

/** The table's columns for a validated row (who changed it is the caller's to add). */
export function addressData(a: TrustedAddress) {
  return {
    provinceCode: a.provinceCode,
    communeCode: a.communeCode,
    village: a.village,
    nameVi: a.name.vi,
    nameEn: a.name.en,
    kind: a.kind,
    phone: a.phone,
    lat: a.lat,
    lng: a.lng,
    hoursVi: a.hours?.vi ?? null,
    hoursEn: a.hours?.en ?? null,
    verifiedBy: a.verifiedBy,
    effectiveFrom: a.effectiveFrom,
    sample: a.isSample,
  };
}

/** null for a row whose kind is not a contact point (e.g. written by hand as "shelter"): never shown. */
export function fromRecord(r: AddressRecord): TrustedAddress | null {
  const kind = KINDS.find((k) => k === r.kind);
  if (!kind) return null;
  const dial = r.phone ? r.phone.replace(/\D/g, "") : "";
  return {
    id: r.id,
    provinceCode: r.provinceCode,
    communeCode: r.communeCode,
    village: r.village,
    name: { vi: r.nameVi, en: r.nameEn },
    kind,
    phone: r.phone,
    dial: dial === "" ? null : dial,
    lat: r.lat,
    lng: r.lng,
    hours: r.hoursVi !== null && r.hoursEn !== null ? { vi: r.hoursVi, en: r.hoursEn } : null,
    verifiedBy: r.verifiedBy,
    effectiveFrom: r.effectiveFrom,
    isSample: r.sample,
    line: 0,
  };
}

/** On start: an empty table gets the CSV's rows. Returns how many rows were written. */
export async function seedAddressesIfEmpty(db: Db, rows: () => TrustedAddress[] = () => loadTrustedAddresses()): Promise<number> {
  if ((await db.trustedAddress.count()) > 0) return 0;
  const data = rows().map((a) => ({ id: a.id, ...addressData(a) }));
  try {
    await db.$transaction(async (tx: Tx) => {
      for (const d of data) await tx.trustedAddress.create({ data: d });
    });
  } catch (err) {
    // Another instance seeded the same rows at the same moment: theirs are as good as ours.
    if (isUniqueViolation(err)) return 0;
    throw err;
  }
  return data.length;
}

export async function loadActiveAddresses(db: Db): Promise<TrustedAddress[]> {
  const records = await db.trustedAddress.findMany({ where: { active: true }, orderBy: { id: "asc" } });
  return records.map(fromRecord).filter((a): a is TrustedAddress => a !== null);
}

/**
 * The bot's copy of the active rows. Staff changes on this instance refresh it at once;
 * a periodic refresh lets every other instance converge within a minute.
 */
export class AddressCache {
  private rows: TrustedAddress[] = [];
  private started = 0;
  private applied = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Db) {}

  get(): TrustedAddress[] {
    return this.rows;
  }

  /** Reloads now; callers that changed the table await it so the next answer sees the change. */
  async invalidate(): Promise<void> {
    const n = ++this.started;
    const rows = await loadActiveAddresses(this.db);
    // Two refreshes may finish out of order; only a newer load may replace what we show.
    if (n > this.applied) {
      this.applied = n;
      this.rows = rows;
    }
  }

  start(everyMs = 60_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.invalidate().catch((err: unknown) => log.warn("address cache refresh failed", { error: (err as Error).name }));
    }, everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

const caches = new WeakMap<Db, AddressCache>();

/** The one cache for this database client, shared by the bot and the staff console. */
export function addressCacheFor(db: Db): AddressCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new AddressCache(db)));
  return cache;
}
