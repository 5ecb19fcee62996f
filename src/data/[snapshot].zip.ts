// data/<snapshot>.zip: a snapshot with a month column, one <month>.json member per month ('all' too).
// Pages read a member, e.g. FileAttachment("data/product_leaderboard/2019-11.json").
import { parseArgs } from "node:util";
import { monthArchive } from "../../data-loaders/site-data.ts";

const { values } = parseArgs({ options: { snapshot: { type: "string" } } });
process.stdout.write(await monthArchive(values.snapshot!));
