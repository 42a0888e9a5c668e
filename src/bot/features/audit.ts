import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml, formatRupiah, formatWib } from "../../format.js";
import type { AuditRow } from "../../operations/audit.js";
import type { BotContext } from "../context.js";
import { editOrReply } from "../cosmetic.js";

/** Admins only (installed behind isAdmin): the latest rows of the audit log, newest first. */
export const auditFeature = new Composer<BotContext>();
const privateChats = auditFeature.chatType("private");

const PAGE_SIZE = 10;
/** Reasons are the admins' own; other operations may write longer ones than /koreksi allows. */
const MAX_SHOWN_REASON = 300;
/** Values of these fields are rupiah. */
const RUPIAH_FIELDS = new Set(["balance", "amount"]);

type Translate = BotContext["t"];

const data = { page: (page: number) => `aud:p:${page}` };

function shownValue(field: string, value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "number" && RUPIAH_FIELDS.has(field)) return formatRupiah(value);
  return escapeHtml(typeof value === "string" ? value : JSON.stringify(value));
}

/** "saldo: Rp0 → Rp50.000" for every field the row's before or after names. */
function changes(t: Translate, row: AuditRow): string[] {
  const before = row.before ?? {};
  const after = row.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.map((field) =>
    t("audit-change", { field: t("audit-field", { field }), before: shownValue(field, before[field]), after: shownValue(field, after[field]) }),
  );
}

function renderRow(t: Translate, row: AuditRow): string {
  const who = row.actorId === null ? t("audit-system") : t("audit-actor", { name: escapeHtml(row.actorName ?? ""), id: String(row.actorId) });
  // Fluent variant keys cannot hold dots: "adjustment.credit" is selected as "adjustment-credit".
  const action = t("audit-action", { action: row.action.replaceAll(".", "-"), raw: escapeHtml(row.action) });
  const object = row.objectType ? t("audit-object", { type: row.objectType, id: escapeHtml(row.objectId ?? "") }) : "";
  const lines = [t("audit-row", { at: formatWib(row.at), who, action, object })];
  if (row.reason) lines.push(t("audit-reason", { reason: escapeHtml(row.reason.slice(0, MAX_SHOWN_REASON)) }));
  lines.push(...changes(t, row));
  return lines.join("\n");
}

async function showAudit(ctx: BotContext, page: number, edit: boolean): Promise<void> {
  const { rows, hasNext } = await ctx.services.auditLog.page(page, PAGE_SIZE);
  if (rows.length === 0 && page > 0) {
    await ctx.answerCallbackQuery({ text: ctx.t("stale-button") });
    return;
  }
  if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  if (rows.length === 0) {
    await ctx.reply(ctx.t("audit-empty"));
    return;
  }
  const keyboard = new InlineKeyboard();
  if (page > 0) keyboard.text(ctx.t("audit-newer"), data.page(page - 1));
  if (hasNext) keyboard.text(ctx.t("audit-older"), data.page(page + 1));
  const text = [ctx.t("audit-title", { page: page + 1 }), ...rows.map((row) => renderRow(ctx.t, row))].join("\n\n");
  const other = { parse_mode: "HTML" as const, reply_markup: keyboard };
  if (edit) await editOrReply(ctx, text, other);
  else await ctx.reply(text, other);
}

privateChats.command("audit", (ctx) => showAudit(ctx, 0, false));

/** The page number is user input: bounded by the pattern, and a page past the end is answered as stale. */
privateChats.callbackQuery(/^aud:p:(\d{1,6})$/, (ctx) => showAudit(ctx, Number(ctx.match[1]), true));
