// The shared case tables tests/fixtures/locales.txt (one locale string →
// its chain, or a refusal) and tests/fixtures/accept-language.txt (a header
// → its chain), which the Rust library, the CLI and the service answer too
// (tests/it/tables.rs, tests/it/serve.rs): the package must give the same
// answer for every case.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { ErrcatError, catalog, explainNumber } from "../index.js";

/** The cases of a table: `"<JSON string>" => <answer>` lines, `#` comments. */
function cases(name) {
  const text = readFileSync(new URL(`../../tests/fixtures/${name}`, import.meta.url), "utf8");
  return text
    .split("\n")
    .map((line, i) => [line, i + 1])
    .filter(([line]) => line.trim() !== "" && !line.startsWith("#"))
    .map(([line, number]) => {
      const at = line.lastIndexOf(" => ");
      assert.ok(at > 0, `${name}:${number}: no \` => \``);
      return { line: number, input: JSON.parse(line.slice(0, at)), expected: line.slice(at + 4).trim() };
    });
}

/** `requested: first → … → last`, or the refusal's kind. */
function answer(resolve) {
  try {
    const { requested, locales } = resolve();
    return `${requested}: ${locales.join(" → ")}`;
  } catch (e) {
    if (e instanceof ErrcatError) return e.kind;
    throw e;
  }
}

function differences(name, resolve) {
  const all = cases(name);
  assert.ok(all.length > 40, `${name} has ${all.length} cases`);
  return all
    .map((c) => ({ ...c, got: answer(() => resolve(c.input)) }))
    .filter((c) => c.got !== c.expected)
    .map((c) => `${name}:${c.line}: ${JSON.stringify(c.input)}: expected ${c.expected}, got ${c.got}`);
}

test("locales.txt: one locale string gives the library's chain or refusal", () => {
  const found = differences("locales.txt", (input) => catalog.chainForLocale(input));
  assert.deepEqual(found, []);
});

test("accept-language.txt: a header gives the library's chain", () => {
  const found = differences("accept-language.txt", (input) => catalog.chainForAcceptLanguage(input));
  assert.deepEqual(found, []);
});

test("an explanation names the requested locale without its variants, as the library's does", () => {
  const e = explainNumber("planfix", 1000, "kk-KZ-variant1");
  assert.deepEqual([e.requested, e.locale], ["kk-KZ", "kk"]);
  assert.equal(catalog.chainForLocale("kk-KZ-variant1").requested, "kk-KZ-variant1");
});

test("locale-cases.json: thousands of generated strings, as one locale and as a header, get the library's answers", () => {
  const generated = JSON.parse(readFileSync(new URL("./locale-cases.json", import.meta.url), "utf8"));
  assert.ok(generated.length > 1000, `${generated.length} cases`);
  const found = [];
  for (const [input, single, header] of generated) {
    const got = answer(() => catalog.chainForLocale(input));
    if (got !== single) found.push(`${JSON.stringify(input)}: expected ${single}, got ${got}`);
    const gotHeader = answer(() => catalog.chainForAcceptLanguage(input));
    if (gotHeader !== header) found.push(`${JSON.stringify(input)} as a header: expected ${header}, got ${gotHeader}`);
  }
  assert.deepEqual(found, []);
});
