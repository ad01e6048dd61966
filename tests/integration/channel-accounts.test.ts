// Many OAs and Pages in one deployment: two Zalo OAs and two Facebook Pages against the fakes
// at once. Webhooks are routed by the OA/Page id in the body; each account answers with its
// own token; one paused or expired account leaves the others sending; staff of one province
// never see another's conversations, even by id; a body for an unknown account stores nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeMeta, metaSignature, pageEvent, postMessengerWebhook } from "../support/fake-meta.js";
import { FakeZalo, postZaloWebhook, TEST_WEBHOOK_SECRETS } from "../support/fake-zalo.js";
import { eventually, startTestServer, TEST_SECRETS, type TestServer } from "../support/server.js";
import { makeStaff, StaffClient } from "../support/staff.js";

const KEY = Buffer.alloc(32, 7).toString("base64");
const OA2 = { id: "2233445566778899", secret: "oa2-secret-key", access: "oa2-access", refresh: "oa2-refresh" };
const PAGE2 = { id: "998877665544", token: "page2-token-abcdefghijklmnop" };

let zalo: FakeZalo;
let meta: FakeMeta;
let server: TestServer;
let admin: StaffClient;
const db = () => server.database.db;
let at = Date.now();

function zaloText(oaId: string, userId: string, text: string): string {
  at += 1000;
  return JSON.stringify({ app_id: TEST_SECRETS.ZALO_APP_ID, event_name: "user_send_text", sender: { id: userId }, recipient: { id: oaId }, message: { text, msg_id: `m${at}${userId}` }, timestamp: String(at) });
}
function pageText(pageId: string, userId: string, text: string): string {
  at += 1000;
  return pageEvent([{ sender: { id: userId }, recipient: { id: pageId }, timestamp: at, message: { mid: `mid.${at}.${userId}`, text } }], pageId);
}
const zaloTo = (token: string) => zalo.requests.filter((r) => r.path.endsWith("/message/cs") && r.headers["access_token"] === token && r.outcome === "ok");
const metaTo = (token: string) => meta.requests.filter((r) => r.token === token && r.status === 200);

beforeAll(async () => {
  zalo = new FakeZalo();
  meta = new FakeMeta();
  const [z, m] = await Promise.all([zalo.start(), meta.start()]);
  zalo.addAccount({ accessToken: OA2.access, refreshToken: OA2.refresh, code: "oa2-consent-code" });
  meta.acceptAlso(PAGE2.token);
  server = await startTestServer({ ZALO_API_BASE: z.url, ZALO_OAUTH_BASE: z.url, GRAPH_API_BASE: m.url, ACCOUNTS_KEY: KEY });
  const { email } = await makeStaff(db(), { role: "centre_admin" });
  admin = new StaffClient(server.url);
  await admin.login(email);
});
afterAll(async () => {
  await server?.close();
  await Promise.all([zalo?.stop(), meta?.stop()]);
});

