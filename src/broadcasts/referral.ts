// Referral codes: how a poster, an m.me link or the loudspeaker brings a person to write. The
// code names the campaign and the commune; a person who arrives with it gets the campaign
// message at once (her own message opened the window) and the offer of campaign news.
import { randomInt } from "node:crypto";
import { fold } from "../content/fold.js";
import type { Db, Tx } from "../db/client.js";

/** Letters that cannot be misread on a poster or misheard on a loudspeaker (no O/0, I/1). */
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export function newCode(length = 5): string {
  return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
}

/** "THAM GIA QT7K2", "tham gia qt7k2", "thamgia QT7K2" → "QT7K2". */
export function parseJoinKeyword(raw: string): string | null {
  const m = /^tham ?gia\s*([a-z0-9]{4,8})$/.exec(fold(raw));
  return m ? m[1]!.toUpperCase() : null;
}

export async function createCodes(db: Db, campaignId: number, communeCodes: (string | null)[]): Promise<number> {
  let made = 0;
  for (const communeCode of communeCodes) {
    if (await db.referralCode.findFirst({ where: { campaignId, communeCode } })) continue;
    for (let tries = 0; tries < 5; tries++) {
      try {
        await db.referralCode.create({ data: { code: newCode(), campaignId, communeCode } });
        made++;
        break;
      } catch {
        // a code already taken (32^5 = 33 million: rare): draw again
      }
    }
  }
  return made;
}

export type Arrival = { campaign: { id: number; messages: string; status: string }; codeId: number; code: string; communeCode: string | null };

/** The campaign a code belongs to, and the visit counted (counts only). */
export async function recordArrival(tx: Tx, code: string, via: "link" | "keyword", platform: string): Promise<Arrival | null> {
  const row = await tx.referralCode.findUnique({ where: { code: code.toUpperCase() } });
  if (!row) return null;
  const campaign = await tx.campaign.findUnique({ where: { id: row.campaignId }, select: { id: true, messages: true, status: true } });
  if (!campaign) return null;
  await tx.referralVisit.create({ data: { codeId: row.id, via, platform, delivered: !["cancelled", "draft"].includes(campaign.status) } });
  return { campaign, codeId: row.id, code: row.code, communeCode: row.communeCode };
}

export async function visitCounts(db: Db, campaignId: number): Promise<{ code: string; communeCode: string | null; link: number; keyword: number; delivered: number }[]> {
  const codes = await db.referralCode.findMany({ where: { campaignId }, orderBy: { id: "asc" } });
  const visits = await db.referralVisit.groupBy({ by: ["codeId", "via", "delivered"], where: { codeId: { in: codes.map((c) => c.id) } }, _count: { _all: true } });
  return codes.map((c) => {
    const mine = visits.filter((v) => v.codeId === c.id);
    const sum = (f: (v: (typeof mine)[number]) => boolean) => mine.filter(f).reduce((s, v) => s + v._count._all, 0);
    return { code: c.code, communeCode: c.communeCode, link: sum((v) => v.via === "link"), keyword: sum((v) => v.via === "keyword"), delivered: sum((v) => v.delivered) };
  });
}
