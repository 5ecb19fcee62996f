// data/<snapshot>.parquet: the complete snapshot sql/<snapshot>.sql as Parquet, for download.
import { parseArgs } from "node:util";
import { snapshotBytes } from "../../data-loaders/site-data.ts";

const { values } = parseArgs({ options: { snapshot: { type: "string" } } });
process.stdout.write(await snapshotBytes(values.snapshot!, "parquet"));
