// data/brand-list.json: the brands with a purchase, best first, as [brand, shard] pairs.
import { brandList } from "../../data-loaders/site-data.ts";

process.stdout.write(JSON.stringify(await brandList()));
