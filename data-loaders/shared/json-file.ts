// JSON files the project writes and reads back (configuration, ingest manifest, build records, demo
// marker) are checked against a schema when read, so a hand-edited or damaged file stops a command with
// a message naming the file and each problem instead of flowing into SQL or pages.
import fs from "node:fs";
import type { z } from "zod";

export function readJsonFile<T extends z.ZodType>(file: string, schema: T, what = "file"): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`cannot read the ${what} ${file}: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join(".") || "(top level)"}: ${issue.message}`);
    throw new Error(`the ${what} ${file} is not valid:\n${problems.join("\n")}`);
  }
  return parsed.data;
}
