import { describe, expect, it } from "vitest";
import { openSqliteDatabase } from "../../db/sqlite/database.js";
import { BroadcastService } from "../../src/broadcast/broadcast-service.js";
import { markReported } from "../../src/broadcast/recipients.js";
import { ManualClock } from "../../src/clock.js";

describe("BroadcastService.setProgressMessage", () => {
  it("tells the caller when the broadcast already finished, so its Batal button can go", async () => {
    const database = openSqliteDatabase(":memory:");
    const clock = new ManualClock();
    const service = new BroadcastService(database, clock);
    const input = { adminId: 1, adminChatId: 1, sourceChatId: 1, sourceMessageId: 10, audience: "all" as const };
    const admin = { actorId: 1, actorName: "Admin" };
    const running = await service.create(input, admin);
    expect(await service.setProgressMessage(running.id, 100)).toBe(true);
    // No recipients: the worker reports and finishes it before the status message is stored.
    const quick = await service.create({ ...input, sourceMessageId: 11 }, admin);
    await markReported(database.stores, quick, clock.now());
    expect(await service.setProgressMessage(quick.id, 101)).toBe(false);
    await database.close();
  });
});
