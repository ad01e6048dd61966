// The guided session report as one typed state machine (see ../machine.ts).
import type { Flow } from "../machine.js";
import type { ReportDraft } from "./draft.js";
import { FIELD_STEPS } from "./steps.js";
import { duplicateStep, summaryStep } from "./summary.js";

export const REPORT_FLOW_ID = "report";

export function reportFlow(): Flow<ReportDraft> {
  return {
    id: REPORT_FLOW_ID,
    resumeKey: "report:resume",
    start: "date",
    init: () => {
      // A report always starts from entry.ts with the team filled in.
      throw new Error("the report flow starts with a draft");
    },
    steps: { ...FIELD_STEPS, summary: summaryStep, duplicate: duplicateStep },
  };
}
