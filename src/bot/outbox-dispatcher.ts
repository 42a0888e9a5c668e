import type { I18n } from "@grammyjs/i18n";
import { GrammyError, HttpError, InlineKeyboard, type Api, type Context } from "grammy";
import { formatRupiah } from "../format.js";
import { languageOf } from "../merchants/merchant-service.js";
import type { Notice, OutboxRow } from "../notifications/outbox.js";
import type { Pacer, Slot } from "../telegram/pacer.js";
import { openUndeliverable } from "../operations/exception-events.js";
import { methodOfChannel } from "../payments/methods.js";
import type { Topup } from "../payments/topup-service.js";
import type { Services } from "../services.js";
import { callbacks, retryButton } from "./keyboards.js";
import { noticeKeyboard } from "./notice-keyboard.js";
import type { CosmeticFailureReport } from "./cosmetic.js";
import { failureReason, methodLabel } from "./payment-text.js";
import { replacePrompt } from "./prompt-replacement.js";

/**
 * Sends in flight at once (rendered, waiting for the bot's limit, on the wire or being marked): about a second's worth at
 * the limit, so a slow Telegram does not cap the rate, and one hanging call holds back no other chat.
 */
const MAX_IN_FLIGHT = 30;
/** The timeout of the dispatcher's Api: Telegram's answer to one send is waited for this long (grammY's default: 500 s). */
export const SEND_TIMEOUT_SECONDS = 10;
/**
 * How long a claimed row is ours: longer than its work (two reads, a wait for the bot's limit of at most
 * LIMIT_WAIT_MS, a send cut off after SEND_TIMEOUT_SECONDS, one or two writes), so no other instance sends it
 * meanwhile. A row whose instance died is sent by another after this.
 */
const CLAIM_MS = 60_000;
/**
 * The longest a claimed notification waits for the bot's limit: replies hung at Telegram can hold its slots for
 * minutes (their Api waits long), and one sent after its claim ran out might be sent by another instance too. It is
 * handed back for a later pass instead.
 */
const LIMIT_WAIT_MS = 20_000;
/**
 * Retries during an outage stay this close together, so that after it ends a notification waits at most this
 * long plus one poll interval (1 s): under 5 s.
 */
const MAX_BACKOFF_MS = 4_000;

interface Rendered {
  text: string;
  keyboard?: InlineKeyboard;
  /** Once the notice is sent: the top-up's old QR, account or checkout message is replaced (prompt-replacement.ts). */
  ended?: { topup: Topup; t: Translate };
}

type Translate = (key: string, vars?: Record<string, string | number>) => string;

export interface DispatcherOptions {
  /** First retry delay after a network error or 5xx; doubles per attempt up to MAX_BACKOFF_MS. */
  retryBaseMs: number;
  /**
   * The bot's budget at Telegram, shared with broadcast copies: each send takes a slot, counted until a second after
   * its answer (so arrivals, not only departures, keep within it).
   */
  botLimit: Pacer;
  /** Runs the dispatcher's loop again: a send ended, so there is room, and its chat's next row may be due. */
  wake: () => void;
}

export interface Dispatcher {
  /** One pass: claims what is due (as much as there is room for) and starts sending it; true when more may be due. */
  dispatchDue(): Promise<boolean>;
  /** Notifications claimed and waiting for their turn at the limit: broadcast copies wait for them. */
  waiting(): boolean;
  /** Resolves once every send started has ended and its outcome was written (or kept for a later pass). */
  drain(): Promise<void>;
}

/**
 * The text of a top-up that ended unpaid: cancelled (ours, or the gateway's CANCELED), run out unpaid as far as we
 * know, or anything else: a gateway we could not get an answer from.
 */
function endedKey(kind: "topup.expired" | "topup.cancelled", failureCode: string | null): string {
  if (kind === "topup.cancelled" || failureCode === "CANCELLED") return "payment-cancelled";
  return failureCode === "EXPIRED" ? "payment-expired" : "payment-unconfirmed";
}

/**
 * Sends the outbox to Telegram: different chats side by side within the bot's limit, a chat's messages one at a
 * time and in order (OutboxStore.claimDue). A message is marked sent only after Telegram accepted it, the marks of
 * sends that end together in one write; transient failures wait (429's retry_after, else exponential backoff) and
 * are retried for as long as it takes.
 */
