// The simulator: a chat page for demos and manual tests, plus fake Zalo and Graph APIs on
// the same server. Mounted only in simulator mode (SIMULATOR=1, the default without platform
// tokens), where the server points ZALO_API_BASE / ZALO_OAUTH_BASE / GRAPH_API_BASE here.
import { readFileSync } from "node:fs";
import type { Express } from "express";
import { Router } from "express";
import { log } from "../log.js";
import type { RunningServer } from "../server.js";
import { simulatorApi } from "./api.js";
import { fakeMessengerHandler } from "./fake-messenger.js";
import { fakeZaloHandler } from "./fake-zalo.js";
import { pageLanguage, renderPage } from "./page.js";
import { Transcript } from "./transcript.js";

export type SimulatorParts = Pick<RunningServer, "url" | "config" | "database">;

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), "utf8");

// Same-origin only: the page loads its own script and style and talks to its own API.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export function mountSimulator(app: Express, running: SimulatorParts): void {
  if (!running.config.simulator) return;
  const transcript = new Transcript(running.database.db);
  const zalo = fakeZaloHandler(running.config, transcript);
  app.use("/simulator/fake/zalo", zalo);
  app.use("/simulator/fake/zalo-oauth", zalo);
  app.use("/simulator/fake/graph", fakeMessengerHandler(running.config, transcript));
  app.use("/simulator/api", simulatorApi(running.config, running.url, transcript));
  app.use("/simulator", pageRouter());
  log.info("simulator mounted", { path: "/simulator" });
}

function pageRouter(): Router {
  const router = Router();
  const assets: Record<string, { type: string; body: string }> = {
    "chat.js": { type: "text/javascript; charset=utf-8", body: asset("chat.js") },
    "chat.css": { type: "text/css; charset=utf-8", body: asset("chat.css") },
  };
  router.get("/", (req, res) => {
    res.setHeader("content-security-policy", CSP);
    res.setHeader("cache-control", "no-store");
    res.type("html").send(renderPage(pageLanguage(req.query.lang)));
  });
  router.get("/assets/:name", (req, res, next) => {
    const found = assets[req.params.name];
    if (!found) return next();
    res.setHeader("cache-control", "no-cache");
    res.type(found.type).send(found.body);
  });
  return router;
}
