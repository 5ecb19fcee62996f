// The ingest manifest: <out>/_ingest/manifest.json, one entry per ingested file (what it held, where it
// went, when). Builds read it back for the data quality page, so it is checked against this schema.
import path from "node:path";
import fs from "node:fs";
import { z } from "zod";
import { writeFileAtomic } from "../shared/atomic.ts";
import { readJsonFile } from "../shared/json-file.ts";
import { DriftFindingSchema, ProfileSchema } from "./drift.ts";

const count = z.number().int().min(0);

export const FileReportSchema = z
  .object({
    /** the source file as given, resolved */
    file: z.string(),
    /** its output name: month=YYYY-MM/<name>.parquet */
    name: z.string().regex(/^[A-Za-z0-9._-]+$/),
    bytes: count,
    fingerprint: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    rowsRead: count,
    rowsWritten: count,
    rowsRejected: count,
    months: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), rows: count }).strict()),
    /** relative to <out>, or null when nothing was rejected */
    rejectsFile: z.string().nullable(),
    ingestedAt: z.iso.datetime(),
    seconds: z.number().min(0),
    /** what the file holds (drift.ts); absent in entries written before profiles were recorded */
    profile: ProfileSchema.optional(),
    /** of `seconds`, the profile's */
    profileSeconds: z.number().min(0).optional(),
    /** how it departs from the files before it (warnings; a blocking finding stops the file) */
    drift: z.array(DriftFindingSchema).optional(),
  })
  .strict();

export type FileReport = z.infer<typeof FileReportSchema>;
export type MonthCount = FileReport["months"][number];

const ManifestSchema = z.object({ files: z.record(z.string(), FileReportSchema) }).strict();
export type Manifest = z.infer<typeof ManifestSchema>;

export function manifestPath(out: string): string {
  return path.join(out, "_ingest", "manifest.json");
}

/** The manifest of a data folder (empty when nothing was ingested there, as for the demo). */
export function readManifest(out: string): Manifest {
  const file = manifestPath(out);
  return fs.existsSync(file) ? readJsonFile(file, ManifestSchema, "ingest manifest") : { files: {} };
}

/** Records a file's report in the manifest (replacing an earlier one of the same name). */
export function recordInManifest(out: string, report: FileReport): void {
  const manifest = readManifest(out);
  manifest.files[report.name] = report;
  writeFileAtomic(manifestPath(out), `${JSON.stringify(manifest, null, 2)}\n`);
}
