// data/<snapshot>.json: every row of the snapshot sql/<snapshot>.sql.
import { parseArgs } from "node:util";
import { snapshotBytes } from "../../data-loaders/site-data.ts";

const { values } = parseArgs({ options: { snapshot: { type: "string" } } });
process.stdout.write(await snapshotBytes(values.snapshot!, "json"));
