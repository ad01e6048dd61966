// Which OA a Zalo webhook body is for (docs/reference/platforms/zalo.md §2.2): follow/unfollow
// and management events carry a top-level `oa_id`; in a person's message the OA is
// `recipient.id`; in what the OA sent (oa_send_*, seen/received receipts) it is `sender.id`.
// Read before the signature is checked, to pick whose secret checks it.
const FROM_OA = /^(oa_send_|user_seen_message$|user_received_message$)/;

export function zaloAccountsIn(json: unknown): string[] {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return [];
  const body = json as { oa_id?: unknown; event_name?: unknown; sender?: { id?: unknown }; recipient?: { id?: unknown } };
  const id = (v: unknown) => (typeof v === "string" && v !== "" ? v : typeof v === "number" && Number.isSafeInteger(v) ? String(v) : undefined);
  const top = id(body.oa_id);
  if (top) return [top];
  const name = typeof body.event_name === "string" ? body.event_name : "";
  const oa = FROM_OA.test(name) ? id(body.sender?.id) : id(body.recipient?.id);
  return oa ? [oa] : [];
}
