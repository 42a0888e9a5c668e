import { describe, expect, it } from "vitest";
import { Api, HttpError } from "grammy";
import { createLogger } from "../../src/logger.js";

describe("logger", () => {
  it("cuts secrets out of error messages and stacks, and redacts raw phone numbers", () => {
    const token = "123456:SECRET-TOKEN-abcdefghijklmnop";
    const lines: string[] = [];
    const logger = createLogger("info", [token], { write: (line) => void lines.push(line) });
    logger.error({ err: new Error(`request to https://api.telegram.org/bot${token}/sendMessage failed`) }, "boom");
    logger.info({ phone: "+6281234567890", maskedPhone: "0812****7890" }, "charge");
    const output = lines.join("");
    expect(output).not.toContain("SECRET-TOKEN");
    expect(output).toContain("bot[redacted]/sendMessage");
    expect(output).not.toContain("+6281234567890");
    expect(output).toContain("0812****7890");
  });
});

describe("logger, errors from the Telegram client", () => {
  it("cuts the bot token out of the network error grammY wraps (node-fetch puts the URL in its message)", async () => {
    const token = "123456:SECRET-TOKEN-abcdefghijklmnop";
    const error = await new Api(token, { apiRoot: "http://127.0.0.1:1" }).getMe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    const lines: string[] = [];
    createLogger("info", [token], { write: (line) => void lines.push(line) }).error({ err: error }, "update failed");
    const output = lines.join("");
    expect(output).toContain("ECONNREFUSED");
    expect(output).not.toContain("SECRET-TOKEN");
  });
});
