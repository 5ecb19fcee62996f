// Writes that never leave a half-written result behind: write aside, then rename into place.
import fs from "node:fs";
import path from "node:path";

/** A fresh sibling path to stage a file or folder before it replaces `target`. */
export function stagingPath(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.staging-${process.pid}-${Date.now()}`);
}

/** Writes a file atomically: readers see the old content or the new, never a part. */
export function writeFileAtomic(target: string, content: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staged = stagingPath(target);
  fs.writeFileSync(staged, content);
  fs.renameSync(staged, target);
}

/**
 * Puts the folder `staged` in the place of `target` (which may not exist). The old folder is moved
 * away first and deleted last, so a crash leaves either the old or the new folder at `target` plus a
 * hidden leftover, never a mix.
 */
export function replaceFolder(target: string, staged: string): void {
  const old = fs.existsSync(target) ? stagingPath(target) + ".old" : null;
  if (old) fs.renameSync(target, old);
  fs.renameSync(staged, target);
  if (old) fs.rmSync(old, { recursive: true, force: true });
}
