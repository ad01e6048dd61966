// Placeholder: the section's author replaces this file.
import { Router } from "express";
import type { StaffContext } from "../context.js";

export function directoryRouter(_ctx: StaffContext): Router {
  return Router();
}
