import { InlineKeyboard } from "grammy";
import type { BroadcastAudience } from "../../db/rows.js";
import type { BroadcastSummary } from "../broadcast/broadcast-service.js";
import type { Progress } from "../broadcast/worker.js";
import { formatWib } from "../format.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

const BAR_CELLS = 10;

export const broadcastCallbacks = {
  mute: "bc:mute",
  cancel: (broadcastId: number) => `bc:cancel:${broadcastId}`,
};

/** The opt-out button under every announcement. */
export function muteKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard().text(t("broadcast-mute-button"), broadcastCallbacks.mute);
}

/** ▓▓▓▓▓░░░░░ for 50 %. */
function bar(percent: number): string {
  const filled = Math.min(BAR_CELLS, Math.floor(percent / BAR_CELLS));
  return "▓".repeat(filled) + "░".repeat(BAR_CELLS - filled);
}

function eta(t: Translate, seconds: number | undefined): string {
  if (seconds === undefined) return t("admin-eta-unknown");
  if (seconds < 90) return t("admin-eta-seconds", { seconds: String(seconds) });
  return t("admin-eta-minutes", { minutes: String(Math.round(seconds / 60)) });
}

export function progressText(t: Translate, { broadcast, counts, ratePerSecond, etaSeconds }: Progress): string {
  const remaining = counts.pending + counts.sending;
  const total = broadcast.total;
  const percent = total === 0 ? 100 : Math.floor(((total - remaining) * 100) / total);
  return t("admin-broadcast-progress", {
    id: String(broadcast.id),
    bar: bar(percent),
    percent: String(percent),
    sent: counts.sent,
    failed: counts.failed,
    blocked: counts.blocked,
    remaining,
    rate: ratePerSecond,
    eta: eta(t, etaSeconds),
  });
}

export function progressKeyboard(t: Translate, broadcastId: number): InlineKeyboard {
  return new InlineKeyboard().text(t("admin-cancel-button"), broadcastCallbacks.cancel(broadcastId));
}

export function reportText(t: Translate, { broadcast, counts }: BroadcastSummary): string {
  const id = String(broadcast.id);
  const title = broadcast.status === "cancelled" ? t("admin-broadcast-title-cancelled", { id }) : t("admin-broadcast-title-done", { id });
  return t("admin-broadcast-report", {
    title,
    total: broadcast.total,
    sent: counts.sent,
    failed: counts.failed,
    blocked: counts.blocked,
    skipped: counts.skipped,
  });
}

export function audienceName(t: Translate, audience: BroadcastAudience): string {
  return t(`admin-audience-name-${audience}`);
}

/** One line of /stats. */
export function broadcastLine(t: Translate, { broadcast, counts }: BroadcastSummary): string {
  return t("admin-stats-broadcast", {
    id: String(broadcast.id),
    date: formatWib(broadcast.createdAt),
    audience: audienceName(t, broadcast.audience),
    status: t(`admin-status-${broadcast.status}`),
    sent: counts.sent,
    total: broadcast.total,
    failed: counts.failed,
    blocked: counts.blocked,
  });
}
