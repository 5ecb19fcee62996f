// data/brand-top.json: the daily series of the brands with the most revenue, shown first.
import { topBrandSeries } from "../../data-loaders/site-data.ts";

process.stdout.write(JSON.stringify(await topBrandSeries()));
