// The package answers as the Rust library does: for every code, a few
// unknown numbers, a Planfix success and every input of parity-inputs.json,
// the same chain and the same serving locale (test/parity-expected.json,
// written and checked by tests/it/npm.rs, which also checks that the
// package's data holds the library's texts for a code in that locale); for
// an unknown number or a success, the library's whole answer in that locale
// (`extras`: the number filled into the text); and the same reading and
// answer for raw responses.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { catalog, explainNumber, explainResponse, chain, ErrcatError } from "../index.js";

const read = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const expected = read("./parity-expected.json");
const texts = Object.fromEntries(catalog.locales.map((tag) => [tag, read(`../data/${tag}.json`)]));

/** An answer as the Rust library serializes it: without the package's `section`. */
const rust = ({ section, ...rest }) => rest;

test("the expected answers cover every input, code and shipped locale", () => {
  assert.deepEqual(
    expected.cases.map((c) => c.input),
    read("./parity-inputs.json"),
  );
  const served = new Set(expected.cases.flatMap((c) => Object.values(c.answers ?? {}).map(([l]) => l)));
  assert.deepEqual([...served].sort(), catalog.locales);
  // Every locale serves every unknown number and the success somewhere.
  assert.deepEqual(Object.keys(expected.extras).sort(), catalog.locales);
  const keys = (l) => Object.keys(expected.extras[l]).sort();
  for (const l of catalog.locales) assert.deepEqual(keys(l), keys("en"), l);
  // 7 unknown numbers in each of 3 catalogs, less 7 (a per-recipient code), and the Planfix success.
  assert.equal(keys("en").length, 21);
});

for (const c of expected.cases) {
  test(`parity: ${JSON.stringify(c.input)}`, () => {
    if (c.error) {
      assert.throws(() => chain(c.input), (e) => e instanceof ErrcatError && e.kind === c.error);
      return;
    }
    assert.deepEqual(chain(c.input), { requested: c.requested, locales: c.chain });
    let codes = 0;
    let extras = 0;
    for (const [code, [locale, fallback]] of Object.entries(c.answers)) {
      const [api, number] = code.split(":");
      if (number === "success") {
        const { explanation } = explainResponse('{"Result":"success"}', c.input);
        assert.deepEqual(rust(explanation), { ...expected.extras[locale][code], requested: c.explained, fallback }, code);
        extras += 1;
        continue;
      }
      const e = explainNumber(api, Number(number), c.input);
      if (e.kind === "unknown") {
        assert.deepEqual(rust(e), { ...expected.extras[locale][code], requested: c.explained, fallback }, code);
        assert.equal(e.section, null);
        extras += 1;
        continue;
      }
      const message = texts[locale].catalogs[api].messages[number];
      assert.deepEqual(
        [e.code, e.locale, e.fallback, e.requested, e.title, e.explanation, e.hint],
        [code, locale, fallback, c.explained, message.title, message.explanation, message.hint],
        code,
      );
      codes += 1;
    }
    // 20 Mobizon, 59 Planfix and 15 per-recipient codes.
    assert.deepEqual([codes, extras], [94, 21]);
  });
}

test("parity: raw responses", () => {
  for (const { input, outcome } of expected.responses) {
    let got;
    try {
      const { response, explanation } = explainResponse(input, "en");
      const { number, ...rest } = response;
      got = { response: { ...rest, code: number }, explanation: rust(explanation) };
    } catch (e) {
      if (!(e instanceof ErrcatError)) throw e;
      got = e.kind === "invalid-json" ? { error: e.kind } : { error: e.kind, message: e.message };
    }
    assert.deepEqual(got, outcome, input);
  }
});
