import type { LeaderLease } from "../../db/coordination.js";
import type { Database } from "../../db/database.js";
import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import type { Broadcast } from "./broadcast-service.js";
import { realTimer, type Pacer, type PacerTimer, type Slot } from "../telegram/pacer.js";
import { claim, countsOf, markBlocked, markFailed, markReported, markSent, release, type Delivery, type RecipientCounts, type RecipientKey } from "./recipients.js";
import { WriteBatch, type Write } from "./write-batch.js";

/** What became of one copy, as the Telegram side classifies it. */
export type SendOutcome =
  | { kind: "sent" }
  | { kind: "rate_limited"; retryAfterSeconds: number; error: string }
  /** 403: the merchant blocked the bot. */
  | { kind: "blocked"; error: string }
  /** Any other 4xx: sending again would fail the same way. */
  | { kind: "rejected"; error: string }
  /** 5xx or network: worth trying again later. */
  | { kind: "transient"; error: string };

export interface Progress {
  broadcast: Broadcast;
  counts: RecipientCounts;
  /** Copies finished per second lately (real time); 0 before the first. */
  ratePerSecond: number;
  /** Seconds until the rest is sent at that rate; undefined while unknown. */
  etaSeconds?: number;
}

/** The Telegram side of delivery, injected so this file knows nothing of grammY. */
export interface BroadcastChannel {
  send(delivery: Delivery): Promise<SendOutcome>;
  /** Edits the admin's progress message. */
  progress(progress: Progress): Promise<void>;
  /**
   * The final report to the admin: the status message (if any) becomes the report, and the report is also sent
   * as a new message (two calls, two pacer slots). Throwing means "try again later".
   */
  report(progress: Progress): Promise<void>;
}

export interface BroadcastWorkerOptions {
  database: Database;
  clock: Clock;
  logger: Logger;
  channel: BroadcastChannel;
  pacer: Pacer;
  /**
   * The broadcast role: one sender cluster-wide, so that Telegram's per-bot limit holds for all instances together.
   * Nothing is sent without it, and it is checked again before every call. Without one, this worker always leads.
   */
  lease?: LeaderLease;
  /** True while payment notifications or the bot's replies are waiting for Telegram: broadcast sends wait for them. */
  othersWaiting?: () => Promise<boolean>;
  /** Minimum time between two edits of a progress message, on the injected clock. */
  progressEveryMs?: number;
  /** First retry delay after a 5xx or network error; doubles per attempt, at most a minute. */
  retryBaseMs?: number;
  /** Attempts (429s not counted) before a recipient is given up as failed. */
  maxAttempts?: number;
  /** How long a copy's outcome waits to be committed with others' (default 10 ms). */
  outcomeBatchMs?: number;
  /** Calls in flight at once: Telegram's latency would otherwise cap the rate far below the limit. */
  maxInFlight?: number;
  timer?: PacerTimer;
  /** Told what each copy's send came to (for the metrics). */
  onSend?: (result: SendOutcome["kind"]) => void;
}

const BATCH = 200;
/**
 * Copies claimed in one transaction: as many as the pace sends in this long (one at 100 msg/s or less). A crash
 * closes a claimed copy as failed, sent or not, so the group stays small.
 */
const CLAIM_AHEAD_MS = 10;
const MAX_BACKOFF_MS = 60_000;
const RATE_WINDOW_MS = 5_000;
/** A stuck outbox must not stall a broadcast for ever: after this long, broadcast sends go on regardless. */
const MAX_YIELD_MS = 5_000;
const YIELD_STEP_MS = 20;

/**
 * Delivers broadcasts, one copy per recipient row. A row is claimed (`sending`) right before its call and
 * closed after it, so a restart neither repeats nor forgets anyone (see failInterrupted for the rows a
 * crash leaves mid-call). Run it from a background loop; `stop()` ends the run at the next send.
 */
export class BroadcastWorker {
  private readonly abort = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  /** Writes the database refused (disk full, locked): done first on the next run, before anything is sent. */
  private readonly unrecorded: Write[] = [];
  /** The copies' outcomes, committed a few at a time. */
  private readonly outcomes: WriteBatch;
  private readonly finishedAt: number[] = [];
  private readonly timer: PacerTimer;
  private recovered = false;
  private retryNow = false;
  private lastProgressCheck = -Infinity;
  /** No payment message was due when last asked: until then, broadcast sends do not ask again. */
  private nothingWaitingUntil = -Infinity;

  constructor(private readonly options: BroadcastWorkerOptions) {
    this.timer = options.timer ?? realTimer;
    this.outcomes = new WriteBatch(options.database, this.timer, options.outcomeBatchMs ?? 10, (writes, error) => {
      options.logger.error({ err: error, copies: writes.length }, "broadcast outcomes not written; will retry");
      this.unrecorded.push(...writes);
    });
    options.lease?.onChange((held) => {
      // The instance that had the role stopped sending before it moved, but its last second still counts at Telegram.
      if (held) options.pacer.pauseOneWindow();
      // Another instance may lead meanwhile and be cut off mid-call: whoever takes the role closes such copies first.
      else this.recovered = false;
    });
  }

