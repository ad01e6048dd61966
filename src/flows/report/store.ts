// Reports in the database: save with a short reference a leader can read out on the
// phone, correct with an audit row, list the latest, and spot likely duplicates.
import { randomInt } from "node:crypto";
import type { Tx } from "../../db/client.js";
import type { SessionReport, TopicCode } from "./types.js";
import { conversationKey } from "../../core/messages.js";

// No 0/O, 1/I: a reference is read aloud and typed on a cheap phone.
const ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

export function newReference(): string {
  return `BC-${Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("")}`;
}

export interface Reporter {
  channel: string;
  userId: string;
}

export interface TeamArea {
  id: number;
  provinceCode: string;
  communeCode: string;
}

function columns(r: SessionReport) {
  return {
    sessionDate: r.date,
    village: r.village,
    topics: JSON.stringify(r.topics),
    format: r.format,
    total: r.participants.total,
    women: r.participants.women,
    men: r.participants.men,
    ethnicMinority: r.participants.ethnicMinority,
    childrenUnder16: r.participants.childrenUnder16,
    languages: JSON.stringify(r.languages),
    materials: r.materials,
    referred: r.referred,
    menPioneers: r.menPioneers,
    equipment: JSON.stringify(r.equipment),
    materialKinds: JSON.stringify(r.materialKinds),
    casesDetected: r.casesDetected === null ? null : JSON.stringify(r.casesDetected),
    referredTo: r.referredTo === null ? null : JSON.stringify(r.referredTo),
    photos: JSON.stringify(r.photos),
    notes: r.notes,
  };
}

export async function saveReport(tx: Tx, team: TeamArea, r: SessionReport, by: Reporter): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const reference = newReference();
    if (await tx.sessionReport.findUnique({ where: { reference }, select: { id: true } })) {
      if (attempt < 5) continue;
      throw new Error("could not find a free report reference");
    }
    await tx.sessionReport.create({
      data: { reference, teamId: team.id, provinceCode: team.provinceCode, communeCode: team.communeCode, reporterChannel: by.channel, reporterUserId: by.userId, ...columns(r) },
    });
    return reference;
  }
}

/** Corrects a report, keeping the values it had before in ReportRevision. */
export async function correctReport(tx: Tx, reportId: number, r: SessionReport, by: Reporter): Promise<void> {
  const before = await tx.sessionReport.findUniqueOrThrow({ where: { id: reportId } });
  const { id: _id, createdAt: _c, updatedAt: _u, ...previous } = before;
  await tx.reportRevision.create({ data: { reportId, previous: JSON.stringify(previous), changedBy: conversationKey(by.channel, by.userId) } });
  await tx.sessionReport.update({ where: { id: reportId }, data: columns(r) });
}

/** A report of the same team, day and village sharing a topic: probably the same session. */
export async function findLikelyDuplicate(tx: Tx, teamId: number, r: Pick<SessionReport, "date" | "village" | "topics">, exceptId?: number): Promise<string | null> {
  const same = await tx.sessionReport.findMany({
    where: { teamId, sessionDate: r.date, village: r.village, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { reference: true, topics: true },
  });
  const hit = same.find((s) => (JSON.parse(s.topics) as TopicCode[]).some((t) => r.topics.includes(t)));
  return hit?.reference ?? null;
}

export async function latestReports(tx: Tx, teamId: number, take = 5) {
  return tx.sessionReport.findMany({ where: { teamId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take });
}

export async function lastReportBy(tx: Tx, by: Reporter) {
  return tx.sessionReport.findFirst({ where: { reporterChannel: by.channel, reporterUserId: by.userId }, orderBy: { id: "desc" } });
}

export function rowToReport(row: Awaited<ReturnType<typeof lastReportBy>> & object): SessionReport {
  return {
    date: row.sessionDate,
    village: row.village,
    topics: JSON.parse(row.topics) as SessionReport["topics"],
    format: row.format as SessionReport["format"],
    participants: { total: row.total, women: row.women, men: row.men, ethnicMinority: row.ethnicMinority, childrenUnder16: row.childrenUnder16 },
    languages: JSON.parse(row.languages) as SessionReport["languages"],
    materials: row.materials,
    referred: row.referred,
    menPioneers: row.menPioneers,
    equipment: JSON.parse(row.equipment) as SessionReport["equipment"],
    materialKinds: JSON.parse(row.materialKinds) as SessionReport["materialKinds"],
    casesDetected: row.casesDetected === null ? null : (JSON.parse(row.casesDetected) as SessionReport["casesDetected"]),
    referredTo: row.referredTo === null ? null : (JSON.parse(row.referredTo) as SessionReport["referredTo"]),
    photos: JSON.parse(row.photos) as string[],
    notes: row.notes,
  };
}
