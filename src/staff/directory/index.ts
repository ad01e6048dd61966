// The directory section of the staff console: trusted addresses (/staff/directory…, with CSV
// import) and communication teams (/staff/teams…), all limited to the staff member's area.
import { Router } from "express";
import type { StaffContext } from "../context.js";
import { addressRoutes } from "./address-routes.js";
import { importRoutes } from "./import-routes.js";
import { teamRoutes } from "./team-routes.js";

export function directoryRouter(ctx: StaffContext): Router {
  const r = Router();
  r.use(importRoutes(ctx));
  r.use(addressRoutes(ctx));
  r.use(teamRoutes(ctx));
  return r;
}