  /** One pass over what is due; true when more may be waiting. */
  async runOnce(): Promise<boolean> {
    const { database, clock } = this.options;
    const signal = this.abort.signal;
    if (!this.leading()) return false;
    if (!this.recovered) {
      const interrupted = await database.stores.recipients.failInterrupted();
      if (interrupted > 0) this.options.logger.warn({ interrupted }, "broadcast copies interrupted by a restart closed as failed");
      this.recovered = true;
    }
    await this.writeUnrecorded();
    this.retryNow = false;
    const due = await database.stores.recipients.due(clock.now(), BATCH);
    const group = Math.max(1, Math.floor((this.options.pacer.limit * CLAIM_AHEAD_MS) / 1000));
    try {
      for (let next = 0; next < due.length; next += group) {
        // The database refuses writes: sending more copies whose outcome cannot be kept would only add to them.
        if (this.unrecorded.length > 0) break;
        if (!(await this.sendGroup(due.slice(next, next + group)))) break;
      }
    } finally {
      await Promise.all(this.inFlight);
      await this.outcomes.drain();
    }
    if (signal.aborted || this.unrecorded.length > 0) return false;
    await this.maybeReportProgress();
    await this.reportFinished();
    return due.length === BATCH || this.retryNow;
  }

  /**
   * Claims `keys` together and sends each copy in its slot; false when stopped or no longer leading. The first slot
   * is taken before the claim (a 429's pause is waited out with nothing claimed); a copy claimed but left unsent
   * goes back to pending.
   */
  private async sendGroup(keys: RecipientKey[]): Promise<boolean> {
    await this.yieldToOthers();
    await this.maybeReportProgress();
    let slot = await this.slot();
    if (!slot) return false;
    const deliveries = await claim(this.options.database, keys);
    for (const [i, delivery] of deliveries.entries()) {
      slot ??= await this.slot();
      if (!slot) {
        await this.unclaim(deliveries.slice(i));
        return false;
      }
      this.track(this.deliver(delivery, slot));
      slot = undefined;
      if (this.inFlight.size >= (this.options.maxInFlight ?? 16)) await Promise.race(this.inFlight);
    }
    slot?.refund();
    return true;
  }

  private async unclaim(deliveries: Delivery[]): Promise<void> {
    for (const delivery of deliveries) {
      await this.record((stores) => release(stores, delivery, { attempts: delivery.attempts - 1, retryAt: null }), delivery);
    }
  }

  private leading(): boolean {
    return this.options.lease?.held() ?? true;
  }

  /**
   * Waits for the pacer's next slot, for one Telegram call; false when stopped or when the role moved meanwhile (the
   * wait can be long: a 429's pause), so the call is not made.
   */
  private async slot(): Promise<Slot | undefined> {
    const slot = await this.options.pacer.take(this.abort.signal);
    if (!slot || this.leading()) return slot;
    slot.refund();
    return undefined;
  }

  /** `count` slots for as many calls, or none (those taken given back) when the wait was cut short. */
  private async slots(count: number): Promise<Slot[] | undefined> {
    const slots: Slot[] = [];
    while (slots.length < count) {
      const slot = await this.slot();
      if (!slot) {
        for (const taken of slots) taken.refund();
        return undefined;
      }
      slots.push(slot);
    }
    return slots;
  }

  /** Stops taking new recipients; the run in progress returns once its calls in flight are answered. */
  stop(): void {
    this.abort.abort();
  }

