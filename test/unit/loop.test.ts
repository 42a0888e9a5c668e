import pino from "pino";
import { describe, expect, it } from "vitest";
import { startLoop } from "../../src/loop.js";
import { eventually } from "../helpers/harness.js";

const logger = pino({ level: "silent" });

describe("startLoop", () => {
  it("runs again right after a run during which wake() was called", async () => {
    let runs = 0;
    let release!: () => void;
    const firstRunBlocked = new Promise<void>((resolve) => (release = resolve));
    // An hour between runs: only the wake-up can explain a second run within the test.
    const loop = startLoop(
      "test",
      async () => {
        runs++;
        if (runs === 1) await firstRunBlocked;
        return false;
      },
      3_600_000,
      logger,
    );
    try {
      await eventually(() => expect(runs).toBe(1));
      // New work committed while the first run is still going.
      loop.wake();
      release();
      await eventually(() => expect(runs).toBe(2), 1_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(runs).toBe(2);
    } finally {
      await loop.stop();
    }
  });
});
