// The simulator's Zalo: the channel folder's fake (channels/zalo/fake.ts), mounted on the
// bot's own server under ZALO_API_BASE and ZALO_OAUTH_BASE, so the real channel code runs
// unchanged; every reply it accepts is shown on the simulator page.
import type { IncomingMessage, ServerResponse } from "node:http";
import { zaloSettings } from "../channels/zalo/config.js";
import { FakeZalo } from "../channels/zalo/fake.js";
import type { Config } from "../config.js";
import { zaloReply } from "./replies.js";
import type { Transcript } from "./transcript.js";
import { errorFields, log } from "../log.js";

/** One handler for both bases (the fake tells the endpoints apart by path). */
export function fakeZaloHandler(config: Config, transcript: Transcript): (req: IncomingMessage, res: ServerResponse) => void {
  const s = zaloSettings(config);
  const fake = new FakeZalo({
    accessToken: s.ZALO_ACCESS_TOKEN ?? "",
    refreshToken: s.ZALO_REFRESH_TOKEN ?? "",
    appId: s.ZALO_APP_ID ?? "",
    appSecret: s.ZALO_APP_SECRET ?? "",
    // Tokens rotated into the database before a restart keep working after it.
    restartTolerant: true,
    maxRecorded: 200,
    onAccepted: (body) => {
      const reply = zaloReply(body);
      if (reply) void transcript.add("zalo", reply.userId, reply.entry).catch((err) => log.error("simulator: reply not recorded", errorFields(err)));
    },
  });
  return (req, res) => void fake.handle(req, res);
}
