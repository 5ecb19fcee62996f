// The daily purchase series of the brands, in a small file for the brands shown first (the top ones by
// revenue) and in shards (files) for all of them, so that a page loads only what it shows.
// brand_index.shard says which shard holds a brand; the number of shard files here must equal the
// modulus of brand_shard() in sql/macros.sql (a test checks it).
import {FileAttachment} from "observablehq:stdlib";

const SHARDS = [
  FileAttachment("../data/brand-shards/0.json"), FileAttachment("../data/brand-shards/1.json"), FileAttachment("../data/brand-shards/2.json"), FileAttachment("../data/brand-shards/3.json"),
  FileAttachment("../data/brand-shards/4.json"), FileAttachment("../data/brand-shards/5.json"), FileAttachment("../data/brand-shards/6.json"), FileAttachment("../data/brand-shards/7.json"),
  FileAttachment("../data/brand-shards/8.json"), FileAttachment("../data/brand-shards/9.json"), FileAttachment("../data/brand-shards/10.json"), FileAttachment("../data/brand-shards/11.json"),
  FileAttachment("../data/brand-shards/12.json"), FileAttachment("../data/brand-shards/13.json"), FileAttachment("../data/brand-shards/14.json"), FileAttachment("../data/brand-shards/15.json"),
  FileAttachment("../data/brand-shards/16.json"), FileAttachment("../data/brand-shards/17.json"), FileAttachment("../data/brand-shards/18.json"), FileAttachment("../data/brand-shards/19.json"),
  FileAttachment("../data/brand-shards/20.json"), FileAttachment("../data/brand-shards/21.json"), FileAttachment("../data/brand-shards/22.json"), FileAttachment("../data/brand-shards/23.json"),
  FileAttachment("../data/brand-shards/24.json"), FileAttachment("../data/brand-shards/25.json"), FileAttachment("../data/brand-shards/26.json"), FileAttachment("../data/brand-shards/27.json"),
  FileAttachment("../data/brand-shards/28.json"), FileAttachment("../data/brand-shards/29.json"), FileAttachment("../data/brand-shards/30.json"), FileAttachment("../data/brand-shards/31.json"),
];

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
  const shards = await Promise.all([...new Set(missing.map((b) => shardOf.get(b)))].map((i) => load(i, SHARDS[i])));
  for (const s of shards.flat()) found.set(s.brand, s);
  return new Map(brands.filter((b) => found.has(b)).map((b) => [b, found.get(b)]));
}
