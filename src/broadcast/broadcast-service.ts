import type { Database } from "../../db/database.js";
import { broadcastAudiences, type BroadcastAudience, type BroadcastRow } from "../../db/rows.js";
import type { NewBroadcast } from "../../db/stores.js";
import type { Clock } from "../clock.js";
import type { Actor } from "../operations/audit.js";
import { countsOf, type RecipientCounts } from "./recipients.js";

export type Broadcast = BroadcastRow;
export type { NewBroadcast } from "../../db/stores.js";

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
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly options: BroadcastServiceOptions = {},
  ) {}

  /**
   * How many merchants each audience reaches right now: blocked and muted merchants are left out, and so is
   * the admin sending it (they see the preview and the report instead).
   */
  async audienceCounts(adminId: number): Promise<Record<BroadcastAudience, number>> {
    const entries = await Promise.all(
      broadcastAudiences.map(async (audience) => [audience, await this.database.stores.broadcasts.audienceCount(audience, adminId)] as const),
    );
    return Object.fromEntries(entries) as Record<BroadcastAudience, number>;
  }

  /**
   * Creates the broadcast and one pending row per recipient in one transaction, so the worker sees all of it
   * or none. The same admin message makes the same broadcast: a confirmation delivered twice creates one.
   */
  async create(input: NewBroadcast, actor: Actor): Promise<Broadcast> {
    const now = this.clock.now();
    const created = await this.database.transaction(async (stores) => {
      const earlier = await stores.broadcasts.bySource(input.sourceChatId, input.sourceMessageId);
      if (earlier) return earlier;
      const broadcast = await stores.broadcasts.create(input, now);
      await stores.audit.append(
        { ...actor, action: "broadcast.start", objectType: "broadcast", objectId: String(broadcast.id), after: { audience: broadcast.audience, total: broadcast.total } },
        now,
      );
      return broadcast;
    });
    this.options.onChange?.();
    return created;
  }

  /**
   * The admin's status message; it was just written, so the first edit comes a full interval later. False when
   * the broadcast already finished (a small audience can be done before the status message exists): then the
   * report has gone out without it, and the caller takes its Batal button away.
   */
  async setProgressMessage(id: number, messageId: number): Promise<boolean> {
    await this.database.stores.broadcasts.setProgressMessage(id, messageId, this.clock.now());
    return (await this.get(id))?.finishedAt === null;
  }

  get(id: number): Promise<Broadcast | undefined> {
    return this.database.stores.broadcasts.byId(id);
  }

  running(): Promise<Broadcast[]> {
    return this.database.stores.broadcasts.running();
  }

  /**
   * Stops a running broadcast: recipients not yet sent to are skipped; sends already in flight finish. The
   * worker sends the final report. False when it was not running (finished, or cancelled already).
   */
  async cancel(id: number, actor: Actor): Promise<boolean> {
    const cancelled = await this.database.transaction(async (stores) => {
      if (!(await stores.broadcasts.cancel(id))) return false;
      await stores.recipients.skipPending(id);
      const now = this.clock.now();
      await stores.audit.append(
        { ...actor, action: "broadcast.cancel", objectType: "broadcast", objectId: String(id), before: { status: "running" }, after: { status: "cancelled" } },
        now,
      );
      return true;
    });
    if (cancelled) this.options.onChange?.();
    return cancelled;
  }

  async summary(id: number): Promise<BroadcastSummary | undefined> {
    const broadcast = await this.get(id);
    return broadcast && { broadcast, counts: await countsOf(this.database.stores, id) };
  }

  /** The latest broadcasts with their results, newest first. */
  async recent(limit: number): Promise<BroadcastSummary[]> {
    const rows = await this.database.stores.broadcasts.recent(limit);
    return Promise.all(rows.map(async (broadcast) => ({ broadcast, counts: await countsOf(this.database.stores, broadcast.id) })));
  }

  /** "Berhenti terima pengumuman": no more broadcasts; payment messages still come. */
  mute(merchantId: number): Promise<void> {
    return this.database.stores.merchants.mute(merchantId, this.clock.now());
  }

  unmute(merchantId: number): Promise<void> {
    return this.database.stores.merchants.unmute(merchantId);
  }

  async isMuted(merchantId: number): Promise<boolean> {
    return (await this.database.stores.merchants.byId(merchantId))?.mutedAt != null;
  }
}
