import { expect, it } from "vitest";
import { at, contract } from "./engines.js";

contract("ConversationStore", (db) => {
  it("read, write (overwriting), delete", async () => {
    const conversations = () => db().stores.conversations;
    expect(await conversations().read("chat:1")).toBeUndefined();
    await conversations().write("chat:1", '{"b":1,"a":2}', at("10:00:00"));
    await conversations().write("chat:2", "{}", at("10:00:00"));
    await conversations().write("chat:1", '{"z":[1,2]}', at("10:00:05"));
    expect(await conversations().read("chat:1")).toEqual({ value: '{"z":[1,2]}', updatedAt: at("10:00:05") });
    await conversations().delete("chat:1");
    expect(await conversations().read("chat:1")).toBeUndefined();
    expect((await conversations().read("chat:2"))?.value).toBe("{}");
  });

  it("an unchanged state is not rewritten, so its age stays; old states are pruned", async () => {
    const { conversations } = db().stores;
    await conversations.write("chat:1", '{"a":1}', at("10:00:00"));
    await conversations.write("chat:1", '{"a":1}', at("11:00:00"));
    expect(await conversations.read("chat:1")).toEqual({ value: '{"a":1}', updatedAt: at("10:00:00") });
    await conversations.write("chat:2", "{}", at("12:00:00"));
    await conversations.pruneOlderThan(at("11:00:00"));
    expect(await conversations.read("chat:1")).toBeUndefined();
    expect(await conversations.read("chat:2")).toBeDefined();
  });
});
