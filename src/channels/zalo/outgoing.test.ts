// The outgoing cases, testdata/outgoing.json, in the manner of nyaruka/courier's send tests:
// each row is an OutboundMessage and the platform calls it must become, body for body.
// A deliberate change to the renderer updates the table in the same commit.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { RenderedPart } from "../../core/channel.js";
import type { OutboundMessage } from "../../core/messages.js";
import { renderZalo } from "./render.js";

interface Row {
  name: string;
  message: OutboundMessage;
  parts: RenderedPart[];
}

const table = JSON.parse(readFileSync(new URL("./testdata/outgoing.json", import.meta.url), "utf8")) as Row[];

describe("renderZalo over testdata/outgoing.json", () => {
  it.each(table.map((row) => [row.name, row] as const))("%s", (_name, row) => {
    expect(renderZalo(row.message)).toEqual(row.parts);
  });
});
