/**
 * A YAML document in the plain shape configuration files are written in, read without the yaml
 * library: a block mapping at the left margin whose values are scalars on the key's line, flow
 * sequences of scalars on one line, nested block mappings, or block sequences of scalars; blank
 * lines and comments anywhere. Scalars are plain words, single- or double-quoted text without
 * escapes, decimal integers, booleans and nulls, resolved as YAML 1.2's core schema does.
 *
 * Anything else is NOT_PLAIN, and the caller reads the file with yaml: flow mappings, multi-line
 * or block scalars, floats, anchors, aliases, tags, directives, escapes, tabs, carriage returns,
 * duplicate keys, a sequence at its key's indentation, a `:` or `#` inside a plain scalar, a key
 * that is not a plain word. test/core/config/plain-yaml.test.ts holds every value returned here
 * equal to yaml's, on generated documents in and around this shape.
 */

export const NOT_PLAIN: unique symbol = Symbol("not plain YAML");

export type PlainValue = null | boolean | number | string | PlainValue[] | PlainMap;
export interface PlainMap {
  [key: string]: PlainValue;
}

/** Printable text and line feeds: no tab, carriage return, BOM or other control or line-break character. */
const PRINTABLE =
  /^[\n\x20-\x7E\u00A0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
/** A key: a plain word, well inside yaml's limit of 1024 characters for an implicit key. */
const KEY = /^([A-Za-z][A-Za-z0-9_-]{0,99}):(?= |$)/;
const NULLS = new Set(["~", "null", "Null", "NULL"]);
const BOOLEANS = new Map([
  ["true", true],
  ["True", true],
  ["TRUE", true],
  ["false", false],
  ["False", false],
  ["FALSE", false],
]);
const INTEGER = /^[-+]?[0-9]+$/;
/** Floats, .inf, .nan, dates, versions: numbers other than decimal integers are left to yaml. */
const NUMBER_LIKE = /^[-+.0-9]/;
/** YAML's indicator characters, which a plain scalar may not start with. */
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;
const BLOCK_PLAIN_STOP = /[:#]/;
const FLOW_PLAIN_STOP = /[:#,[\]{}]/;
/** What may follow a value on its line: nothing, or spaces and a comment. */
const LINE_END = /^(?: +(?:#.*)?)?$/;

interface Line {
  indent: number;
  text: string;
}

export function parsePlainYaml(text: string): PlainValue | typeof NOT_PLAIN {
  if (!PRINTABLE.test(text)) return NOT_PLAIN;
  const lines: Line[] = [];
  for (const raw of text.split("\n")) {
    const indent = raw.search(/[^ ]/);
    if (indent < 0 || raw[indent] === "#") continue;
    lines.push({ indent, text: raw.slice(indent) });
  }
  if (lines.length === 0) return null;
  if (lines[0]?.indent !== 0) return NOT_PLAIN;
  const reader = new BlockReader(lines);
  const root = reader.map(0);
  // A line left over sits where no block takes it: a continuation yaml would fold, or a mistake.
  return reader.done ? root : NOT_PLAIN;
}

class BlockReader {
  #at = 0;

  constructor(private readonly lines: readonly Line[]) {}

  get done(): boolean {
    return this.#at === this.lines.length;
  }

  map(indent: number): PlainMap | typeof NOT_PLAIN {
    const map: PlainMap = {};
    for (let line = this.#line(indent); line !== undefined; line = this.#line(indent)) {
      const key = KEY.exec(line.text);
      if (key === null) return NOT_PLAIN;
      const name = key[1] as string;
      if (NULLS.has(name) || BOOLEANS.has(name) || Object.hasOwn(map, name)) return NOT_PLAIN;
      this.#at++;
      const rest = line.text.slice(key[0].length);
      const value = LINE_END.test(rest) ? this.#nested(indent) : inlineValue(rest);
      if (value === NOT_PLAIN) return NOT_PLAIN;
      map[name] = value;
    }
    return map;
  }

  #seq(indent: number): PlainValue[] | typeof NOT_PLAIN {
    const items: PlainValue[] = [];
    for (let line = this.#line(indent); line !== undefined; line = this.#line(indent)) {
      if (!line.text.startsWith("- ") || LINE_END.test(line.text.slice(1))) return NOT_PLAIN;
      this.#at++;
      const value = inlineValue(line.text.slice(1));
      if (value === NOT_PLAIN) return NOT_PLAIN;
      items.push(value);
    }
    return items;
  }

  /** The value of a key with nothing after its colon: the block below it, or null. */
  #nested(indent: number): PlainValue | typeof NOT_PLAIN {
    const next = this.lines[this.#at];
    if (next === undefined || next.indent <= indent) return null;
    return next.text === "-" || next.text.startsWith("- ")
      ? this.#seq(next.indent)
      : this.map(next.indent);
  }

  /** The next line when it sits at `indent`. */
  #line(indent: number): Line | undefined {
    const line = this.lines[this.#at];
    return line?.indent === indent ? line : undefined;
  }
}

/** The value after `key:` or `- ` (`rest` starts with the space), up to an optional comment. */
function inlineValue(rest: string): PlainValue | typeof NOT_PLAIN {
  const start = rest.search(/[^ ]/);
  const scalar = rest[start] === "[" ? flowSequence(rest, start) : scalarAt(rest, start, false);
  if (scalar === NOT_PLAIN || !LINE_END.test(rest.slice(scalar.end))) return NOT_PLAIN;
  return scalar.value;
}

interface Scanned {
  value: PlainValue;
  end: number;
}

/** `[a, "b", 3]` on one line: scalars only, no trailing comma. */
function flowSequence(text: string, open: number): Scanned | typeof NOT_PLAIN {
  const items: PlainValue[] = [];
  let at = skipSpaces(text, open + 1);
  if (text[at] === "]") return { value: items, end: at + 1 };
  for (;;) {
    const item = scalarAt(text, at, true);
    if (item === NOT_PLAIN) return NOT_PLAIN;
    items.push(item.value);
    at = skipSpaces(text, item.end);
    if (text[at] === "]") return { value: items, end: at + 1 };
    if (text[at] !== ",") return NOT_PLAIN;
    at = skipSpaces(text, at + 1);
  }
}

function scalarAt(text: string, at: number, flow: boolean): Scanned | typeof NOT_PLAIN {
  const first = text[at];
  if (first === '"') {
    const close = text.indexOf('"', at + 1);
    const body = text.slice(at + 1, close);
    return close < 0 || body.includes("\\") ? NOT_PLAIN : { value: body, end: close + 1 };
  }
  if (first === "'") {
    for (let from = at + 1; ; ) {
      const quote = text.indexOf("'", from);
      if (quote < 0) return NOT_PLAIN;
      if (text[quote + 1] === "'") {
        from = quote + 2;
        continue;
      }
      return { value: text.slice(at + 1, quote).replaceAll("''", "'"), end: quote + 1 };
    }
  }
  const stop = flow ? /[,\]]| #/g : / #/g;
  stop.lastIndex = at;
  const end = stop.exec(text)?.index ?? text.length;
  const token = text.slice(at, end).replace(/ +$/, "");
  const value = plainScalar(token, flow);
  return value === NOT_PLAIN ? NOT_PLAIN : { value, end: at + token.length };
}

function plainScalar(token: string, flow: boolean): PlainValue | typeof NOT_PLAIN {
  if (token === "") return NOT_PLAIN;
  if (INTEGER.test(token)) return Number.parseInt(token, 10);
  if (NUMBER_LIKE.test(token) || INDICATOR.test(token)) return NOT_PLAIN;
  if ((flow ? FLOW_PLAIN_STOP : BLOCK_PLAIN_STOP).test(token)) return NOT_PLAIN;
  if (NULLS.has(token)) return null;
  return BOOLEANS.get(token) ?? token;
}

function skipSpaces(text: string, at: number): number {
  while (text[at] === " ") at++;
  return at;
}
