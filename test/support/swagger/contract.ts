/**
 * Checks a request against a Swagger 2.0 document: the path must match a template under
 * `basePath`, the method must exist for it, every query parameter must be declared, and every
 * top-level body field must be a property of the body schema. Returns violations as sentences.
 */

interface SwaggerParameter {
  name: string;
  in: string;
  schema?: SwaggerSchema;
}

interface SwaggerSchema {
  $ref?: string;
  type?: string;
  properties?: Record<string, unknown>;
}

interface SwaggerOperation {
  parameters?: SwaggerParameter[];
}

export interface SwaggerDocument {
  basePath?: string;
  paths: Record<string, Record<string, unknown>>;
  definitions?: Record<string, SwaggerSchema>;
  securityDefinitions?: Record<string, { in?: string; name?: string }>;
}

export interface ContractRequest {
  method: string;
  /** Pathname as sent (percent-encoded), including the base path. */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
}

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch"]);

interface CompiledPath {
  template: string;
  matchers: ({ literal: string } | { pattern: RegExp; greedy: boolean })[];
  item: Record<string, unknown>;
}

function compile(template: string, item: Record<string, unknown>): CompiledPath {
  const parts = template.split("/").filter(Boolean);
  const matchers = parts.map((part, index) => {
    if (!part.includes("{")) return { literal: part };
    // `{filepath}` as the last segment takes the rest of the path (Gitea routes `contents/*`).
    const greedy = part === "{filepath}" && index === parts.length - 1;
    const source = part
      .split(/(\{\w+\})/)
      .map((piece) =>
        /^\{\w+\}$/.test(piece) ? "([^/]+?)" : piece.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
      )
      .join("");
    return { pattern: new RegExp(`^${source}$`), greedy };
  });
  return { template, matchers, item };
}

/** Literal segments outrank parameters, earliest segment first (Gitea's router order). */
function specificity(path: CompiledPath): string {
  return path.matchers.map((m) => ("literal" in m ? "1" : "0")).join("");
}

function matches(path: CompiledPath, segments: string[]): boolean {
  for (let i = 0; i < path.matchers.length; i++) {
    const matcher = path.matchers[i];
    const segment = segments[i];
    if (matcher === undefined || segment === undefined) return false;
    if ("literal" in matcher) {
      if (decodeURIComponent(segment) !== matcher.literal) return false;
    } else if (matcher.greedy) {
      return true;
    } else if (!matcher.pattern.test(segment)) {
      return false;
    }
  }
  return segments.length === path.matchers.length;
}

export class SwaggerContract {
  readonly #basePath: string;
  readonly #paths: CompiledPath[];
  readonly #definitions: Record<string, SwaggerSchema>;
  readonly #authQuery: Set<string>;

  constructor(document: SwaggerDocument) {
    this.#basePath = (document.basePath ?? "").replace(/\/+$/, "");
    this.#definitions = document.definitions ?? {};
    this.#paths = Object.entries(document.paths)
      .map(([template, item]) => compile(template, item))
      .sort((a, b) =>
        specificity(a) < specificity(b) ? 1 : specificity(a) > specificity(b) ? -1 : 0,
      );
    this.#authQuery = new Set(
      Object.values(document.securityDefinitions ?? {})
        .filter((definition) => definition.in === "query" && definition.name)
        .map((definition) => definition.name as string),
    );
  }

  check(request: ContractRequest): string[] {
    const method = request.method.toLowerCase();
    const label = `${request.method.toUpperCase()} ${request.path}`;
    if (!request.path.startsWith(`${this.#basePath}/`)) {
      return [`${label}: path is outside the API base path ${this.#basePath}`];
    }
    const segments = request.path.slice(this.#basePath.length).split("/").filter(Boolean);
    const path = this.#paths.find((candidate) => matches(candidate, segments));
    if (!path) return [`${label}: no path in the contract matches`];
    const operation = METHODS.has(method)
      ? (path.item[method] as SwaggerOperation | undefined)
      : undefined;
    if (!operation) {
      return [
        `${label}: method ${request.method.toUpperCase()} is not in the contract for ${path.template}`,
      ];
    }
    const parameters = [
      ...((path.item.parameters as SwaggerParameter[] | undefined) ?? []),
      ...(operation.parameters ?? []),
    ];
    const violations: string[] = [];
    const declaredQuery = new Set(parameters.filter((p) => p.in === "query").map((p) => p.name));
    for (const name of new Set(request.query.keys())) {
      if (!declaredQuery.has(name) && !this.#authQuery.has(name)) {
        violations.push(`${label}: query parameter "${name}" is not declared for ${path.template}`);
      }
    }
    violations.push(...this.#checkBody(label, path.template, parameters, request.body));
    return violations;
  }

  #checkBody(
    label: string,
    template: string,
    parameters: SwaggerParameter[],
    body: unknown,
  ): string[] {
    if (body === undefined) return [];
    const bodyParameter = parameters.find((p) => p.in === "body");
    if (!bodyParameter) return [`${label}: ${template} takes no request body`];
    const schema = this.#resolve(bodyParameter.schema);
    if (typeof body !== "object" || body === null || Array.isArray(body)) return [];
    if (!schema?.properties) return [];
    const properties = schema.properties;
    return Object.keys(body)
      .filter((field) => !(field in properties))
      .map(
        (field) =>
          `${label}: body field "${field}" is not a property of ${schemaName(bodyParameter.schema)}`,
      );
  }

  #resolve(schema: SwaggerSchema | undefined): SwaggerSchema | undefined {
    let current = schema;
    for (let depth = 0; current?.$ref && depth < 10; depth++) {
      const name = current.$ref.replace("#/definitions/", "");
      current = this.#definitions[name];
    }
    return current;
  }
}

function schemaName(schema: SwaggerSchema | undefined): string {
  return schema?.$ref?.replace("#/definitions/", "") ?? "the body schema";
}
