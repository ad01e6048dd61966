// Tin's send API on 127.0.0.1: checks the bearer token, records what it accepted.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export class FakeTin {
  readonly sent: { to: string; text: string }[] = [];
  private server: Server | null = null;
  constructor(private readonly token: string) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        if (req.headers.authorization !== `Bearer ${this.token}`) {
          res.writeHead(401).end();
          return;
        }
        this.sent.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as { to: string; text: string });
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: randomBytes(6).toString("hex") }));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  textsTo(user: string): string[] {
    return this.sent.filter((m) => m.to === user).map((m) => m.text);
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
