// Ingest, last stage: a staged file's month files, rejects and manifest entry swapped into the data
// folder, all or nothing.
//
// A file may cover several months, so the swap is several renames. They are listed first in a journal,
// <out>/_ingest/swap.json, written atomically: before it exists nothing has changed (an interrupted run
// leaves the previous partitions as they were); once it exists the swap is decided, and whoever finds it
// (the run itself, or the next ingest after a crash) carries it out to the end. Every step can be done
// twice, so finishing a half-done swap is safe. Builds refuse to read a data folder with a journal.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../shared/atomic.ts";
import { readJsonFile } from "../shared/json-file.ts";
import { monthFolder } from "../shared/layout.ts";
import { FileReportSchema, recordInManifest, type FileReport } from "./manifest.ts";

const SwapSchema = z
  .object({
    /** the staging folder the moves come from, relative to <out> */
    staging: z.string(),
    /** renames, relative to <out> */
    moves: z.array(z.object({ from: z.string(), to: z.string() }).strict()),
    /** files to delete, relative to <out>: what the same source wrote before and no longer writes */
    removals: z.array(z.string()),
    report: FileReportSchema,
  })
  .strict();

export type SwapPlan = z.infer<typeof SwapSchema>;

export function journalPath(out: string): string {
  return path.join(out, "_ingest", "swap.json");
}

/** Where a file's output is staged before the swap: inside <out>, so that the moves are renames. */
export function stagingFolder(out: string, name: string): string {
  return path.join(out, "_ingest", `.staging-${name}-${process.pid}-${Date.now()}`);
}

/**
 * The swap of a staged file: its month files replace those the same source wrote before (months it no
 * longer covers lose theirs), and its rejects file replaces the previous one.
 */
export function planSwap(out: string, staging: string, report: FileReport, previous: FileReport | undefined, rejects: string | null): SwapPlan {
  const relative = (file: string) => path.relative(out, file);
  const target = (month: string) => relative(path.join(monthFolder(out, month), `${report.name}.parquet`));
  const moves = report.months.map(({ month }) => ({ from: relative(path.join(monthFolder(staging, month), "part.parquet")), to: target(month) }));
  const removals = (previous?.months ?? []).filter((old) => !report.months.some((m) => m.month === old.month)).map((old) => target(old.month));
  const rejectsFile = path.join("_ingest", "rejects", `${report.name}.csv`);
  if (rejects) moves.push({ from: relative(rejects), to: rejectsFile });
  else removals.push(rejectsFile);
  return { staging: relative(staging), moves, removals, report };
}

/** Decides the swap: from now on it is carried out to the end, by this run or the next ingest. */
export function commitSwap(out: string, plan: SwapPlan): void {
  writeFileAtomic(journalPath(out), JSON.stringify(plan, null, 2));
}

/** Carries out a committed swap (each step may already have been done). */
export function finishSwap(out: string, plan: SwapPlan): void {
  for (const { from, to } of plan.moves) {
    const source = path.join(out, from);
    // a move done before an interruption has no source any more
    if (!fs.existsSync(source)) continue;
    fs.mkdirSync(path.dirname(path.join(out, to)), { recursive: true });
    fs.renameSync(source, path.join(out, to));
  }
  for (const removal of plan.removals) fs.rmSync(path.join(out, removal), { force: true });
  recordInManifest(out, plan.report);
  fs.rmSync(path.join(out, plan.staging), { recursive: true, force: true });
  fs.rmSync(journalPath(out));
}

/** The swap an interrupted ingest left decided but unfinished, if any. */
export function pendingSwap(out: string): SwapPlan | null {
  const file = journalPath(out);
  return fs.existsSync(file) ? readJsonFile(file, SwapSchema, "ingest swap journal") : null;
}

/**
 * Finishes the swap an interrupted ingest left, and removes staging folders of runs that stopped before
 * deciding theirs. Call with the ingest lock held. Returns the name of the file whose swap was finished.
 */
export function recoverInterruptedIngest(out: string): string | null {
  const pending = pendingSwap(out);
  if (pending) finishSwap(out, pending);
  const ingestDir = path.join(out, "_ingest");
  if (fs.existsSync(ingestDir)) {
    for (const name of fs.readdirSync(ingestDir).filter((n) => n.startsWith(".staging-"))) fs.rmSync(path.join(ingestDir, name), { recursive: true, force: true });
  }
  return pending?.report.name ?? null;
}
