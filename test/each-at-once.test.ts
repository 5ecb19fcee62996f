// eachAtOnce: the build runs Framework on several sites at once, a few at a time.
import { describe, expect, it } from "vitest";
import { eachAtOnce } from "../data-loaders/shared/each-at-once.ts";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("eachAtOnce", () => {
  it("runs every item, never more than the limit at once", async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await eachAtOnce([1, 2, 3, 4, 5], 2, async (n) => {
      most = Math.max(most, ++running);
      await tick();
      done.push(n);
      running -= 1;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });

  it("lets the others finish when one fails, then throws the first failure", async () => {
    const done: number[] = [];
    const run = eachAtOnce([1, 2, 3, 4], 2, async (n) => {
      await tick();
      if (n === 1 || n === 3) throw new Error(`site ${n} failed`);
      done.push(n);
    });
    await expect(run).rejects.toThrow("site 1 failed");
    expect(done.sort()).toEqual([2, 4]);
  });
});
