// npm run dev: the site in Framework's preview server, on the current snapshots (built first if needed)
// and their page data.
import { resolveData } from "../demo/demo-data.ts";
import { digestOfBuild } from "../alerts/digest.ts";
import { cacheDir, loadConfig } from "../shared/config.ts";
import { defaultSettings } from "../shared/duckdb.ts";
import { runFramework } from "../site/framework.ts";
import { writePageData } from "../site/page-data.ts";
import { buildSnapshots } from "../snapshots/snapshots.ts";

const settings = defaultSettings(cacheDir());
const source = await resolveData(settings);
const build = await buildSnapshots({ dataRoot: source.root, demo: source.demo, cacheDir: cacheDir(), settings, log: console.error });
writePageData(build, digestOfBuild(build, loadConfig(), new Date().toISOString()));
process.exitCode = await runFramework("preview", process.argv.slice(2));
