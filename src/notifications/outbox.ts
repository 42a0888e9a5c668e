import type { MerchantRow, TopupRow } from "../../db/rows.js";
import type { Stores } from "../../db/stores.js";

export type { OutboxMessage } from "../../db/stores.js";
export type { OutboxRow } from "../../db/rows.js";

/**
 * Announces a change of a top-up to its merchant; call it with the stores of the transaction that makes the
 * change. One row per (top-up, event): announcing the same thing again is ignored. `merchant` saves a read when
 * the caller has it already (a credit reads it for the invoice too).
 */
export async function announceTopup(
  stores: Stores,
  topup: TopupRow,
  event: "succeeded" | "failed" | "expired" | "cancelled",
  extra: Record<string, unknown>,
  now: Date,
  merchant?: Pick<MerchantRow, "chatId">,
): Promise<void> {
  const to = merchant ?? (await stores.merchants.byId(topup.merchantId));
  if (!to) return;
  await stores.outbox.enqueue(
    { dedupeKey: `topup:${topup.id}:${event}`, chatId: to.chatId, kind: `topup.${event}`, payload: { topupId: topup.id, ...extra } },
    now,
  );
}

/** A button of a notice: a text key of locales/ and either callback data or a URL. */
export type NoticeButton = { textKey: string; vars?: Record<string, string | number> } & ({ data: string } | { url: string });

/** A message rendered from locales/ in the recipient's language when it is sent (merchant or admin). */
export interface Notice {
  /** Identifies the event: the same notice enqueued twice is sent once. */
  dedupeKey: string;
  chatId: number;
  key: string;
  /** Already formatted values (rupiah, WIB times): the recipient's language only picks the sentence. */
  vars?: Record<string, string | number>;
  /** Rows of buttons. */
  buttons?: NoticeButton[][];
}

/** Enqueues a notice; call it with the stores of the transaction that makes the change it announces. */
export async function enqueueNotice(stores: Stores, notice: Notice, now: Date): Promise<void> {
  const { dedupeKey, chatId, ...payload } = notice;
  await stores.outbox.enqueue({ dedupeKey, chatId, kind: "notice", payload: { ...payload } }, now);
}
