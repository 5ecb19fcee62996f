// The Atom feed of the digests, dist/feed.xml: one entry per build that published a site, newest first.
// The entries live in the cache (<cache>/digest/feed.json, saved with the rollups in CI), since a build
// writes a fresh dist/; a build that fails adds none.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../shared/atomic.ts";
import { readJsonFile } from "../shared/json-file.ts";
import { digestMarkdown, digestSummary, type Digest } from "./digest.ts";

/** How many builds the feed lists. */
const FEED_ENTRIES = 50;

const EntrySchema = z.object({ builtAt: z.iso.datetime(), title: z.string(), summary: z.string(), markdown: z.string() }).strict();
type Entry = z.infer<typeof EntrySchema>;
const EntriesSchema = z.array(EntrySchema);

export function feedEntriesPath(cacheDir: string): string {
  return path.join(cacheDir, "digest", "feed.json");
}

/**
 * The digest of the latest build as Markdown, written whether or not the build goes on to publish (a
 * blocking alert stops it after this), removed when a build starts: what publish.yml puts in the job
 * summary and sends.
 */
export function lastDigestPath(cacheDir: string): string {
  return path.join(cacheDir, "digest", "last-build.md");
}

const escapeXml = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

/** The entries recorded so far, with this build's first (at most FEED_ENTRIES). */
export function feedEntries(cacheDir: string, digest: Digest): Entry[] {
  const file = feedEntriesPath(cacheDir);
  const earlier = fs.existsSync(file) ? readJsonFile(file, EntriesSchema, "digest feed entries") : [];
  const entry = { builtAt: digest.builtAt, title: `${digest.title}, ${digest.builtAt.slice(0, 10)}: ${digestSummary(digest)}`, summary: digestSummary(digest), markdown: digestMarkdown(digest) };
  return [entry, ...earlier.filter((e) => e.builtAt !== entry.builtAt)].slice(0, FEED_ENTRIES);
}

/** Records the entries once the build that added the first of them has published its site. */
export function saveFeedEntries(cacheDir: string, entries: Entry[]): void {
  writeFileAtomic(feedEntriesPath(cacheDir), JSON.stringify(entries, null, 1));
}

/**
 * The feed as Atom XML (RFC 4287). `siteUrl`: the published site's address; without it the links are
 * relative to the feed, the site's own folder (the `feed` package insists on absolute links, hence these
 * lines). Every text is escaped, and entry contents are escaped again: readers take them as HTML.
 */
export function feedXml(entries: Entry[], title: string, siteUrl: string | null): string {
  const base = siteUrl ? siteUrl.replace(/\/?$/, "/") : "";
  const updated = entries[0]?.builtAt ?? new Date().toISOString();
  const entry = (e: Entry) => `  <entry>
    <id>urn:clickstream-report:build:${escapeXml(e.builtAt)}</id>
    <title>${escapeXml(e.title)}</title>
    <updated>${escapeXml(e.builtAt)}</updated>
    <link rel="alternate" href="${escapeXml(`${base}alerts.html`)}"/>
    <summary>${escapeXml(e.summary)}</summary>
    <content type="html">${escapeXml(`<pre>${escapeXml(e.markdown)}</pre>`)}</content>
  </entry>`;
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(siteUrl ? `${base}feed.xml` : `urn:clickstream-report:${encodeURIComponent(title)}`)}</id>
  <title>${escapeXml(`${title}: digests`)}</title>
  <author><name>${escapeXml(title)}</name></author>
  <updated>${escapeXml(updated)}</updated>
  <link rel="alternate" href="${escapeXml(base || "./")}"/>
  <link rel="self" href="${escapeXml(`${base}feed.xml`)}"/>
${entries.map(entry).join("\n")}
</feed>
`;
}
