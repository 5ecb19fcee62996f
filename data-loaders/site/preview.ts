// The preview of a built site, for review before it is published (publish.yml): a copy of dist/ in which
// every page opens with a "Preview" banner. The site deployed after approval is dist/ itself, built in the
// same run, so reviewers see exactly its numbers, and the banner never reaches production.
import fs from "node:fs";
import path from "node:path";
import { replaceFolder, stagingPath } from "../shared/atomic.ts";

/** The banner, right after <body>: styled inline, the same in light and dark (the pages' CSS is not needed). */
export const PREVIEW_BANNER =
  '<div class="preview-banner" role="status" style="position:sticky;top:0;z-index:1000;padding:0.5rem 1rem;background:#ffd33d;color:#1b1f23;font:600 0.95rem system-ui,sans-serif;text-align:center;border-bottom:2px solid #1b1f23">' +
  "Preview: this site is not published yet. It goes live only when a reviewer approves the deployment.</div>";

function htmlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Copies the site `from` to `to` (replacing it, all at once) with the banner on every page; returns the pages marked. */
export function markPreview(from: string, to: string): number {
  const staging = stagingPath(to);
  fs.cpSync(from, staging, { recursive: true });
  try {
    const pages = htmlFiles(staging);
    for (const file of pages) {
      const html = fs.readFileSync(file, "utf8");
      if (!html.includes("<body>")) throw new Error(`${path.relative(staging, file)}: no <body> to put the preview banner after`);
      fs.writeFileSync(file, html.replace("<body>", `<body>${PREVIEW_BANNER}`));
    }
    if (pages.length === 0) throw new Error(`${from} holds no page`);
    replaceFolder(to, staging);
    return pages.length;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
