import { fileURLToPath } from "node:url";
import { PermanentError } from "../core/errors.js";

/** File channels take their directory as feedDir, or as AdapterOptions.baseUrl given as a path or a file: URL. */
export function feedDirFrom(baseUrl: string, channel: string, feedDir?: string): string {
  if (feedDir) return feedDir;
  if (baseUrl.startsWith("file:")) return fileURLToPath(baseUrl);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(baseUrl) || baseUrl.trim() === "") {
    throw new PermanentError(
      `This channel writes files: give feedDir, or a directory path / file: URL as baseUrl (got "${baseUrl}")`,
      "NOT_A_DIRECTORY",
      channel,
    );
  }
  return baseUrl;
}
