// data/brand-shards.zip: the daily purchase series of every brand, in <shard>.json members.
import { brandShardArchive } from "../../data-loaders/site-data.ts";

process.stdout.write(await brandShardArchive());
