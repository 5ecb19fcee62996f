// The daily purchase series of the brands: a small file for the brands shown first (the top ones by
// revenue) and one file per shard for all of them (brand_series.shard says which), so that a page loads
// only what it shows. The build names the shard files in data/brand-shards.js.
import {FileAttachment} from "observablehq:stdlib";
import {BRAND_SHARDS} from "../data/brand-shards.js";

const TOP = FileAttachment("../data/brand-top.json");

const loading = new Map();

function load(key, file) {
  if (!loading.has(key)) loading.set(key, file.json().then(({origin, series}) => series.map((s) => expand(origin, s))));
  return loading.get(key);
}

/** A series with its day numbers turned into UTC dates. */
function expand(origin, {brand, day, purchases, revenue}) {
  const start = Date.parse(`${origin}T00:00:00Z`);
  return {brand, dates: day.map((d) => new Date(start + d * 86_400_000)), purchases, revenue};
}

/** The series of the given brands ({brand, dates, purchases, revenue}), from the top file or their shards. */
export async function brandSeries(brands, shardOf) {
  const found = new Map((await load("top", TOP)).map((s) => [s.brand, s]));
  const missing = brands.filter((b) => !found.has(b));
  const shards = await Promise.all([...new Set(missing.map((b) => shardOf.get(b)))].map((i) => load(i, BRAND_SHARDS.get(i))));
  for (const s of shards.flat()) found.set(s.brand, s);
  return new Map(brands.filter((b) => found.has(b)).map((b) => [b, found.get(b)]));
}
