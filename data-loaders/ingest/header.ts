// Ingest, first stage: a file's name in the partitions and its header line, checked before any row is
// read.
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import zlib from "node:zlib";
import { EVENT_COLUMNS } from "../shared/layout.ts";

/** A problem with a whole file: nothing of it was written. */
export class IngestError extends Error {}

/** The name a source file's output takes: 2019-Oct.csv.gz -> 2019-Oct. */
export function sourceName(file: string): string {
  return path.basename(file).replace(/\.gz$/i, "").replace(/\.csv$/i, "").replace(/[^A-Za-z0-9._-]/g, "_");
}

/** The first line of a (possibly gzipped) file, or null when the file has no line at all. */
async function firstLine(file: string): Promise<string | null> {
  const raw = fs.createReadStream(file);
  const input = /\.gz$/i.test(file) ? raw.pipe(zlib.createGunzip()) : raw;
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) return line.replace(/^\uFEFF/, "");
    return null;
  } finally {
    lines.close();
    raw.destroy();
  }
}

/** Differences between a header and the layout's columns, as sentences; empty when it matches. */
export function headerDifferences(header: string): string[] {
  const found = header.split(",").map((name) => name.trim().replace(/^"(.*)"$/, "$1"));
  const expected = EVENT_COLUMNS.map((c) => c.name as string);
  if (found.join() === expected.join()) return [];
  const differences: string[] = [];
  const missing = expected.filter((name) => !found.includes(name));
  const extra = found.filter((name) => !expected.includes(name));
  if (missing.length) differences.push(`missing column${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}`);
  if (extra.length) differences.push(`unexpected column${extra.length > 1 ? "s" : ""}: ${extra.join(", ")}`);
  for (let i = 0; i < Math.max(found.length, expected.length); i++) {
    if (found[i] !== expected[i]) differences.push(`column ${i + 1} is ${found[i] === undefined ? "absent" : `"${found[i]}"`}, expected ${expected[i] === undefined ? "none" : `"${expected[i]}"`}`);
  }
  return differences;
}

/** The header's columns; throws an IngestError naming the file unless it exists and its header is the layout's columns. */
export async function checkHeader(file: string): Promise<string[]> {
  if (!fs.existsSync(file)) throw new IngestError(`${file}: no such file`);
  const header = await firstLine(file).catch((error: Error) => {
    throw new IngestError(`${file}: cannot be read (${error.message})`);
  });
  if (header === null || header.trim() === "") throw new IngestError(`${file}: the file is empty (no header line); nothing was written`);
  const differences = headerDifferences(header);
  if (differences.length) {
    throw new IngestError(`${file}, line 1: the header is not the expected columns (${EVENT_COLUMNS.map((c) => c.name).join(",")}); nothing was written:\n  - ${differences.join("\n  - ")}`);
  }
  return EVENT_COLUMNS.map((c) => c.name);
}
