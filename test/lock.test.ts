// One build at a time: the lock is the operating system's, so it is free the moment its holder dies,
// and two waiters can never both take it.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acquireLock } from "../data-loaders/shared/lock.ts";
import { PROJECT_ROOT } from "../data-loaders/shared/sql-files.ts";
import { tempDir } from "./helpers.ts";

/** A process that takes the lock (waiting up to `wait` seconds), logs "start" and "end" around `holdMs`, then releases it. */
function holder(lock: string, log: string, holdMs: number, wait = 30): ChildProcess {
  const script = path.join(tempDir(), "hold.mts");
  fs.writeFileSync(script, `
    import fs from "node:fs";
    import { acquireLock } from ${JSON.stringify(path.join(PROJECT_ROOT, "data-loaders/shared/lock.ts"))};
    const release = await acquireLock(${JSON.stringify(lock)}, "test", ${wait});
    fs.appendFileSync(${JSON.stringify(log)}, "start " + process.pid + "\\n");
    await new Promise((resolve) => setTimeout(resolve, ${holdMs}));
    fs.appendFileSync(${JSON.stringify(log)}, "end " + process.pid + "\\n");
    release();
  `);
  return spawn(process.execPath, ["--import", "tsx", script], { cwd: PROJECT_ROOT, stdio: "ignore" });
}

const exited = (child: ChildProcess) => new Promise((resolve) => child.on("exit", resolve));
const lines = (log: string) => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n").filter(Boolean) : []);

/** A lock in a fresh folder and a process that holds it (for a minute, unless killed) once this resolves. */
async function heldLock(): Promise<{ lock: string; log: string; first: ChildProcess }> {
  const dir = tempDir();
  const lock = path.join(dir, "build.lock");
  const log = path.join(dir, "log");
  const first = holder(lock, log, 60_000);
  // node with tsx starts in about a second, more on a busy machine
  await expect.poll(() => lines(log), { timeout: 30_000, interval: 50 }).toEqual([`start ${first.pid}`]);
  return { lock, log, first };
}

describe("the build lock", () => {
  it("refuses a second taker in the same process, naming the holder, and is free once released", async () => {
    const lock = path.join(tempDir(), "build.lock");
    const release = await acquireLock(lock, "site build");
    await expect(acquireLock(lock, "site build")).rejects.toThrow(`another site build is running (pid ${process.pid})`);
    release();
    (await acquireLock(lock, "site build"))();
  });

  it("is free the moment a holder is killed, and a waiter takes it at once", async () => {
    const { lock, first } = await heldLock();
    await expect(acquireLock(lock, "site build")).rejects.toThrow(`another site build is running (pid ${first.pid})`);
    first.kill("SIGKILL");
    await exited(first);
    const started = performance.now();
    (await acquireLock(lock, "site build", 10))();
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("six waiters for a killed holder's lock take it one after the other, never two at once", async () => {
    const { lock, log, first } = await heldLock();
    const waiters = Array.from({ length: 6 }, () => holder(lock, log, 100));
    // let them all wait on the lock, then kill its holder
    await new Promise((resolve) => setTimeout(resolve, 2000));
    first.kill("SIGKILL");
    await Promise.all(waiters.map(exited));
    const after = lines(log).slice(1);
    expect(after).toHaveLength(12);
    for (let i = 0; i < after.length; i += 2) {
      const pid = after[i]!.split(" ")[1];
      expect([after[i], after[i + 1]]).toEqual([`start ${pid}`, `end ${pid}`]);
    }
  });
});
