// The Chromium the browser tests and the benchmark drive with playwright-core. In order of preference:
// CHROMIUM_PATH; a Chromium installed on the system; the Chromium build that the npm package
// @sparticuz/chromium ships (so that `npm install` is all a bare machine needs). The npm build is
// unpacked once into node_modules/.cache/, written aside and moved into place so that two processes
// starting at once never run a half-written browser.
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { stagingPath } from "../shared/atomic.ts";
import { PROJECT_ROOT } from "../shared/sql-files.ts";

/** Where Debian, Ubuntu, Fedora and Homebrew put Chromium or Chrome. */
export const SYSTEM_CHROMIUMS = [
  "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable",
  "/Applications/Chromium.app/Contents/MacOS/Chromium", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];

/** Headless, no sandbox (tests run as root in CI), and none of the background connections a closed network refuses. */
export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

export interface ChromiumChoice {
  path: string;
  source: "CHROMIUM_PATH" | "system" | "npm";
}

const NPM_CACHE = path.join(PROJECT_ROOT, "node_modules", ".cache", "clickstream-chromium");

/** The npm package's Chromium, unpacked on first use. */
async function npmChromium(): Promise<string> {
  const { version } = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "node_modules", "@sparticuz", "chromium", "package.json"), "utf8")) as { version: string };
  const dir = path.join(NPM_CACHE, version);
  const binary = path.join(dir, "chromium");
  if (fs.existsSync(binary)) return binary;
  const { default: packaged } = await import("@sparticuz/chromium");
  const staging = stagingPath(dir);
  fs.mkdirSync(staging, { recursive: true });
  // the package unpacks into the temporary folder; point it at ours for the call
  const tmpdir = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  try {
    await packaged.executablePath();
  } finally {
    if (tmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdir;
  }
  try {
    fs.renameSync(staging, dir);
  } catch (error) {
    // another process moved its copy into place first
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(binary)) throw error;
  }
  return binary;
}

/**
 * Which Chromium to use. `system` lists the places a system Chromium may be; CLICKSTREAM_NO_SYSTEM_CHROMIUM=1
 * ignores them (to check that the npm Chromium alone is enough).
 */
export async function findChromium(env: NodeJS.ProcessEnv = process.env, system = SYSTEM_CHROMIUMS): Promise<ChromiumChoice> {
  if (env.CHROMIUM_PATH) {
    if (!fs.existsSync(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH is ${env.CHROMIUM_PATH}, which does not exist`);
    return { path: env.CHROMIUM_PATH, source: "CHROMIUM_PATH" };
  }
  const installed = env.CLICKSTREAM_NO_SYSTEM_CHROMIUM === "1" ? undefined : system.find((candidate) => fs.existsSync(candidate));
  if (installed) return { path: installed, source: "system" };
  return { path: await npmChromium(), source: "npm" };
}

export async function launchChromium(choice?: ChromiumChoice): Promise<Browser> {
  const { path: executablePath } = choice ?? (await findChromium());
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}
