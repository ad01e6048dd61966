// Loads the demo dataset once (a second load finds it and adds nothing) and removes it
// completely (`npm run demo:clear`): every demo row is flagged, and the rows that hang off
// them (campaign recipients) are removed with their parent.
import type { Db } from "../db/client.js";
import { demoDataset, DEMO_MARK } from "./dataset.js";

export interface DemoLoad { loaded: boolean; teams: number; reports: number; flags: number; recipients: number }

export async function loadDemo(db: Db, channel: string, now = new Date()): Promise<DemoLoad> {
  if (await db.team.findFirst({ where: { demo: true }, select: { id: true } })) return { loaded: false, teams: 0, reports: 0, flags: 0, recipients: 0 };
  const data = demoDataset(new Date(now.getTime() + 7 * 3_600_000));
  return db.$transaction(async (tx) => {
    const ids = new Map<string, number>();
    for (const t of data.teams) {
      const row = await tx.team.create({ data: { name: t.name, provinceCode: t.provinceCode, communeCode: t.communeCode, villages: JSON.stringify(t.villages), demo: true } });
      ids.set(t.key, row.id);
    }
    for (let i = 0; i < data.reports.length; i += 500) {
      await tx.sessionReport.createMany({
        data: data.reports.slice(i, i + 500).map((r) => ({
          reference: r.reference, teamId: ids.get(r.team)!, provinceCode: r.provinceCode, communeCode: r.communeCode, sessionDate: r.sessionDate, village: r.village,
          topics: JSON.stringify(r.topics), format: r.format, total: r.total, women: r.women, men: r.men, ethnicMinority: r.ethnicMinority, childrenUnder16: r.childrenUnder16,
          languages: JSON.stringify(r.languages), referred: r.referred, reporterChannel: "demo", reporterUserId: `demo-leader-${r.team}`, demo: true,
          ...(r.extra
            ? {
                menPioneers: r.extra.menPioneers, equipment: JSON.stringify(r.extra.equipment), materialKinds: JSON.stringify(r.extra.materialKinds), materials: r.extra.materials,
                casesDetected: JSON.stringify(r.extra.casesDetected), referredTo: JSON.stringify(r.extra.referredTo),
              }
            : {}),
        })),
      });
    }
    for (const f of data.flags) {
      const at = new Date(now.getTime() - f.hoursAgo * 3_600_000);
      const conv = await tx.conversation.create({ data: { channel, userId: f.user, provinceCode: f.provinceCode, communeCode: f.communeCode, lastInboundAt: at, demo: true } });
      await tx.handover.create({ data: { conversationId: conv.id, reason: f.reason, severity: f.severity, category: f.category, status: f.status, createdAt: at, raisedAt: at, ...(f.status === "closed" ? { closedAt: new Date(at.getTime() + 3_600_000) } : {}), demo: true } });
    }
    const started = new Date(Date.UTC(now.getUTCFullYear() - (now.getUTCMonth() < 10 ? 1 : 0), 10, 20, 1));
    const campaign = await tx.campaign.create({
      data: {
        name: `Tháng hành động vì bình đẳng giới ${started.getUTCFullYear()}, Lai Châu ${DEMO_MARK}`, calendarEntryId: "thang-binh-dang-gioi", status: "done",
        messages: JSON.stringify({ messages: [{ vi: "Tháng hành động vì bình đẳng giới: cùng chung tay vì một cộng đồng không bạo lực." }], buttons: [] }),
        audience: JSON.stringify({ platforms: [], provinceCode: data.campaign.province, communeCode: null, who: "villagers", subscribedOnly: false, languages: [] }),
        startAt: started, provinceCode: data.campaign.province, createdBy: 0, finishedAt: new Date(started.getTime() + 2 * 86_400_000), expandedAt: started, demo: true,
      },
    });
    await tx.broadcastRecipient.createMany({ data: data.campaign.recipients.map((r, i) => ({ campaignId: campaign.id, channel, userId: `demo-camp-${i + 1}`, status: r.status, reason: r.reason })) });
    return { loaded: true, teams: data.teams.length, reports: data.reports.length, flags: data.flags.length, recipients: data.campaign.recipients.length };
  });
}

export async function clearDemo(db: Db): Promise<Record<string, number>> {
  return db.$transaction(async (tx) => {
    const campaigns = (await tx.campaign.findMany({ where: { demo: true }, select: { id: true } })).map((c) => c.id);
    const conversations = (await tx.conversation.findMany({ where: { demo: true }, select: { id: true } })).map((c) => c.id);
    const teams = (await tx.team.findMany({ where: { demo: true }, select: { id: true } })).map((t) => t.id);
    return {
      recipients: (await tx.broadcastRecipient.deleteMany({ where: { campaignId: { in: campaigns } } })).count,
      campaigns: (await tx.campaign.deleteMany({ where: { demo: true } })).count,
      handovers: (await tx.handover.deleteMany({ where: { OR: [{ demo: true }, { conversationId: { in: conversations } }] } })).count,
      conversations: (await tx.conversation.deleteMany({ where: { demo: true } })).count,
      reports: (await tx.sessionReport.deleteMany({ where: { demo: true } })).count,
      members: (await tx.teamMember.deleteMany({ where: { teamId: { in: teams } } })).count,
      teams: (await tx.team.deleteMany({ where: { demo: true } })).count,
    };
  });
}
