import { expect, it } from "vitest";
import { at, contract, profile } from "./engines.js";

contract("MerchantStore", (db) => {
  it("register inserts a profile; registering again refreshes it, keeps what the merchant chose and unblocks", async () => {
    const first = await db().stores.merchants.register(profile(1), at("10:00:00"));
    expect(first).toMatchObject({ id: 1, chatId: 1, firstName: "M1", language: null, blockedAt: null, createdAt: at("10:00:00"), updatedAt: at("10:00:00") });
    await db().stores.merchants.update(1, { language: "en", storeName: "Toko Sari", lastPhone: "+6281111111111" }, at("10:01:00"));
    await db().stores.merchants.markBlocked({ id: 1 }, at("10:02:00"));

    const again = await db().stores.merchants.register({ ...profile(1), firstName: "Sari", username: "sari", telegramLanguage: "en" }, at("10:03:00"));

    expect(again).toMatchObject({ firstName: "Sari", username: "sari", telegramLanguage: "en", language: "en", storeName: "Toko Sari" });
    expect(again).toMatchObject({ lastPhone: "+6281111111111", blockedAt: null, createdAt: at("10:00:00"), updatedAt: at("10:03:00") });
    expect(await db().stores.merchants.byId(1)).toEqual(again);
  });

  it("a Telegram id above 2^32 round-trips exactly", async () => {
    const id = 7_123_456_789;
    await db().stores.merchants.register({ ...profile(id), chatId: id }, at("10:00:00"));
    expect(await db().stores.merchants.byId(id)).toMatchObject({ id, chatId: id });
    expect(await db().stores.merchants.byId(2)).toBeUndefined();
  });

  it("markBlocked finds the merchant by chat or by id, and no one else", async () => {
    await db().stores.merchants.register({ ...profile(1), chatId: 501 }, at("10:00:00"));
    await db().stores.merchants.register({ ...profile(2), chatId: 502 }, at("10:00:00"));
    await db().stores.merchants.register(profile(3), at("10:00:00"));

    await db().stores.merchants.markBlocked({ chatId: 501 }, at("10:05:00"));
    await db().stores.merchants.markBlocked({ id: 3 }, at("10:06:00"));

    expect((await db().stores.merchants.byId(1))?.blockedAt).toEqual(at("10:05:00"));
    expect((await db().stores.merchants.byId(2))?.blockedAt).toBeNull();
    expect((await db().stores.merchants.byId(3))?.blockedAt).toEqual(at("10:06:00"));
  });

  it("mute keeps the first opt-out time; unmute clears it", async () => {
    await db().stores.merchants.register(profile(1), at("10:00:00"));
    await db().stores.merchants.mute(1, at("10:01:00"));
    await db().stores.merchants.mute(1, at("10:02:00"));
    expect((await db().stores.merchants.byId(1))?.mutedAt).toEqual(at("10:01:00"));
    await db().stores.merchants.unmute(1);
    expect((await db().stores.merchants.byId(1))?.mutedAt).toBeNull();
  });
});
