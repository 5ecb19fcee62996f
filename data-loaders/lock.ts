// One build at a time: a lock file holding the builder's pid. A second build waits up to `waitSeconds`
// (0 by default) and then refuses with a clear message; a lock left by a process that no longer runs
// (killed, crashed) is taken over.
import fs from "node:fs";
import path from "node:path";

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock or throws; returns a function that releases it. */
export async function acquireLock(file: string, what: string, waitSeconds = 0): Promise<() => void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: "wx" });
      const release = () => {
        process.off("exit", release);
        fs.rmSync(file, { force: true });
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(fs.readFileSync(file, "utf8").trim());
      if (!(Number.isInteger(holder) && holder > 0 && running(holder))) {
        fs.rmSync(file, { force: true });
        continue;
      }
      if (Date.now() >= deadline) {
        throw new Error(`another ${what} is running (pid ${holder}); wait for it to finish, or delete ${file} if it is gone`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
