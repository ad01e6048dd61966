// Everything the help flows read, gathered once so tests can hand in their own
// directory (e.g. a verified trusted address) and the bot never reloads files per message.
// Trusted addresses are a function: the server hands in the database-backed cache, so staff
// changes in the console reach the bot without a restart.
import { defaultAreas, type AreaDirectory } from "../../areas/index.js";
import { emergencyHotlines, shippedHotlines, type Hotline } from "../../content/hotlines.js";
import { defaultTopics, type Topic } from "../../content/topics.js";
import { defaultTrustedAddresses, type TrustedAddress } from "../../addresses/trusted-addresses.js";

export interface HelpContent {
  hotlines: Hotline[];
  emergency: Hotline[];
  topics: Topic[];
  addresses: () => TrustedAddress[];
  areas: AreaDirectory;
  /** Offer sample (test) trusted addresses and villages: DEMO=1 and the simulator only. */
  includeSample: boolean;
  /** A shared location is never answered with an address further than this (straight line). */
  nearestMaxKm: number;
  retentionDays: number;
}

export function defaultHelpContent(opts: { retentionDays: number; includeSample?: boolean; nearestMaxKm?: number; addresses?: () => TrustedAddress[] }): HelpContent {
  const hotlines = shippedHotlines();
  return {
    hotlines,
    emergency: emergencyHotlines(hotlines),
    topics: [...defaultTopics()].sort((a, b) => a.order - b.order),
    addresses: opts.addresses ?? defaultTrustedAddresses,
    areas: defaultAreas(),
    includeSample: opts.includeSample ?? false,
    nearestMaxKm: opts.nearestMaxKm ?? 60,
    retentionDays: opts.retentionDays,
  };
}
