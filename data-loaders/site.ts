// The site build's helpers: Framework's loader cache, and the check that the built site loads nothing
// from another host.
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "./sql-files.ts";

/**
 * Framework reuses a cached loader output whatever changed since; our loaders are cheap (they reuse the
 * snapshot cache), so every build runs them again instead. Only src/data outputs are dropped; the
 * bundled npm modules stay cached.
 */
export function clearLoaderCache(): void {
  fs.rmSync(path.join(PROJECT_ROOT, "src", ".observablehq", "cache", "data"), { recursive: true, force: true });
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** References in the built site that a browser would fetch from a host other than the site's own. */
export function externalReferences(dir: string): string[] {
  const patterns = [
    /\b(?:src|href|action|poster)\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi, // HTML attributes
    /url\(\s*["']?((?:https?:)?\/\/[^"')\s]+)/gi, // CSS url()
    /@import\s+["']((?:https?:)?\/\/[^"']+)/gi, // CSS @import
    /\bimport\s*(?:[\w*{}\s,]+from\s*)?\(?\s*["']((?:https?:)?\/\/[^"']+)/g, // JS imports
  ];
  const found: string[] = [];
  for (const file of filesUnder(dir).filter((f) => /\.(html|css|js)$/.test(f))) {
    const text = fs.readFileSync(file, "utf8");
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) found.push(`${path.relative(dir, file)}: ${match[1]}`);
    }
  }
  return found;
}
