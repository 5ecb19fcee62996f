// One build (or ingest) at a time per folder. The lock is an operating-system file lock, the one DuckDB
// takes on a database file it opens for writing (fcntl on Linux and macOS, LockFileEx on Windows): the
// kernel grants it to one process at a time and drops it the moment that process exits, however it
// exits. So there is no stale lock to detect or take over, and no window in which two waiters that saw
// a dead holder could both take it (the race of pid files and of mtime-based lock libraries).
//
// Next to the lock, <file>.holder says who holds it, for the message a second build prints. A second
// caller waits up to `waitSeconds` (0 by default) and then refuses.
import { DuckDBInstance } from "@duckdb/node-api";
import fs from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "./atomic.ts";

/** Locks this process holds: the OS lets a process take its own lock twice, so they are kept here. */
const held = new Set<string>();

/** Takes the lock or throws; returns a function that releases it. */
export async function acquireLock(file: string, what: string, waitSeconds = 0): Promise<() => void> {
  const lock = path.resolve(file);
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const holderFile = `${lock}.holder`;
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    if (!held.has(lock)) {
      try {
        const instance = await DuckDBInstance.create(lock, { threads: "1" });
        held.add(lock);
        writeFileAtomic(holderFile, `${process.pid}\n`);
        let released = false;
        return () => {
          if (released) return;
          released = true;
          fs.rmSync(holderFile, { force: true });
          instance.closeSync();
          held.delete(lock);
        };
      } catch (error) {
        if (!/Could not set lock|Conflicting lock/i.test((error as Error).message)) {
          throw new Error(`cannot take the lock ${lock}: ${(error as Error).message.split("\n")[0]}`);
        }
      }
    }
    if (Date.now() >= deadline) {
      const holder = fs.existsSync(holderFile) ? fs.readFileSync(holderFile, "utf8").trim() : "unknown";
      throw new Error(`another ${what} is running (pid ${held.has(lock) ? process.pid : holder}); wait for it to finish`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