describe("channel accounts", () => {
  it("the environment's OA and Page are the first accounts", async () => {
    const rows = await db().channelAccount.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.channel, r.externalId, r.source])).toEqual([
      ["zalo", TEST_SECRETS.ZALO_OA_ID, "env"],
      ["messenger", TEST_SECRETS.MESSENGER_PAGE_ID, "env"],
    ]);
    const page = await admin.get("/staff/accounts");
    expect(page.status).toBe(200);
    expect(page.text).toContain(TEST_SECRETS.ZALO_OA_ID);
  });

  it("a bad add form names the field and keeps what was typed", async () => {
    await admin.get("/staff/accounts");
    const bad = await admin.post("/staff/accounts", { platform: "zalo", external_id: "12 34", name: "Hội LHPN Lai Châu", province_code: "99" });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="err-external_id">chỉ gồm chữ số/);
    expect(bad.text).toMatch(/id="err-province_code">không phải mã tỉnh/);
    expect(bad.text).toContain('value="Hội LHPN Lai Châu"');
    const noSecret = await admin.post("/staff/accounts", { platform: "zalo", external_id: "5555", name: "X", province_code: "12", ZALO_OA_SECRET_KEY: "" });
    // The app id and secret can come from the server; the OA secret key, being the server's too here, is not missing.
    expect(noSecret.status).toBe(303);
    await db().channelAccount.deleteMany({ where: { externalId: "5555" } });
  });

  it("adds a second OA (Lai Châu) and a second Page (Điện Biên); credentials are sealed at rest", async () => {
    await admin.get("/staff/accounts");
    const oa = await admin.post("/staff/accounts", { platform: "zalo", external_id: OA2.id, name: "Hội LHPN tỉnh Lai Châu", province_code: "12", ZALO_OA_SECRET_KEY: OA2.secret, ZALO_ACCESS_TOKEN: OA2.access, ZALO_REFRESH_TOKEN: OA2.refresh });
    expect(oa.status).toBe(303);
    const page = await admin.post("/staff/accounts", { platform: "messenger", external_id: PAGE2.id, name: "Hội LHPN tỉnh Điện Biên", province_code: "11", MESSENGER_PAGE_TOKEN: PAGE2.token });
    expect(page.status).toBe(303);
    const again = await admin.post("/staff/accounts", { platform: "messenger", external_id: PAGE2.id, name: "Trùng", MESSENGER_PAGE_TOKEN: PAGE2.token });
    expect(again.status).toBe(400);
    expect(again.text).toMatch(/id="err-external_id">đã có tài khoản/);
    const rows = await db().channelAccount.findMany({ where: { source: "db" } });
    expect(rows.map((r) => r.channel).sort()).toEqual([`messenger-${PAGE2.id}`, `zalo-${OA2.id}`]);
    for (const r of rows) {
      expect(r.credentials).toMatch(/^sealed:v1:/);
      expect(r.credentials).not.toContain(OA2.secret);
      expect(r.credentials).not.toContain(PAGE2.token);
    }
    const audits = await db().auditLog.findMany({ where: { action: "account.create" } });
    expect(audits.map((a) => a.detail).join(" ")).not.toMatch(/oa2-secret|page2-token/);
  });

  it("routes by OA/Page id: each account answers with its own token, in its own province's queue", async () => {
    const a = await postZaloWebhook(server.url, zaloText(TEST_SECRETS.ZALO_OA_ID, "7001", "menu"));
    const b = await postZaloWebhook(server.url, zaloText(OA2.id, "7002", "menu"), "valid", { appId: TEST_SECRETS.ZALO_APP_ID, oaSecretKey: OA2.secret });
    expect([a.status, b.status]).toEqual([200, 200]);
    // OA 2's body signed with OA 1's secret key is refused: each account's own secret vouches.
    expect((await postZaloWebhook(server.url, zaloText(OA2.id, "7002", "menu"), "valid", TEST_WEBHOOK_SECRETS)).status).toBe(403);
    expect((await postMessengerWebhook(server.url, pageText(TEST_SECRETS.MESSENGER_PAGE_ID, "8001", "menu"))).status).toBe(200);
    expect((await postMessengerWebhook(server.url, pageText(PAGE2.id, "8002", "menu"))).status).toBe(200);
    await eventually(async () => zaloTo(OA2.access).length > 0 && zaloTo(TEST_SECRETS.ZALO_ACCESS_TOKEN).length > 0 && metaTo(PAGE2.token).length > 0 && metaTo(TEST_SECRETS.MESSENGER_PAGE_TOKEN).length > 0);
    expect(zaloTo(OA2.access).every((r) => (r.body as { recipient: { user_id: string } }).recipient.user_id === "7002")).toBe(true);
    expect(zaloTo(TEST_SECRETS.ZALO_ACCESS_TOKEN).every((r) => (r.body as { recipient: { user_id: string } }).recipient.user_id === "7001")).toBe(true);
    // Health for the console: when each account last received and last sent.
    await eventually(() => db().channelAccount.findFirst({ where: { externalId: OA2.id, lastWebhookAt: { not: null }, lastSendAt: { not: null } } }));
    await eventually(() => db().channelAccount.findFirst({ where: { externalId: PAGE2.id, lastWebhookAt: { not: null }, lastSendAt: { not: null } } }));
    const convs = await db().conversation.findMany({ orderBy: { userId: "asc" }, select: { channel: true, userId: true, provinceCode: true } });
    expect(convs).toEqual([
      { channel: "zalo", userId: "7001", provinceCode: null },
      { channel: `zalo-${OA2.id}`, userId: "7002", provinceCode: "12" },
      { channel: "messenger", userId: "8001", provinceCode: null },
      { channel: `messenger-${PAGE2.id}`, userId: "8002", provinceCode: "11" },
    ]);
  });

  it("a delivery for two Pages of one app is split by entry; an unknown Page's entry is dropped", async () => {
    at += 1000;
    const body = JSON.stringify({
      object: "page",
      entry: [
        { id: TEST_SECRETS.MESSENGER_PAGE_ID, time: at, messaging: [{ sender: { id: "8101" }, recipient: { id: TEST_SECRETS.MESSENGER_PAGE_ID }, timestamp: at, message: { mid: `mid.split.1.${at}`, text: "hello" } }] },
        { id: PAGE2.id, time: at, messaging: [{ sender: { id: "8102" }, recipient: { id: PAGE2.id }, timestamp: at, message: { mid: `mid.split.2.${at}`, text: "hello" } }] },
        { id: "111111111", time: at, messaging: [{ sender: { id: "8103" }, recipient: { id: "111111111" }, timestamp: at, message: { mid: `mid.split.3.${at}`, text: "hello" } }] },
      ],
    });
    const res = await postMessengerWebhook(server.url, body);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ stored: 2 });
    const rows = await db().inboxEvent.findMany({ where: { eventKey: { startsWith: "mid.split." } }, select: { channel: true } });
    expect(rows.map((r) => r.channel).sort()).toEqual(["messenger", `messenger-${PAGE2.id}`]);
  });

  it("a webhook for an account this deployment does not serve is acknowledged and stores nothing", async () => {
    const before = await db().inboxEvent.count();
    const z = await postZaloWebhook(server.url, zaloText("9999999999", "7009", "cứu em"), "valid", { appId: TEST_SECRETS.ZALO_APP_ID, oaSecretKey: "anything" });
    expect(z).toMatchObject({ status: 200, body: { unknownAccount: true, stored: 0 } });
    const m = await postMessengerWebhook(server.url, pageText("123123123", "8009", "help"), { "x-hub-signature-256": metaSignature(pageText("123123123", "8009", "help")) });
    expect(m.status).toBe(200);
    expect(await db().inboxEvent.count()).toBe(before);
    expect(await db().conversation.count({ where: { userId: { in: ["7009", "8009"] } } })).toBe(0);
  });

  it("one paused account holds its messages while the others keep sending; resuming sends them", async () => {
    const oa2 = await db().channelAccount.findFirstOrThrow({ where: { externalId: OA2.id } });
    await admin.get(`/staff/accounts/${oa2.id}`);
    expect((await admin.post(`/staff/accounts/${oa2.id}/pause`, { reason: "" })).status).toBe(400);
    expect((await admin.post(`/staff/accounts/${oa2.id}/pause`, { reason: "đổi cán bộ quản trị" })).status).toBe(303);
    const held = zaloTo(OA2.access).length;
    const other = zaloTo(TEST_SECRETS.ZALO_ACCESS_TOKEN).length;
    await postZaloWebhook(server.url, zaloText(OA2.id, "7002", "1"), "valid", { appId: TEST_SECRETS.ZALO_APP_ID, oaSecretKey: OA2.secret });
    await postZaloWebhook(server.url, zaloText(TEST_SECRETS.ZALO_OA_ID, "7001", "1"));
    await eventually(async () => zaloTo(TEST_SECRETS.ZALO_ACCESS_TOKEN).length > other);
    await eventually(async () => (await db().outboxMessage.count({ where: { channel: `zalo-${OA2.id}`, status: "queued" } })) > 0);
    expect(zaloTo(OA2.access).length).toBe(held);
    expect((await admin.get("/staff/accounts")).text).toContain("Tạm dừng: đổi cán bộ quản trị");
    expect((await admin.post(`/staff/accounts/${oa2.id}/resume`)).status).toBe(303);
    await eventually(async () => zaloTo(OA2.access).length > held);
  });

  it("an expired Page token pauses that Page only; a new token in the console resumes it", async () => {
    meta.revoke(PAGE2.token);
    const page1 = metaTo(TEST_SECRETS.MESSENGER_PAGE_TOKEN).length;
    await postMessengerWebhook(server.url, pageText(PAGE2.id, "8002", "2"));
    await postMessengerWebhook(server.url, pageText(TEST_SECRETS.MESSENGER_PAGE_ID, "8001", "2"));
    await eventually(async () => (await db().channelState.findUnique({ where: { channel: `messenger-${PAGE2.id}` } }))?.pausedUntil);
    await eventually(async () => metaTo(TEST_SECRETS.MESSENGER_PAGE_TOKEN).length > page1);
    expect((await db().channelState.findUnique({ where: { channel: "messenger" } }))?.pausedUntil ?? null).toBeNull();
    const row = await db().channelAccount.findFirstOrThrow({ where: { externalId: PAGE2.id } });
    expect((await admin.get("/staff/accounts")).text).toContain("Dừng gửi do lỗi xác thực");
    const fresh = "page2-token-renewed-0123456789";
    meta.acceptAlso(fresh);
    await admin.get(`/staff/accounts/${row.id}`);
    expect((await admin.post(`/staff/accounts/${row.id}/reauth`, { page_token: fresh })).status).toBe(303);
    await eventually(async () => metaTo(fresh).length > 0);
    const state = await db().channelState.findUniqueOrThrow({ where: { channel: `messenger-${PAGE2.id}` } });
    expect(state.accessToken).toMatch(/^sealed:v1:/); // the renewed token is sealed too
    expect(state.pausedUntil).toBeNull();
  });

  it("a Zalo OA re-authorised by OAuth code gets a fresh token pair from the platform", async () => {
    const row = await db().channelAccount.findFirstOrThrow({ where: { externalId: OA2.id } });
    await admin.get(`/staff/accounts/${row.id}`);
    const wrong = await admin.post(`/staff/accounts/${row.id}/reauth`, { oauth_code: "not-a-code" });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain("nền tảng từ chối");
    expect((await admin.post(`/staff/accounts/${row.id}/reauth`, { oauth_code: "oa2-consent-code", code_verifier: "v" })).status).toBe(303);
    const state = await db().channelState.findUniqueOrThrow({ where: { channel: `zalo-${OA2.id}` } });
    expect(state.accessToken).toMatch(/^sealed:v1:/);
    const reauth = await db().auditLog.findMany({ where: { action: "account.reauthorise", objectId: String(row.id) } });
    expect(reauth.map((a) => a.detail)).toEqual(["outcome=refused fields=oauth_code", "outcome=ok fields=oauth_code+code_verifier"]);
  });

  it("a test message goes only to someone inside the account's free window", async () => {
    const row = await db().channelAccount.findFirstOrThrow({ where: { externalId: OA2.id } });
    await admin.get(`/staff/accounts/${row.id}`);
    const never = await admin.post(`/staff/accounts/${row.id}/test`, { user_id: "4040404" });
    expect(never.status).toBe(400);
    expect(never.text).toContain("chưa nhắn tài khoản này");
    expect((await admin.post(`/staff/accounts/${row.id}/test`, { user_id: "7002" })).status).toBe(303);
    await eventually(async () => zalo.sentTexts("7002").some((x) => x === "Tin thử từ Chung Tay: tài khoản Hội LHPN tỉnh Lai Châu đang gửi được tin."));
  });

  it("staff of one province never see another's conversations, even by id", async () => {
    const lc = await makeStaff(db(), { role: "province_staff", areaCode: "12" });
    const db2 = await makeStaff(db(), { role: "province_staff", areaCode: "11" });
    const laiChau = new StaffClient(server.url);
    await laiChau.login(lc.email);
    const dienBien = new StaffClient(server.url);
    await dienBien.login(db2.email);
    // A danger message on the Lai Châu OA: flagged, in Lai Châu's queue only.
    await postZaloWebhook(server.url, zaloText(OA2.id, "7002", "cứu em với"), "valid", { appId: TEST_SECRETS.ZALO_APP_ID, oaSecretKey: OA2.secret });
    const conv = await db().conversation.findUniqueOrThrow({ where: { channel_userId: { channel: `zalo-${OA2.id}`, userId: "7002" } } });
    const flag = await eventually(() => db().handover.findFirst({ where: { conversationId: conv.id, reason: "danger" } }));
    expect((await laiChau.get("/staff/handover")).text).toContain(`/staff/handover/${flag.id}"`);
    expect((await dienBien.get("/staff/handover")).text).not.toContain(`/staff/handover/${flag.id}"`);
    expect((await dienBien.get(`/staff/handover/${flag.id}`)).status).toBe(404);
    expect((await laiChau.get(`/staff/handover/${flag.id}`)).status).toBe(200);
    // Accounts are the centre's to manage.
    expect((await laiChau.get("/staff/accounts")).status).toBe(404);
  });
});
