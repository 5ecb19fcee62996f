// Observable Framework, run once per build on the pages in src/ and the page data already written to
// src/data/, into a staging folder; then the check that the built site loads nothing from another host.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../shared/sql-files.ts";

const FRAMEWORK = path.join(PROJECT_ROOT, "node_modules/@observablehq/framework/dist/bin/observable.js");
/** The pages' folder Framework builds from (observablehq.config.ts). */
export const SITE_ROOT = path.join(PROJECT_ROOT, "src");

/**
 * Framework's client imports some libraries lazily (for pages that use them; ours do not) and, when
 * bundling, asks the npm registry for their latest version unless its cache already holds a version
 * folder. These empty folders answer that question, so the build needs no network. The versions are
 * those the registry named for Framework 1.13.4; nothing of them is downloaded or shipped.
 */
const LAZY_CLIENT_LIBRARIES = [
  "@observablehq/plot@0.6.17", "@observablehq/sample-datasets@1.0.1", "apache-arrow@21.2.0", "arquero@8.0.3",
  "d3-dsv@3.0.2", "d3@7.9.2", "echarts@6.1.0", "htl@1.0.0", "leaflet@1.9.4", "lodash@4.18.1", "mapbox-gl@3.32.0",
  "parquet-wasm@0.8.0", "react-dom@19.3.1", "react@19.3.1", "topojson-client@3.1.0",
];

export function prepareOfflineBuild(root = SITE_ROOT): void {
  for (const library of LAZY_CLIENT_LIBRARIES) {
    fs.mkdirSync(path.join(root, ".observablehq", "cache", "_npm", library), { recursive: true });
  }
}

/**
 * A copy of the pages' folder to build another site from (an audience's) beside the one in src/: the
 * pages and components, and Framework's cache (bundled libraries), without src/data/. Inside the project,
 * so that Framework finds the libraries in node_modules/. Removed with the folder it is in.
 */
export function copySiteRoot(to: string): string {
  fs.cpSync(SITE_ROOT, to, {
    recursive: true,
    filter: (source) => {
      const relative = path.relative(SITE_ROOT, source);
      return relative !== "data" && !relative.startsWith(`.observablehq${path.sep}build.lock`);
    },
  });
  return to;
}

/** Runs `observable <command>` (build, preview) in the project; resolves with its exit code. */
export function runFramework(command: "build" | "preview", args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<number> {
  prepareOfflineBuild(env.CLICKSTREAM_SITE_ROOT ?? SITE_ROOT);
  // asynchronous, so that this process stays responsive (and its lock held) while Framework works
  const child = spawn(process.execPath, [FRAMEWORK, command, ...args], { cwd: PROJECT_ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/**
 * Builds the site of the pages in `root` (src/, or a copySiteRoot) into `output`; throws when Framework fails
 * or the site would load from other hosts.
 */
export async function buildSite(output: string, title?: string, root = SITE_ROOT): Promise<void> {
  const code = await runFramework("build", [], { CLICKSTREAM_SITE_OUTPUT: output, CLICKSTREAM_SITE_ROOT: root, ...(title ? { CLICKSTREAM_SITE_TITLE: title } : {}) });
  if (code !== 0) throw new Error(`Observable Framework build failed (exit code ${code})`);
  const external = externalReferences(output);
  if (external.length > 0) throw new Error(`the site would load from other hosts:\n${external.slice(0, 10).join("\n")}`);
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
