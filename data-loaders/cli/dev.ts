// npm run dev: the site in Framework's preview server, on the current snapshots.
import { spawn } from "node:child_process";
import path from "node:path";
import { currentSnapshots } from "../site-data.ts";
import { clearLoaderCache, prepareOfflineBuild } from "../site.ts";
import { PROJECT_ROOT } from "../sql-files.ts";

await currentSnapshots();
clearLoaderCache();
prepareOfflineBuild();
const args = [path.join(PROJECT_ROOT, "node_modules/@observablehq/framework/dist/bin/observable.js"), "preview", ...process.argv.slice(2)];
spawn(process.execPath, args, { cwd: PROJECT_ROOT, stdio: "inherit" }).on("exit", (code) => process.exit(code ?? 0));
