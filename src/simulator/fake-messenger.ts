// The simulator's Graph API: the channel folder's fake (channels/messenger/fake.ts), mounted
// on the bot's own server under GRAPH_API_BASE, so the real channel code runs unchanged;
// every reply it accepts is shown on the simulator page.
import type { IncomingMessage, ServerResponse } from "node:http";
import { messengerSettings } from "../channels/messenger/config.js";
import { FakeMeta } from "../channels/messenger/fake.js";
import type { Config } from "../config.js";
import { messengerReply } from "./replies.js";
import type { Transcript } from "./transcript.js";
import { errorFields, log } from "../log.js";

export function fakeMessengerHandler(config: Config, transcript: Transcript): (req: IncomingMessage, res: ServerResponse) => void {
  const fake = new FakeMeta({
    pageToken: messengerSettings(config).MESSENGER_PAGE_TOKEN ?? "",
    maxRecorded: 200,
    onAccepted: (body) => {
      const reply = messengerReply(body);
      if (reply) void transcript.add("messenger", reply.userId, reply.entry).catch((err) => log.error("simulator: reply not recorded", errorFields(err)));
    },
  });
  return (req, res) => void fake.handle(req, res);
}
