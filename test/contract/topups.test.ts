import { expect, it } from "vitest";
import { at, claimSideBySide, contract, newTopup, peer, profile, seedTopup } from "./engines.js";

contract("TopupStore", (db) => {
  const topups = () => db().stores.topups;

  it("create starts in creating with the defaults; found by id, reference and request key, owned only by its merchant", async () => {
    const topup = await seedTopup(db());
    await db().stores.merchants.register(profile(2), at("10:00:00"));

    expect(topup).toMatchObject({ status: "creating", currency: "IDR", channelCode: "ID_OVO", checkAttempts: 0, chargeId: null, flag: null });
    expect(topup).toMatchObject({ createdAt: at("10:00:00"), updatedAt: at("10:00:00"), checkAt: at("10:01:10"), paidAt: null });
    expect(await topups().byId(topup.id)).toEqual(topup);
    expect(await topups().byReference("ref-1-a")).toEqual(topup);
    expect(await topups().byRequestKey("key-1-a")).toEqual(topup);
    expect(await topups().owned(1, topup.id)).toEqual(topup);
    expect(await topups().owned(2, topup.id)).toBeUndefined();
    expect(await topups().byReference("nope")).toBeUndefined();
  });

  it("recordCharge moves creating to pending with the charge id", async () => {
    const topup = await seedTopup(db());
    const recorded = await topups().recordCharge(topup.id, "ch-1", at("10:00:02"));
    expect(recorded).toMatchObject({ status: "pending", chargeId: "ch-1", updatedAt: at("10:00:02") });
  });

  it("recordCharge keeps the status and charge id a callback set meanwhile", async () => {
    const topup = await seedTopup(db());
    await topups().markPaid(topup, "ch-callback", at("10:00:01"));
    const recorded = await topups().recordCharge(topup.id, "ch-response", at("10:00:02"));
    expect(recorded).toMatchObject({ status: "succeeded", chargeId: "ch-callback", updatedAt: at("10:00:01") });

    const failed = await newTopup(db(), 1, "b");
    await topups().markFailed(failed.id, { failureCode: "DECLINED", chargeId: null }, at("10:00:01"));
    expect(await topups().recordCharge(failed.id, "ch-2", at("10:00:02"))).toMatchObject({ status: "failed", chargeId: "ch-2" });
  });

  it("finish finalises a top-up still in the given status, and only then", async () => {
    const topup = await seedTopup(db());
    await topups().recordCharge(topup.id, "ch-1", at("10:00:02"));
    expect(await topups().finish(topup.id, "creating", { status: "failed", failureCode: "X" }, at("10:00:03"))).toBeUndefined();

    const finished = await topups().finish(topup.id, "pending", { status: "expired", failureCode: "TIMEOUT" }, at("10:00:04"));

    expect(finished).toMatchObject({ status: "expired", failureCode: "TIMEOUT", finalizedAt: at("10:00:04"), checkAt: null });
    expect(await topups().finish(topup.id, "pending", { status: "failed", failureCode: "X" }, at("10:00:05"))).toBeUndefined();
    expect(await topups().byId(topup.id)).toEqual(finished);
  });

  it("markPaid and markFailed finalise; markFailed keeps a known charge id when given none", async () => {
    const paid = await seedTopup(db());
    const returned = await topups().markPaid(paid, "ch-1", at("10:00:05"));
    expect(returned).toMatchObject({
      status: "succeeded",
      chargeId: "ch-1",
      paidAt: at("10:00:05"),
      finalizedAt: at("10:00:05"),
      updatedAt: at("10:00:05"),
      checkAt: null,
    });
    // The row returned is what is stored, whether the store reads it back or builds it from what it wrote.
    expect(await topups().byId(paid.id)).toEqual(returned);
    const failed = await newTopup(db(), 1, "b");
    await topups().markPending(failed.id, "ch-2", at("10:00:01"));
    expect(await topups().byId(failed.id)).toMatchObject({ status: "pending", chargeId: "ch-2" });
    expect(await topups().markFailed(failed.id, { failureCode: "DECLINED", chargeId: null }, at("10:00:06"))).toMatchObject({
      status: "failed",
      failureCode: "DECLINED",
      chargeId: "ch-2",
      finalizedAt: at("10:00:06"),
      checkAt: null,
    });
    const other = await newTopup(db(), 1, "c");
    expect((await topups().markFailed(other.id, { failureCode: "X", chargeId: "ch-3" }, at("10:00:07"))).chargeId).toBe("ch-3");
  });

  it("open lists creating and pending, flagged or not; openUnflagged skips the flagged ones", async () => {
    const flagged = await seedTopup(db());
    await topups().flag(flagged.id, "amount_mismatch", at("10:00:01"));
    expect(await topups().openUnflagged(1)).toBeUndefined();
    const pending = await newTopup(db(), 1, "b");
    await topups().recordCharge(pending.id, "ch-2", at("10:00:02"));
    const done = await newTopup(db(), 1, "c");
    await topups().markPaid(done, "ch-3", at("10:00:03"));

    expect((await topups().open(1)).map((t) => t.id).sort()).toEqual([flagged.id, pending.id]);
    expect((await topups().byId(flagged.id))?.flag).toBe("amount_mismatch");
    expect((await topups().openUnflagged(1))?.id).toBe(pending.id);
  });

  it("latest sees one merchant's newest top-up", async () => {
    await seedTopup(db());
    await db().stores.merchants.register(profile(2), at("10:00:00"));
    for (const [suffix, time] of [["b", "10:02:00"], ["c", "10:01:00"], ["d", "10:03:00"]] as const) await newTopup(db(), 1, suffix, { createdAt: at(time) });
    await newTopup(db(), 2, "x", { createdAt: at("10:09:00") });

    expect((await topups().latest(1))?.referenceId).toBe("ref-1-d");
    expect(await topups().latest(3)).toBeUndefined();
  });

  it("activeBetween: every merchant's top-ups created or finalised in the period, open ones included, oldest first", async () => {
    await seedTopup(db()); // created 10:00:00, still open: before the period
    await db().stores.merchants.register(profile(2), at("10:00:00"));
    const paidLate = await newTopup(db(), 1, "b", { createdAt: at("09:00:00") });
    await topups().markPaid(paidLate, "ch-b", at("11:30:00"));
    const open = await newTopup(db(), 2, "c", { createdAt: at("11:00:00") });
    const failed = await newTopup(db(), 2, "d", { createdAt: at("11:10:00") });
    await topups().markFailed(failed.id, { failureCode: "X", chargeId: "ch-d" }, at("11:11:00"));
    await newTopup(db(), 2, "e", { createdAt: at("12:00:00") }); // at the end: after the period
    const expiredBefore = await newTopup(db(), 2, "f", { createdAt: at("09:00:00") });
    await topups().expire(expiredBefore.id, "TIMEOUT", at("10:00:00"), at("09:30:00"));

    const active = await topups().activeBetween(at("11:00:00"), at("12:00:00"));

    expect(active.map((t) => t.referenceId)).toEqual(["ref-1-b", "ref-2-c", "ref-2-d"]);
    expect(active[1]).toEqual(open);
    expect(await topups().activeBetween(at("12:00:01"), at("13:00:00"))).toEqual([]);
  });

  it("phoneRequests counts requests to a number since a time, of one merchant or of all", async () => {
    await seedTopup(db()); // 10:00:00, +6281234567890
    await db().stores.merchants.register(profile(2), at("10:00:00"));
    await newTopup(db(), 1, "b", { createdAt: at("10:30:00") });
    await newTopup(db(), 2, "c", { createdAt: at("10:40:00") });
    await newTopup(db(), 2, "d", { createdAt: at("10:40:00"), phone: "+6289999999999" });

    expect(await topups().phoneRequests("+6281234567890", at("10:00:00"))).toBe(3);
    expect(await topups().phoneRequests("+6281234567890", at("10:00:01"))).toBe(2);
    expect(await topups().phoneRequests("+6281234567890", at("10:00:00"), 1)).toBe(2);
    expect(await topups().phoneRequests("+6281234567890", at("10:00:00"), 2)).toBe(1);
    expect(await topups().phoneRequests("+6280000000000", at("10:00:00"))).toBe(0);
  });

  it("expire closes an open top-up; only one with a charge id is asked about again", async () => {
    const withCharge = await seedTopup(db());
    await topups().recordCharge(withCharge.id, "ch-1", at("10:00:01"));
    const withoutCharge = await newTopup(db(), 1, "b");

    expect(await topups().expire(withCharge.id, "EXPIRED", at("10:20:00"), at("10:10:00"))).toMatchObject({
      status: "expired",
      failureCode: "EXPIRED",
      finalizedAt: at("10:10:00"),
      checkAt: at("10:20:00"),
    });
    expect(await topups().expire(withoutCharge.id, "EXPIRED", at("10:20:00"), at("10:10:00"))).toMatchObject({ status: "expired", checkAt: null });
    expect(await topups().expire(withCharge.id, "EXPIRED", at("10:30:00"), at("10:15:00"))).toBeUndefined();
  });

  /** Claims until nothing is left (at most ten). */
  const claimAll = async (now: Date, until = at("12:00:00")) => {
    const ids: number[] = [];
    for (let row = await topups().claimCheck(now, until); row && ids.length < 10; row = await topups().claimCheck(now, until)) ids.push(row.id);
    return ids;
  };

  it("claimCheck: open and expired top-ups whose check is due, earliest first", async () => {
    const late = await seedTopup(db()); // check at 10:01:10
    const early = await newTopup(db(), 1, "b", { checkAt: at("10:00:30") });
    const expired = await newTopup(db(), 1, "c", { checkAt: at("10:00:50") });
    await topups().recordCharge(expired.id, "ch-c", at("10:00:01"));
    await topups().expire(expired.id, "EXPIRED", at("10:00:40"), at("10:00:02"));
    const paid = await newTopup(db(), 1, "d", { checkAt: at("10:00:10") });
    await topups().markPaid(paid, "ch-d", at("10:00:03"));
    await db().stores.topups.postponeCheck(paid.id, 1, at("10:00:10"));
    await newTopup(db(), 1, "e", { checkAt: at("10:05:00") });
    await newTopup(db(), 1, "f", { checkAt: null });

    expect(await topups().claimCheck(at("10:00:00"), at("12:00:00"))).toBeUndefined();
    const claimed = await topups().claimCheck(at("10:02:00"), at("10:03:00"));
    expect(claimed).toEqual({ ...early, claimedUntil: at("10:03:00") });
    expect(await claimAll(at("10:02:00"))).toEqual([expired.id, late.id]);
  });

  it("a claimed check is not claimed again before its claim runs out (by anyone), and is claimed again after it (its holder died)", async () => {
    const topup = await seedTopup(db()); // check at 10:01:10
    const other = await peer(db());
    expect(await topups().claimCheck(at("10:01:10"), at("10:02:00"))).toMatchObject({ id: topup.id, checkAttempts: 0 });

    expect(await other.stores.topups.claimCheck(at("10:01:59"), at("10:03:00"))).toBeUndefined();
    expect(await topups().claimCheck(at("10:01:59"), at("10:03:00"))).toBeUndefined();
    expect(await other.stores.topups.claimCheck(at("10:02:00"), at("10:03:00"))).toMatchObject({ id: topup.id, checkAttempts: 0, claimedUntil: at("10:03:00") });
  });

  it("postponeCheck, setRecheck, expire and a final status end the claim: the next check is due at its own time", async () => {
    const postponed = await seedTopup(db());
    const expired = await newTopup(db(), 1, "b");
    const paid = await newTopup(db(), 1, "c");
    await topups().recordCharge(expired.id, "ch-b", at("10:00:01"));
    expect(await claimAll(at("10:01:10"))).toHaveLength(3);

    await topups().postponeCheck(postponed.id, 1, at("10:01:30"));
    await topups().expire(expired.id, "EXPIRED", at("10:11:10"), at("10:01:11"));
    await topups().markPaid(paid, "ch-c", at("10:01:12"));
    expect(await claimAll(at("10:01:29"))).toEqual([]);
    expect(await claimAll(at("10:01:30"))).toEqual([postponed.id]);
    expect(await claimAll(at("10:11:10"))).toEqual([expired.id]);
    await topups().setRecheck(expired.id, at("11:10:00"));
    expect(await claimAll(at("11:10:00"))).toEqual([expired.id]);
    expect((await topups().byId(paid.id))?.claimedUntil).toBeNull();
  });

  it("instances claiming side by side get disjoint top-ups, and every due top-up goes to one of them", async () => {
    const due = 30;
    await db().stores.merchants.register(profile(1), at("10:00:00"));
    for (let i = 0; i < due; i++) await newTopup(db(), 1, `t${i}`);
    const instances = [db(), await peer(db())];
    const claimers = instances.flatMap((instance) => [1, 2, 3].map(() => () => instance.stores.topups.claimCheck(at("10:01:10"), at("12:00:00"))));

    const claimed = await claimSideBySide(claimers, due);

    expect(claimed).toHaveLength(due);
    expect(new Set(claimed).size).toBe(due);
  });

  it("settlement batches on two instances that name the same top-ups in opposite orders both commit: no deadlock", async () => {
    await db().stores.merchants.register(profile(1), at("10:00:00"));
    const references: string[] = [];
    for (let i = 0; i < 6; i++) references.push((await newTopup(db(), 1, `d${i}`)).referenceId);
    const instances = [db(), await peer(db())];
    // Each batch locks its rows, then takes the month's invoice number, as settling a batch of callbacks does.
    const batch = (instance: (typeof instances)[number], order: string[]) =>
      instance.transaction(async (stores) => {
        await stores.topups.lockForSettlement(order);
        for (const reference of order) await stores.topups.byReference(reference);
        return stores.invoices.reserveNumbers("2026-03", 1);
      });

    const numbers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => batch(instances[i % 2]!, i % 2 === 0 ? references : [...references].reverse())),
    );

    expect(numbers.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("postponeCheck moves an open top-up only; setRecheck an expired one only", async () => {
    const open = await seedTopup(db());
    await topups().postponeCheck(open.id, 2, at("10:03:00"));
    expect(await topups().byId(open.id)).toMatchObject({ checkAttempts: 2, checkAt: at("10:03:00") });
    await topups().setRecheck(open.id, null);
    expect((await topups().byId(open.id))?.checkAt).toEqual(at("10:03:00"));

    await topups().recordCharge(open.id, "ch-1", at("10:00:01"));
    await topups().expire(open.id, "EXPIRED", at("10:20:00"), at("10:10:00"));
    await topups().postponeCheck(open.id, 3, at("10:04:00"));
    expect(await topups().byId(open.id)).toMatchObject({ checkAttempts: 2, checkAt: at("10:20:00") });
    await topups().setRecheck(open.id, at("11:10:00"));
    expect((await topups().byId(open.id))?.checkAt).toEqual(at("11:10:00"));
    await topups().setRecheck(open.id, null);
    expect((await topups().byId(open.id))?.checkAt).toBeNull();
  });
});
