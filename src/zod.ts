/**
 * zod as deferbot writes its schemas: `zod/mini`, zod's own checks as functions instead of
 * methods, so a bundle carries only the ones it uses (import it as `import * as z`). Classic zod
 * attaches every method to every schema and loads all of them with the first: ~40 ms of CPU
 * before a one-shot command's first request. Its English messages are set here, as classic zod
 * sets them by default.
 */
import { config } from "zod/mini";
import en from "zod/v4/locales/en.js";

config(en());

export * from "zod/mini";
