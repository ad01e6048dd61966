// Invite codes a team leader types on a cheap phone ("DK 4821"). Short, digits only, and
// never something that could be mistaken for another number the leader deals with:
// - no leading 0 (reads as a phone number; some keyboards and forms drop it);
// - no leading 1 and no 111–119 anywhere (hotlines 111 child protection, 112, 113 police,
//   114 fire, 115 ambulance; 1800/1900 service numbers);
// - nothing that reads as a date (DDMM, DDMMYY, a year 19xx/20xx): session dates are typed
//   in the same chat ("BC 12/6 …") and a date-like code invites mix-ups;
// - no run of one digit or a straight sequence (1234, 9876): the first codes anyone guesses.
import { randomInt } from "node:crypto";

export type CodeLength = 4 | 5 | 6;

export function generateInviteCode(digits: CodeLength = 4): string {
  for (;;) {
    const first = String(randomInt(2, 10));
    let code = first;
    while (code.length < digits) code += String(randomInt(0, 10));
    if (isAcceptableCode(code)) return code;
  }
}

export function isAcceptableCode(code: string): boolean {
  if (!/^\d{4,6}$/.test(code)) return false;
  if (code.startsWith("0") || code.startsWith("1")) return false;
  if (/11[1-9]/.test(code)) return false;
  if (looksLikeDate(code)) return false;
  if (/^(\d)\1+$/.test(code)) return false;
  return !isStraightRun(code);
}

function validDayMonth(day: number, month: number): boolean {
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

export function looksLikeDate(code: string): boolean {
  const n = (from: number, to: number) => Number(code.slice(from, to));
  if (code.length === 4) return /^(19|20)\d\d$/.test(code) || validDayMonth(n(0, 2), n(2, 4));
  // D/MM/YY or DD/M/YY, as people type dates without leading zeros.
  if (code.length === 5) return validDayMonth(n(0, 1), n(1, 3)) || validDayMonth(n(0, 2), n(2, 3));
  // DDMMYY, MMYYYY, DMYYYY, YYYYMM.
  const yearAfter = (i: number) => /^(19|20)/.test(code.slice(i));
  return (
    validDayMonth(n(0, 2), n(2, 4)) ||
    (n(0, 2) >= 1 && n(0, 2) <= 12 && yearAfter(2)) ||
    (validDayMonth(n(0, 1), n(1, 2)) && yearAfter(2)) ||
    yearAfter(0)
  );
}

function isStraightRun(code: string): boolean {
  const steps = new Set<number>();
  for (let i = 1; i < code.length; i++) steps.add(Number(code[i]) - Number(code[i - 1]));
  return steps.size === 1 && (steps.has(1) || steps.has(-1));
}