export function createDispatcher(api: Api, i18n: I18n<Context>, services: Services, options: DispatcherOptions): Dispatcher {
  const { clock, logger } = services;
  const outbox = services.database.stores.outbox;
  // Accepted by Telegram, but the database refused the "sent" (disk full, locked): written later, never sent again.
  const unrecorded = new Map<number, Date>();
  const inFlight = new Set<Promise<void>>();
  /** Sends accepted since the last write of marks, and what each waits for. */
  const accepted: { id: number; written: () => void }[] = [];
  let waitingForSlot = 0;
  /** A 429 is Telegram's answer for the whole bot: nothing else is sent before then (clock ms). */
  let pausedUntil = -Infinity;
  let pauseReason = "";

  async function deliver(row: OutboxRow): Promise<void> {
    const sentAt = unrecorded.get(row.id);
    if (sentAt) return recordSent([row.id], sentAt);
    const rendered = await render(row);
    if (!rendered) {
      await markDead(row, `no renderer for ${row.kind}`);
      return;
    }
    const slot = await turn();
    if (!slot) {
      await outbox.markRetry(row, clock.now(), "waited too long for the bot's limit");
      return;
    }
    if (clock.now().getTime() < pausedUntil) {
      slot.refund();
      await outbox.markRetry(row, new Date(pausedUntil), pauseReason);
      return;
    }
    try {
      await api.sendMessage(row.chatId, rendered.text, { parse_mode: "HTML", reply_markup: rendered.keyboard });
    } catch (error) {
      slot.answered();
      await handleFailure(row, error);
      return;
    }
    slot.answered();
    if (rendered.ended) replaceEndedPrompt(row.chatId, rendered.ended);
    await markAccepted(row.id);
  }

  async function turn(): Promise<Slot | undefined> {
    waitingForSlot++;
    try {
      return await options.botLimit.take(AbortSignal.timeout(LIMIT_WAIT_MS));
    } finally {
      waitingForSlot--;
    }
  }

  /** Resolves once the mark is written or kept in `unrecorded`; the sends that end meanwhile share its write. */
  function markAccepted(id: number): Promise<void> {
    return new Promise((written) => {
      accepted.push({ id, written });
      if (accepted.length === 1) setImmediate(() => void writeAccepted());
    });
  }

  async function writeAccepted(): Promise<void> {
    const batch = accepted.splice(0);
    const ids = batch.map((entry) => entry.id);
    const now = clock.now();
    for (const id of ids) unrecorded.set(id, now);
    await recordSent(ids, now).catch((error: unknown) => logger.error({ err: error, outboxIds: ids }, "notification not recorded; will retry"));
    for (const entry of batch) entry.written();
  }

  /** Not awaited: a slow or hanging Telegram must not hold back the next notices for a cosmetic edit. */
  function replaceEndedPrompt(chatId: number, { topup, t }: NonNullable<Rendered["ended"]>): void {
    const report: CosmeticFailureReport = (method, failure) => logger.warn({ method, topupId: topup.id, ...failure }, "cosmetic Bot API call failed");
    replacePrompt(api, t, topup, chatId, report).catch((error: unknown) => logger.warn({ err: error, topupId: topup.id }, "prompt not replaced"));
  }

  async function recordSent(ids: number[], sentAt: Date): Promise<void> {
    await outbox.markSent(ids, sentAt);
    for (const id of ids) unrecorded.delete(id);
  }

  async function handleFailure(row: OutboxRow, error: unknown): Promise<void> {
    const now = clock.now().getTime();
    if (error instanceof GrammyError && error.error_code === 429) {
      const waitMs = (error.parameters.retry_after ?? 1) * 1000;
      pausedUntil = Math.max(pausedUntil, now + waitMs);
      pauseReason = error.description;
      await outbox.markRetry(row, new Date(now + waitMs), error.description);
    } else if (error instanceof GrammyError && error.error_code < 500) {
      if (error.error_code === 403) await services.merchants.markBlocked(row.chatId);
      logger.warn({ outboxId: row.id, code: error.error_code, description: error.description }, "notification undeliverable");
      await markDead(row, error.description);
    } else {
      const delay = Math.min(options.retryBaseMs * 2 ** row.attempts, MAX_BACKOFF_MS);
      const reason = error instanceof GrammyError ? error.description : error instanceof HttpError ? error.message : String(error);
      logger.warn({ outboxId: row.id, attempts: row.attempts + 1, retryInMs: delay, reason }, "notification delayed");
      await outbox.markRetry(row, new Date(now + delay), reason);
    }
  }

  /**
   * A merchant's notification given up on is an exception for the operators, opened with the dead row. One to an
   * admin is not: it is itself an operators' report or alert, and the admins' chat is where it could not go.
   */
  async function markDead(row: OutboxRow, error: string): Promise<void> {
    await services.database.transaction(async (stores) => {
      await stores.outbox.markDead(row, error);
      if (!services.config.adminIds.includes(row.chatId)) await openUndeliverable(stores, row, error, clock.now());
    });
  }

  async function render(row: OutboxRow): Promise<Rendered | undefined> {
    return row.kind === "notice" ? renderNotice(row) : renderTopup(row);
  }

  /** A private chat's id is its user's id: an admin who never wrote to the bot gets Bahasa Indonesia. */
  async function renderNotice(row: OutboxRow): Promise<Rendered> {
    const { key, vars, buttons } = row.payload as Pick<Notice, "key" | "vars" | "buttons">;
    const locale = languageOf(await services.merchants.get(row.chatId));
    const t = (textKey: string, values?: Record<string, string | number>) => i18n.t(locale, textKey, values);
    if (!buttons?.length) return { text: t(key, vars) };
    return { text: t(key, vars), keyboard: noticeKeyboard(t, buttons) };
  }

  async function renderTopup(row: OutboxRow): Promise<Rendered | undefined> {
    const topup = await services.topups.get(Number(row.payload.topupId));
    const merchant = topup && (await services.merchants.get(topup.merchantId));
    if (!topup || !merchant) return undefined;
    const locale = languageOf(merchant);
    const t: Translate = (key, vars) => i18n.t(locale, key, vars);
    const method = methodOfChannel(topup.channelCode);
    const vars = { amount: formatRupiah(topup.amount), method: methodLabel(t, topup), flow: method.flow, name: method.name };
    const ended = { topup, t };
    const reason = () => failureReason(t, topup.failureCode, method);
    switch (row.kind) {
      case "topup.succeeded": {
        // An operator may have credited what the gateway captured instead of the amount asked for.
        const credited = typeof row.payload.amount === "number" ? { amount: formatRupiah(row.payload.amount) } : {};
        const lines = [t("payment-succeeded", { ...vars, ...credited, balance: formatRupiah(Number(row.payload.balanceAfter)), reference: topup.referenceId })];
        if (row.payload.late) lines.push(t("payment-succeeded-late"));
        const keyboard = new InlineKeyboard().text(t("invoice-button"), callbacks.invoice(topup.id)).text(t("menu-balance"), callbacks.menu("balance"));
        // "Top up lagi" repeats this one (the bot's rp: handler), while its method is still offered.
        if (services.methods.isEnabled(method.id)) keyboard.row().text(t("payment-repeat-button"), callbacks.repeat(topup.id));
        return { text: lines.join("\n"), keyboard, ended };
      }
      case "topup.failed":
        return { text: t("payment-failed", { ...vars, reason: reason() }), keyboard: retryButton(t, topup.id), ended };
      case "topup.expired":
      case "topup.cancelled":
        return { text: t(endedKey(row.kind, topup.failureCode), { ...vars, reason: reason() }), keyboard: retryButton(t, topup.id), ended };
      default:
        return undefined;
    }
  }

  /**
   * Rows Telegram accepted whose "sent" the database refused: recorded first, in one write per failed one. Their
   * claim is still held, so no other pass sends them meanwhile; once it runs out, deliver() still records them
   * instead of sending.
   */
  async function recordUnrecorded(): Promise<void> {
    const bySentAt = new Map<number, number[]>();
    for (const [id, sentAt] of unrecorded) bySentAt.set(sentAt.getTime(), [...(bySentAt.get(sentAt.getTime()) ?? []), id]);
    for (const [sentAt, ids] of bySentAt) {
      await recordSent(ids, new Date(sentAt)).catch((error: unknown) => logger.error({ err: error, outboxIds: ids }, "notification not recorded; will retry"));
    }
  }

  /** The set holds the promise that also removes it; one row the database refuses must not hold back the others. */
  function track(row: OutboxRow): void {
    const work = deliver(row)
      .catch((error: unknown) => logger.error({ err: error, outboxId: row.id }, "notification not recorded; will retry"))
      .finally(() => {
        inFlight.delete(work);
        options.wake();
      });
    inFlight.add(work);
  }

  return {
    async dispatchDue() {
      await recordUnrecorded();
      const now = clock.now();
      const room = MAX_IN_FLIGHT - inFlight.size;
      // Paused by a 429, or full: the loop is woken when a send ends (or runs at its interval while paused).
      if (now.getTime() < pausedUntil || room <= 0) return false;
      const rows = await outbox.claimDue(now, new Date(now.getTime() + CLAIM_MS), room);
      for (const row of rows) track(row);
      return rows.length === room;
    },
    waiting: () => waitingForSlot > 0,
    async drain() {
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
  };
}
