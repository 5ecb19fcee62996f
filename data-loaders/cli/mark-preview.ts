// npm run mark-preview -- [SITE] [PREVIEW]: a copy of the built site (default dist/) with a "Preview"
// banner on every page (default dist-preview/), for review before publishing (see publish.yml).
import path from "node:path";
import { markPreview } from "../site/preview.ts";

const [from = "dist", to = "dist-preview"] = process.argv.slice(2);
try {
  const pages = markPreview(path.resolve(from), path.resolve(to));
  console.error(`Preview written to ${to}/: ${pages} pages with the preview banner; ${from}/ is unchanged.`);
} catch (error) {
  console.error(`Preview failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
