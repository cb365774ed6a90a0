/** Gitea 1.25.4's swagger from ../shared, loaded once; null (and one notice) when absent. */
import { readFileSync } from "node:fs";
import { sharedPath } from "../shared.js";
import {
  type SwaggerContract as Contract,
  SwaggerContract,
  type SwaggerDocument,
} from "./contract.js";

export const GITEA_SWAGGER = "gitea/swagger.v1.25.4.json";

let loaded: Contract | null | undefined;

export function giteaContract(): Contract | null {
  if (loaded !== undefined) return loaded;
  const path = sharedPath(
    GITEA_SWAGGER,
    "Gitea fake requests are not checked against the swagger contract",
  );
  loaded =
    path === null
      ? null
      : new SwaggerContract(JSON.parse(readFileSync(path, "utf8")) as SwaggerDocument);
  return loaded;
}
