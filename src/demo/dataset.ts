// The demo dataset (DEMO=1, and `npm start` in the simulator): what a Union officer should
// recognise on first start. Three provinces of the seed plans (Điện Biên 11, Lai Châu 12,
// Sơn La 14) with their real 2025 communes; 40 communication teams; two years of session
// reports, more in June and November (the campaign months); a few danger flags and requests;
// one finished campaign with its report. Every name says it is sample data, every row carries
// `demo: true`, and nothing here is a real person: ids are "demo-…", counts only.
import { defaultAreas } from "../areas/index.js";
import { FORMAT_CODES, TOPIC_CODES } from "../flows/report/types.js";
import { between, pick, seeded } from "./random.js";

export const DEMO_SEED = 2025;
export const DEMO_PROVINCES = ["11", "12", "14"] as const;
const TEAMS = 40;
const MONTHS = 24;
export const DEMO_MARK = "(dữ liệu mẫu)";
/** The languages sessions are held in, per province of the seeds (Hmong and Thái are the largest groups there). */
const LANGS: Record<string, string[][]> = { "11": [["vi", "hmong"], ["vi", "thai"], ["vi"]], "12": [["vi", "hmong"], ["vi", "dao"], ["vi"]], "14": [["vi", "thai"], ["vi", "hmong"], ["vi"]] };

export interface DemoTeam { key: string; name: string; provinceCode: string; communeCode: string; villages: string[] }
export interface DemoReport {
  reference: string; team: string; provinceCode: string; communeCode: string; sessionDate: string; village: string;
  topics: string[]; format: string; total: number; women: number; men: number; ethnicMinority: number; childrenUnder16: number; languages: string[]; referred: number;
  /** The 2026 form's fields; reports older than six months were sent on the old form and leave them unset. */
  extra?: { menPioneers: boolean | null; equipment: string[]; materialKinds: string[]; materials: number | null; casesDetected: Record<string, number>; referredTo: Record<string, number> };
}
export interface DemoFlag { user: string; provinceCode: string; communeCode: string; reason: "danger" | "request"; severity: number; category: string | null; status: "open" | "closed"; hoursAgo: number }
export interface DemoDataset { teams: DemoTeam[]; reports: DemoReport[]; flags: DemoFlag[]; campaign: { province: string; recipients: { status: string; reason: string | null }[] } }

/** Plausible answers to the newer questions; a referred person is one case, of a kind, to a place. */
function demoExtra(rnd: () => number, referred: number): NonNullable<DemoReport["extra"]> {
  const detected = referred + (rnd() < 0.05 ? 1 : 0);
  const kind = pick(rnd, ["bao-luc", "tao-hon", "mua-ban-nguoi", "khac"]);
  const place = pick(rnd, ["dctc", "cong-an", "111", "y-te"]);
  const leaflets = rnd() < 0.6;
  return {
    menPioneers: rnd() < 0.3 ? true : rnd() < 0.8 ? false : null,
    equipment: rnd() < 0.5 ? ["loa-keo"] : rnd() < 0.3 ? ["loa-cam-tay", "may-chieu"] : [],
    materialKinds: leaflets ? (rnd() < 0.3 ? ["to-roi", "ap-phich"] : ["to-roi"]) : [],
    materials: leaflets ? between(rnd, 10, 80) : null,
    casesDetected: detected > 0 ? { [kind]: detected } : {},
    referredTo: referred > 0 ? { [place]: referred } : {},
  };
}

const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** `today` (Vietnam date) anchors the two years: the dashboard's default period always has data. */
export function demoDataset(today: Date): DemoDataset {
  const rnd = seeded(DEMO_SEED);
  const areas = defaultAreas();
  const teams: DemoTeam[] = [];
  for (let i = 0; i < TEAMS; i++) {
    const provinceCode = DEMO_PROVINCES[i % DEMO_PROVINCES.length]!;
    const communes = areas.provincesByCode.get(provinceCode)!.communes;
    const commune = communes[Math.floor((i / DEMO_PROVINCES.length) * 7) % communes.length]!;
    teams.push({ key: `t${i + 1}`, name: `Tổ truyền thông số ${i + 1}, ${commune.name} ${DEMO_MARK}`, provinceCode, communeCode: commune.code, villages: [`Bản ${i + 1}A`, `Bản ${i + 1}B`] });
  }
  const reports: DemoReport[] = [];
  const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  // A second stream for the newer fields, so adding them left the rest of the dataset as it was.
  const rnd2 = seeded(DEMO_SEED + 1);
  const newForm = ymd(new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 6, 1)));
  let n = 0;
  for (let m = MONTHS - 1; m >= 0; m--) {
    const first = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - m, 1));
    const month = first.getUTCMonth() + 1;
    const season = month === 6 || month === 11 ? 2.5 : 1;
    const days = new Date(Date.UTC(first.getUTCFullYear(), month, 0)).getUTCDate();
    for (const team of teams) {
      // About one session a month a team, two and a half in the campaign months.
      let sessions = 0;
      for (let k = 0; k < 3; k++) if (rnd() < (0.38 * season) / 1) sessions++;
      for (let s = 0; s < sessions; s++) {
        const day = new Date(Date.UTC(first.getUTCFullYear(), month - 1, between(rnd, 1, days)));
        if (day > end) continue;
        const total = between(rnd, 15, 60);
        const women = Math.round(total * (0.55 + rnd() * 0.2));
        const topics = [...new Set([pick(rnd, TOPIC_CODES), ...(rnd() < 0.5 ? [pick(rnd, TOPIC_CODES)] : [])])];
        reports.push({
          reference: `DEMO-${String(++n).padStart(5, "0")}`, team: team.key, provinceCode: team.provinceCode, communeCode: team.communeCode, sessionDate: ymd(day),
          village: pick(rnd, team.villages), topics, format: pick(rnd, FORMAT_CODES), total, women, men: total - women,
          ethnicMinority: Math.round(total * (0.7 + rnd() * 0.3)), childrenUnder16: Math.round(total * rnd() * 0.2), languages: pick(rnd, LANGS[team.provinceCode]!), referred: rnd() < 0.08 ? 1 : 0,
        });
        const r = reports.at(-1)!;
        if (r.sessionDate >= newForm) r.extra = demoExtra(rnd2, r.referred);
      }
    }
  }
  const flag = (i: number, reason: "danger" | "request", severity: number, category: string | null, status: "open" | "closed", hoursAgo: number): DemoFlag => {
    const team = teams[i]!;
    return { user: `demo-${i + 1}`, provinceCode: team.provinceCode, communeCode: team.communeCode, reason, severity, category, status, hoursAgo };
  };
  const flags = [
    flag(0, "danger", 3, "beaten", "open", 1), flag(4, "danger", 2, "trafficking", "open", 5), flag(7, "request", 0, null, "open", 26),
    flag(10, "danger", 2, "forced_marriage", "closed", 72), flag(13, "request", 0, null, "closed", 200), flag(2, "danger", 3, "call_for_help", "closed", 400),
  ];
  // A finished campaign in Lai Châu: who it reached and why not the others (counts as the policy table names them).
  const spread: [string, string | null, number][] = [["sent", null, 96], ["delivered", null, 140], ["seen", null, 188], ["skipped", "outside_window", 61], ["skipped", "opted_out", 9], ["skipped", "never_messaged", 14], ["failed_permanent", null, 3]];
  const recipients = spread.flatMap(([status, reason, count]) => Array.from({ length: count }, () => ({ status, reason })));
  return { teams, reports, flags, campaign: { province: "12", recipients } };
}
