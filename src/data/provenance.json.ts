// data/provenance.json: the partitions the site was built from and the files ingested into them.
import { provenance } from "../../data-loaders/site-data.ts";

process.stdout.write(JSON.stringify(await provenance()));
