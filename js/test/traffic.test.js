// Real traffic: the response bodies of ../tests/fixtures/traffic.txt (the
// shapes the vendors' documents and public clients show; each case names
// its source), each read by the package as the case expects, the same file
// the Rust library, the CLI and the service run (tests/it/traffic.rs).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";

import { explainResponse, ErrcatError } from "../index.js";

const path = new URL("../../tests/fixtures/traffic.txt", import.meta.url);

/** Blocks of `source:`, optional `catalog:`, `body:`, `expect:`. */
function cases() {
  const out = [];
  let current = null;
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (line.startsWith("#")) return;
      if (line.trim() === "") {
        if (current) out.push(current);
        current = null;
        return;
      }
      current ??= { line: i + 1, catalog: undefined };
      const at = line.indexOf(": ");
      const [key, value] = at < 0 ? [line, ""] : [line.slice(0, at), line.slice(at + 2)];
      current[key] = value;
    });
  if (current) out.push(current);
  return out;
}

/** An answer as the file writes it, as tests/it/traffic.rs's `token`. */
function token(answer) {
  const e = answer.explanation;
  let t = e.kind === "unknown" ? `${e.catalog}:unknown:${e.number}` : e.code;
  const items = answer.response.recipients;
  if (items && answer.response.catalog !== "mobizon-recipient") {
    t += ` recipients ${items.map((i) => (i.code === null ? "?" : String(i.code))).join(",")}`;
  }
  return t;
}

const PROBLEMS = { "no-code-field": "no-code" };

test("the package reads real traffic as the vendors send it", { skip: !existsSync(path) && "outside the repository" }, () => {
  const all = cases();
  assert.ok(all.length >= 150, `${all.length} cases`);
  const wrong = [];
  for (const c of all) {
    let got;
    try {
      got = token(explainResponse(c.body, "en", { catalog: c.catalog }));
    } catch (e) {
      if (!(e instanceof ErrcatError)) throw e;
      got = e.kind === "invalid-json" ? "error:invalid-json" : `error:${PROBLEMS[e.problem] ?? e.problem ?? e.kind}`;
    }
    if (got !== c.expect) wrong.push(`traffic.txt:${c.line}: expected ${c.expect}, got ${got}`);
  }
  assert.deepEqual(wrong, []);
});
