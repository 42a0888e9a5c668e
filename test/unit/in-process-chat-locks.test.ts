import { describe, expect, it } from "vitest";
import { inProcessChatLocks } from "../../db/coordination.js";
import { gate } from "../contract/engines.js";

describe("in-process chat locks (SQLite)", () => {
  it("run one chat's calls one after another, other chats beside them, past a failed call", async () => {
    const locks = inProcessChatLocks();
    const order: string[] = [];
    const first = gate();

    const a1 = locks.run(1, async () => {
      order.push("a1 in");
      await first.closed;
      order.push("a1 out");
      throw new Error("a1 failed");
    });
    const a2 = locks.run(1, () => Promise.resolve(void order.push("a2")));
    await locks.run(2, () => Promise.resolve(void order.push("b")));
    first.open();

    await expect(a1).rejects.toThrow("a1 failed");
    await a2;
    expect(order).toEqual(["a1 in", "b", "a1 out", "a2"]);
  });
});
