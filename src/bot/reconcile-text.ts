import { formatRupiah, formatWib } from "../format.js";
import type { Notice, NoticeButton } from "../notifications/outbox.js";
import type { FoundDifference, ReconciliationReport } from "../operations/reconciliation.js";
import { escapeHtml } from "./i18n.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** Differences listed in the chat, each with its button; /masalah has them all. */
export const SHOWN_DIFFERENCES = 10;
const BUTTONS_PER_ROW = 2;

/** "2026-11-25" → "25/11/2026", as the chat shows dates. */
export function dayText(label: string): string {
  const [year, month, day] = label.split("-");
  return `${day}/${month}/${year}`;
}

/**
 * The report of a run as a notice (the daily run enqueues it for each admin) or a reply (/rekonsiliasi): the lines
 * of differences are rendered with `t`, the admin's language, and every value is formatted already.
 */
export function reconcileReport(t: Translate, report: ReconciliationReport): Pick<Notice, "key" | "vars" | "buttons"> {
  const shown = report.differences.slice(0, SHOWN_DIFFERENCES);
  const buttons = shown.flatMap((found, index): NoticeButton[] =>
    found.exceptionId === undefined ? [] : [{ textKey: "reconcile-open", vars: { n: index + 1 }, data: `exc:${found.exceptionId}` }],
  );
  return {
    key: "reconcile-report",
    vars: {
      day: dayText(report.day.label),
      from: formatWib(report.day.from),
      to: formatWib(report.upTo),
      total: report.total,
      summary: summary(t, report, shown),
      unverifiable: report.unverifiable,
      notChecked: report.notChecked,
    },
    buttons: rows(buttons),
  };
}

function summary(t: Translate, report: ReconciliationReport, shown: FoundDifference[]): string {
  const matched = { count: report.matched.count, amount: formatRupiah(report.matched.amount) };
  const everything = report.differences.length === 0 && report.notChecked === 0 && report.unverifiable === 0;
  if (everything) return t("reconcile-all-matched", matched);
  const lines = [t("reconcile-matched", matched)];
  if (report.differences.length === 0) return lines.join("\n");
  lines.push(t("reconcile-differences", { count: report.differences.length }));
  shown.forEach((found, index) => lines.push(differenceLine(t, found, index + 1)));
  const more = report.differences.length - shown.length;
  if (more > 0) lines.push(t("reconcile-more", { count: more }));
  return lines.join("\n");
}

function differenceLine(t: Translate, { difference, topup, charge, merchantName, exceptionId }: FoundDifference, n: number): string {
  return t("reconcile-difference", {
    n,
    kind: t(`reconcile-kind-${difference}`),
    reference: topup.referenceId,
    merchant: escapeHtml(merchantName),
    ours: `${t(`status-${topup.status}`)} ${formatRupiah(topup.amount)}`,
    theirs: `${charge.status} ${formatRupiah(charge.amount)}`,
    resolved: exceptionId === undefined ? ` ${t("reconcile-resolved")}` : "",
  });
}

function rows(buttons: NoticeButton[]): NoticeButton[][] {
  const result: NoticeButton[][] = [];
  for (let i = 0; i < buttons.length; i += BUTTONS_PER_ROW) result.push(buttons.slice(i, i + BUTTONS_PER_ROW));
  return result;
}