  /** The set holds the promise that also removes it, so a rejection reaches whoever awaits the set, never nobody. */
  private track(work: Promise<void>): void {
    const tracked = work.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private async deliver(delivery: Delivery, slot: Slot): Promise<void> {
    let outcome: SendOutcome;
    try {
      outcome = await this.options.channel.send(delivery);
    } catch (error) {
      outcome = { kind: "transient", error: String(error) };
    }
    slot.answered();
    this.options.onSend?.(outcome.kind);
    this.outcomes.add(this.close(delivery, outcome, this.options.clock.now()));
  }

  /** Acts on the outcome in memory and returns the row's write, kept apart so that a refused write can be retried. */
  private close(delivery: Delivery, outcome: SendOutcome, now: Date): Write {
    const { pacer, logger } = this.options;
    switch (outcome.kind) {
      case "sent":
        this.countFinished();
        return (stores) => markSent(stores, delivery, now);
      case "blocked":
        this.countFinished();
        return (stores) => markBlocked(stores, delivery, now, outcome.error);
      case "rejected":
        logger.warn({ ...delivery, error: outcome.error }, "broadcast copy rejected");
        this.countFinished();
        return (stores) => markFailed(stores, delivery, outcome.error);
      case "rate_limited":
        // Telegram's limit is per bot: everything waits, and this copy goes again after the pause.
        pacer.pause(outcome.retryAfterSeconds * 1000);
        this.retryNow = true;
        logger.warn({ retryAfter: outcome.retryAfterSeconds }, "broadcast paused by Telegram's flood limit");
        return (stores) => release(stores, delivery, { attempts: delivery.attempts - 1, retryAt: null, error: outcome.error });
      case "transient": {
        if (delivery.attempts >= (this.options.maxAttempts ?? 5)) {
          this.countFinished();
          return (stores) => markFailed(stores, delivery, outcome.error);
        }
        const delay = Math.min((this.options.retryBaseMs ?? 1_000) * 2 ** (delivery.attempts - 1), MAX_BACKOFF_MS);
        return (stores) => release(stores, delivery, { attempts: delivery.attempts, retryAt: new Date(now.getTime() + delay), error: outcome.error });
      }
    }
  }

  /** A refused write is kept for the next run: the row stays claimed meanwhile, so nobody gets a second copy. */
  private async record(write: Write, context: object): Promise<void> {
    try {
      await this.options.database.transaction(write);
    } catch (error) {
      this.options.logger.error({ err: error, ...context }, "broadcast outcome not written; will retry");
      this.unrecorded.push(write);
    }
  }

  /** Throws while the database still refuses them: the loop logs it and tries again later. */
  private async writeUnrecorded(): Promise<void> {
    while (this.unrecorded.length > 0) {
      await this.options.database.transaction(this.unrecorded[0]!);
      this.unrecorded.shift();
    }
  }

  /** Payment messages and replies share Telegram's limit with us and matter more: let them go first. */
  private async yieldToOthers(): Promise<void> {
    const waiting = this.options.othersWaiting;
    // A query per copy would cost a good part of the time between copies; a payment due waits a step at most.
    if (!waiting || this.timer.now() < this.nothingWaitingUntil) return;
    const started = this.timer.now();
    while ((await waiting()) && !this.abort.signal.aborted && this.timer.now() - started < MAX_YIELD_MS) {
      await this.timer.sleep(YIELD_STEP_MS, this.abort.signal);
    }
    this.nothingWaitingUntil = this.timer.now() + YIELD_STEP_MS;
  }

  private async maybeReportProgress(): Promise<void> {
    const { database, clock, channel, logger } = this.options;
    const every = this.options.progressEveryMs ?? 3_000;
    const now = clock.now();
    if (now.getTime() - this.lastProgressCheck < every) return;
    this.lastProgressCheck = now.getTime();
    for (const broadcast of await database.stores.broadcasts.runningWithProgressMessage()) {
      if (broadcast.progressAt && now.getTime() - broadcast.progressAt.getTime() < every) continue;
      // Recorded first: a failing edit is not retried before the next turn.
      await database.stores.broadcasts.markProgress(broadcast.id, now);
      const slot = await this.slot();
      if (!slot) return;
      try {
        await channel.progress(await this.progressOf(broadcast)).catch((error: unknown) => logger.warn({ err: error }, "progress edit failed"));
      } finally {
        slot.answered();
      }
    }
  }

  /** Sends the final report of broadcasts with nothing left to send; marks them done only after it went out. */
  private async reportFinished(): Promise<void> {
    const { database, clock, channel, logger } = this.options;
    for (const broadcast of await database.stores.broadcasts.finishedUnreported()) {
      // Two calls when there is a status message to close (see BroadcastChannel.report): a slot for each.
      const slots = await this.slots(broadcast.progressMessageId === null ? 1 : 2);
      if (!slots) return;
      try {
        await channel.report(await this.progressOf(broadcast));
      } catch (error) {
        logger.warn({ err: error, broadcastId: broadcast.id }, "broadcast report failed; will retry");
        continue;
      } finally {
        for (const slot of slots) slot.answered();
      }
      const now = clock.now();
      await this.record((stores) => markReported(stores, broadcast, now), { broadcastId: broadcast.id });
      logger.info({ broadcastId: broadcast.id, status: broadcast.status }, "broadcast finished");
    }
  }

  private async progressOf(broadcast: Broadcast): Promise<Progress> {
    const counts = await countsOf(this.options.database.stores, broadcast.id);
    const rate = this.recentRate();
    const remaining = counts.pending + counts.sending;
    return { broadcast, counts, ratePerSecond: rate, etaSeconds: rate > 0 ? Math.ceil(remaining / rate) : undefined };
  }

  private countFinished(): void {
    const now = this.timer.now();
    this.finishedAt.push(now);
    while (this.finishedAt.length > 0 && this.finishedAt[0]! < now - RATE_WINDOW_MS) this.finishedAt.shift();
  }

  /** Copies finished per second lately by this worker (real time); 0 while it sends nothing. */
  recentRate(): number {
    const now = this.timer.now();
    const recent = this.finishedAt.filter((at) => at >= now - RATE_WINDOW_MS);
    if (recent.length < 2) return 0;
    const spanMs = Math.max(now - recent[0]!, 1);
    return (recent.length * 1000) / spanMs;
  }
}
