// Audiences: groups of readers (a supplier's brand managers, a category team) who get a site of their
// own, built as if the data held only their events. Defined in clickstream.config.json ("audiences"):
//
//   { "name": "samsung", "title": "Samsung at the shop", "brands": ["samsung"], "categories": ["electronics"] }
//
// An event belongs to an audience when its brand is one of `brands` (compared without case and outer
// spaces, so "Samsung " is samsung) and its category_code is one of `categories` or below one of them
// (a prefix of the hierarchy: "electronics" holds electronics.smartphone, not electronics_old). A filter
// left out matches every event; given both, an event must pass both. Events without a brand or a
// category_code fail a filter on it. Audiences may overlap: an event can belong to several.
import { z } from "zod";
import { sqlString } from "../shared/sql-files.ts";

export const AudienceSchema = z
  .object({
    /** the folder of its site (dist/audiences/<name>/) and its cache: lower-case letters, digits and hyphens */
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "expected lower-case letters, digits and hyphens (it names a folder)"),
    /** the site's title (default: the shop's title and the audience's name) */
    title: z.string().min(1).optional(),
    /** brands as the data writes them (case and outer spaces aside) */
    brands: z.array(z.string().trim().min(1)).min(1).optional(),
    /** category codes or their prefixes, such as "electronics" or "electronics.audio" */
    categories: z.array(z.string().regex(/^[^.\s]+(\.[^.\s]+)*$/, "expected a category code such as electronics.audio")).min(1).optional(),
    /** the audience site's address, for the links of its feed (default: links relative to the feed) */
    siteUrl: z.url().optional(),
  })
  .strict()
  .refine((a) => a.brands || a.categories, "an audience needs brands, categories or both");

export type Audience = z.infer<typeof AudienceSchema>;

/** The audiences of a configuration, with unique names. */
export const AudiencesSchema = z.array(AudienceSchema).refine((list) => new Set(list.map((a) => a.name)).size === list.length, "two audiences have the same name");

/** True (in SQL, over the event columns) for the audience's events. */
export function audienceFilterSql(audience: Audience): string {
  const conditions: string[] = [];
  if (audience.brands) conditions.push(`lower(trim(brand)) IN (${audience.brands.map((b) => sqlString(b.trim().toLowerCase())).join(", ")})`);
  if (audience.categories) {
    conditions.push(`(${audience.categories.map((c) => `category_code = ${sqlString(c)} OR starts_with(category_code, ${sqlString(`${c}.`)})`).join(" OR ")})`);
  }
  return `coalesce(${conditions.join(" AND ")}, false)`;
}

/** The site's title. */
export function audienceTitle(audience: Audience, shopTitle: string): string {
  return audience.title ?? `${shopTitle}: ${audience.name}`;
}

/** The audience in words, for its site: "the events of brand samsung in category electronics (and below)". */
export function audienceDescription(audience: Audience): string {
  const list = (values: string[]) => (values.length === 1 ? values[0]! : `${values.slice(0, -1).join(", ")} or ${values.at(-1)}`);
  const brands = audience.brands ? ` of brand${audience.brands.length > 1 ? "s" : ""} ${list(audience.brands)}` : "";
  const categories = audience.categories ? ` in categor${audience.categories.length > 1 ? "ies" : "y"} ${list(audience.categories)} (and below)` : "";
  return `the events${brands}${categories}`;
}
