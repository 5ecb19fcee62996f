// data/definitions.json: the documentation written at the top of every snapshot's SQL file.
import { definitions } from "../../data-loaders/site-data.ts";

process.stdout.write(JSON.stringify(definitions()));
