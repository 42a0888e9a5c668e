import { describe, expect, it } from "vitest";
import { openDatabase } from "../../db/sqlite/client.js";
import { BroadcastService } from "../../src/broadcast/broadcast-service.js";
import { markReported } from "../../src/broadcast/recipients.js";
import { ManualClock } from "../../src/clock.js";

describe("BroadcastService.setProgressMessage", () => {
  it("tells the caller when the broadcast already finished, so its Batal button can go", () => {
    const database = openDatabase(":memory:");
    const { db } = database;
    const clock = new ManualClock();
    const service = new BroadcastService(db, clock);
    const input = { adminId: 1, adminChatId: 1, sourceChatId: 1, sourceMessageId: 10, audience: "all" as const };
    const running = service.create(input);
    expect(service.setProgressMessage(running.id, 100)).toBe(true);
    // No recipients: the worker reports and finishes it before the status message is stored.
    const quick = service.create({ ...input, sourceMessageId: 11 });
    markReported(db, quick, clock.now());
    expect(service.setProgressMessage(quick.id, 101)).toBe(false);
    database.close();
  });
});
