import { and, desc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/sqlite/client.js";
import { broadcastAudiences, type BroadcastAudience } from "../../db/rows.js";
import { broadcastRecipients, broadcasts, merchants } from "../../db/sqlite/schema.js";
import type { Clock } from "../clock.js";
import { audienceFilter } from "./audience.js";
import { countsOf, type RecipientCounts } from "./recipients.js";

const recipientFilter = (audience: BroadcastAudience, adminId: number) => and(audienceFilter(audience), ne(merchants.id, adminId));

export type Broadcast = typeof broadcasts.$inferSelect;

export interface NewBroadcast {
  adminId: number;
  adminChatId: number;
  /** The admin's message that is copied to everyone. */
  sourceChatId: number;
  sourceMessageId: number;
  audience: BroadcastAudience;
}

export interface BroadcastSummary {
  broadcast: Broadcast;
  counts: RecipientCounts;
}

export interface BroadcastServiceOptions {
  /** Called after a broadcast was created or cancelled, so the worker looks at once. */
  onChange?: () => void;
}

/** Creating, cancelling and reporting broadcasts; delivery itself is the worker's. */
export class BroadcastService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly options: BroadcastServiceOptions = {},
  ) {}

  /**
   * How many merchants each audience reaches right now: blocked and muted merchants are left out, and so is
   * the admin sending it (they see the preview and the report instead).
   */
  audienceCounts(adminId: number): Record<BroadcastAudience, number> {
    const entries = broadcastAudiences.map((audience) => {
      const row = this.db.select({ n: sql<number>`count(*)` }).from(merchants).where(recipientFilter(audience, adminId)).get();
      return [audience, row?.n ?? 0] as const;
    });
    return Object.fromEntries(entries) as Record<BroadcastAudience, number>;
  }

  /**
   * Creates the broadcast and one pending row per recipient in one transaction, so the worker sees all of it
   * or none. The same admin message makes the same broadcast: a confirmation delivered twice creates one.
   */
  create(input: NewBroadcast): Broadcast {
    const now = this.clock.now();
    const created = this.db.transaction((tx) => {
      const existing = tx
        .select()
        .from(broadcasts)
        .where(and(eq(broadcasts.sourceChatId, input.sourceChatId), eq(broadcasts.sourceMessageId, input.sourceMessageId)))
        .get();
      if (existing) return existing;
      const broadcast = tx
        .insert(broadcasts)
        .values({ ...input, status: "running", total: 0, createdAt: now, startedAt: now })
        .returning()
        .get();
      const inserted = tx.run(sql`
        insert into ${broadcastRecipients} (broadcast_id, merchant_id, chat_id, status, attempts)
        select ${broadcast.id}, ${merchants.id}, ${merchants.chatId}, 'pending', 0 from ${merchants}
        where ${recipientFilter(input.audience, input.adminId)}`);
      return tx.update(broadcasts).set({ total: inserted.changes }).where(eq(broadcasts.id, broadcast.id)).returning().get();
    });
    this.options.onChange?.();
    return created;
  }

  /**
   * The admin's status message; it was just written, so the first edit comes a full interval later. False when
   * the broadcast already finished (a small audience can be done before the status message exists): then the
   * report has gone out without it, and the caller takes its Batal button away.
   */
  setProgressMessage(id: number, messageId: number): boolean {
    this.db.update(broadcasts).set({ progressMessageId: messageId, progressAt: this.clock.now() }).where(eq(broadcasts.id, id)).run();
    return this.get(id)?.finishedAt === null;
  }

  get(id: number): Broadcast | undefined {
    return this.db.select().from(broadcasts).where(eq(broadcasts.id, id)).get();
  }

  running(): Broadcast[] {
    return this.db.select().from(broadcasts).where(eq(broadcasts.status, "running")).all();
  }

  /**
   * Stops a running broadcast: recipients not yet sent to are skipped; sends already in flight finish. The
   * worker sends the final report. False when it was not running (finished, or cancelled already).
   */
  cancel(id: number): boolean {
    const cancelled = this.db.transaction((tx) => {
      const changed = tx
        .update(broadcasts)
        .set({ status: "cancelled" })
        .where(and(eq(broadcasts.id, id), eq(broadcasts.status, "running")))
        .run().changes;
      if (changed === 0) return false;
      tx.update(broadcastRecipients)
        .set({ status: "skipped", error: "cancelled" })
        .where(and(eq(broadcastRecipients.broadcastId, id), eq(broadcastRecipients.status, "pending")))
        .run();
      return true;
    });
    if (cancelled) this.options.onChange?.();
    return cancelled;
  }

  summary(id: number): BroadcastSummary | undefined {
    const broadcast = this.get(id);
    return broadcast && { broadcast, counts: countsOf(this.db, id) };
  }

  /** The latest broadcasts with their results, newest first. */
  recent(limit: number): BroadcastSummary[] {
    const rows = this.db.select().from(broadcasts).orderBy(desc(broadcasts.id)).limit(limit).all();
    return rows.map((broadcast) => ({ broadcast, counts: countsOf(this.db, broadcast.id) }));
  }

  /** "Berhenti terima pengumuman": no more broadcasts; payment messages still come. */
  mute(merchantId: number): void {
    this.db
      .update(merchants)
      .set({ mutedAt: this.clock.now() })
      .where(and(eq(merchants.id, merchantId), sql`${merchants.mutedAt} is null`))
      .run();
  }

  unmute(merchantId: number): void {
    this.db.update(merchants).set({ mutedAt: null }).where(eq(merchants.id, merchantId)).run();
  }

  isMuted(merchantId: number): boolean {
    const row = this.db.select({ mutedAt: merchants.mutedAt }).from(merchants).where(eq(merchants.id, merchantId)).get();
    return row?.mutedAt != null;
  }
}
