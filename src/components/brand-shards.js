// The daily purchase series of every brand, split into shards (files) so that a page loads only the
// shards of the brands it shows. brand_index.shard says which shard holds a brand; the number of files
// here must equal the modulus of brand_shard() in sql/macros.sql (a test checks it).
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

export const SHARD_COUNT = SHARDS.length;

const loading = new Map();

/** The series of the brands in a shard: [{brand, day: [...], purchases: [...], revenue: [...]}]. */
export function loadShard(shard) {
  if (!loading.has(shard)) loading.set(shard, SHARDS[shard].json());
  return loading.get(shard);
}
