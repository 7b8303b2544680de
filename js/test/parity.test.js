// The package answers as the Rust library does: for every code, a few
// unknown numbers and every input of parity-inputs.json, the same chain and
// the same serving locale (test/parity-expected.json, written and checked
// by tests/it/npm.rs, which also checks that the package's data holds the
// library's texts for that locale), and the same reading of raw responses.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { catalog, explainNumber, explainResponse, chain, ErrcatError } from "../index.js";

const read = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const expected = read("./parity-expected.json");
const texts = Object.fromEntries(catalog.locales.map((tag) => [tag, read(`../data/${tag}.json`)]));

test("the expected answers cover every input, code and shipped locale", () => {
  assert.deepEqual(
    expected.cases.map((c) => c.input),
    read("./parity-inputs.json"),
  );
  const served = new Set(expected.cases.flatMap((c) => Object.values(c.answers ?? {}).filter(Boolean).map(([l]) => l)));
  assert.deepEqual([...served].sort(), catalog.locales);
});

for (const c of expected.cases) {
  test(`parity: ${JSON.stringify(c.input)}`, () => {
    if (c.error) {
      assert.throws(() => chain(c.input), (e) => e instanceof ErrcatError && e.kind === c.error);
      return;
    }
    assert.deepEqual(chain(c.input), { requested: c.requested, locales: c.chain });
    let count = 0;
    for (const [code, answer] of Object.entries(c.answers)) {
      const [api, number] = code.split(":");
      const e = explainNumber(api, Number(number), c.input);
      if (answer === null) {
        assert.equal(e, undefined, code);
        continue;
      }
      const [locale, fallback] = answer;
      const message = texts[locale].catalogs[api].messages[number];
      assert.deepEqual(
        [e.code, e.locale, e.fallback, e.requested, e.title, e.explanation, e.hint],
        [code, locale, fallback, c.requested, message.title, message.explanation, message.hint],
        code,
      );
      count += 1;
    }
    assert.equal(count, 73);
  });
}

test("parity: raw responses", () => {
  for (const { input, outcome } of expected.responses) {
    let got;
    try {
      const { response, explanation } = explainResponse(input, "en");
      const code = `${response.catalog}:${response.number}`;
      got = explanation
        ? { code, message: response.message, data: response.data, result: response.result }
        : { unknown: code };
      if (explanation) assert.equal(explanation.code, code);
    } catch (e) {
      if (!(e instanceof ErrcatError)) throw e;
      got = e.kind === "invalid-json" ? { error: e.kind } : { error: e.kind, message: e.message };
    }
    assert.deepEqual(got, outcome, input);
  }
});
