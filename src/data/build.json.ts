// data/build.json: when the site was built, from which data (and whether it is the demo dataset).
import { buildInfo } from "../../data-loaders/site-data.ts";

process.stdout.write(JSON.stringify(await buildInfo()));
