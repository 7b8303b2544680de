// The resolver on its own: locale parsing, Accept-Language, lazy loading,
// unknown numbers, and the generated types.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import {
  Catalog,
  ErrcatError,
  catalog,
  chain,
  createCatalog,
  explainNumber,
  explainResponse,
  parseAcceptLanguage,
  parseLocale,
} from "../index.js";
import { renderTypes } from "../scripts/types.js";

const file = (path) => readFileSync(new URL(path, import.meta.url), "utf8");
const json = (path) => JSON.parse(file(path));

test("chains.txt, the library's own fixture, gives the same chains", () => {
  const lines = file("../../tests/fixtures/chains.txt")
    .split("\n")
    .filter((l) => l.trim() && !l.trim().startsWith("#"));
  assert.ok(lines.length > 10);
  for (const line of lines) {
    const [input, expected] = line.split("=>").map((s) => s.trim());
    const { requested, locales } = chain(input);
    assert.equal(`${requested}: ${locales.join(" → ")}`, expected, line);
  }
});

test("locales are parsed as the library parses them", () => {
  assert.equal(parseLocale("kk_KZ.UTF-8").tag, "kk-KZ");
  assert.equal(parseLocale("KK-cyrl-kz").tag, "kk-Cyrl-KZ");
  assert.equal(parseLocale("C.UTF-8").tag, "en");
  assert.equal(parseLocale("sl-rozaj-1994-rozaj").tag, "sl-1994-rozaj");
  for (const bad of ["", " ", "../..", "und", "kk-", "kk--KZ", "abcd", "kk-KZ-Cyrl", "ккк", "\ufeffkk", "k".repeat(256)]) {
    assert.throws(() => parseLocale(bad), (e) => e instanceof ErrcatError && e.kind === "invalid-locale", JSON.stringify(bad));
  }
});

test("Accept-Language: q-values, q=0, *, malformed ranges, `_` for `-` and a trailing `;`", () => {
  const tags = parseAcceptLanguage("ru;q=0.5, kk-KZ, uk;q=0.9, *;q=0.1, ??, de;q=0, en_US, fr;q=2, it;x").map(
    (r) => `${r.locale.tag}:${r.quality}`,
  );
  assert.deepEqual(tags, ["kk-KZ:1", "en-US:1", "uk:0.9", "ru:0.5"]);
  assert.deepEqual(
    parseAcceptLanguage("aa;, kk").map((r) => r.locale.tag),
    ["aa", "kk"],
  );
  // q=0 excludes a language even where the fallback table would add it.
  assert.deepEqual(chain("kk, ru;q=0"), { requested: "kk", locales: ["kk", "en"] });
  assert.deepEqual(chain("kk;q=0.5, uk"), { requested: "uk", locales: ["uk", "kk", "ru", "en"] });
  assert.deepEqual(chain("*, ??;q=0.5"), { requested: "en", locales: ["en"] });
  assert.deepEqual(chain([]), { requested: "en", locales: ["en"] });
  assert.deepEqual(chain(["ru-KZ", "kk"]), { requested: "ru-KZ", locales: ["ru", "kk", "en"] });
});

test("an unknown number has no explanation; an unknown catalog is an error", () => {
  assert.equal(explainNumber("mobizon", 7, "kk"), undefined);
  assert.equal(explainNumber("planfix", 1000.5, "kk"), undefined);
  assert.throws(() => explainNumber("jira", 1, "kk"), (e) => e.kind === "unknown-catalog");
  const { response, explanation } = explainResponse('{"Code": 4242, "Error": "?"}', "ru");
  assert.equal(explanation, undefined);
  assert.deepEqual(response, { catalog: "planfix", number: 4242, message: "?", data: null, result: null });
});

test("explains responses as parsed objects and with a forced catalog", () => {
  const { explanation } = explainResponse({ code: 30, data: [], message: "Too many requests" }, ["uk-UA"]);
  assert.equal(explanation.code, "mobizon:30");
  assert.equal(explanation.title, "Перевищено ліміт частоти запитів");
  const forced = explainResponse('{"code": 1, "Code": 30}', "en", { catalog: "planfix" });
  assert.equal(forced.explanation.code, "planfix:30");
});

test("lazy loading: the index, then only the locales a chain needs", () => {
  const index = json("../data/index.json");
  assert.equal(index.texts, undefined);
  const lazy = createCatalog(index, json("../data/en.json"));
  assert.deepEqual(lazy.missingLocales("kk-KZ"), ["kk", "ru"]);
  assert.throws(() => lazy.explainNumber("planfix", 1000, "kk-KZ"), (e) => e.kind === "not-loaded");
  assert.equal(lazy.explainNumber("planfix", 1000, "de").locale, "en");
  lazy.addLocale(json("../data/kk.json")).addLocale(json("../data/ru.json"));
  assert.deepEqual(lazy.missingLocales("kk-KZ"), []);
  const e = lazy.explainNumber("planfix", 1000, "kk-KZ");
  assert.deepEqual([e.locale, e.title], ["kk", "Тапсырма табылмады"]);
  assert.equal(lazy.sectionTitle("planfix", "tasks", "ru"), "Задачи");
  assert.equal(lazy.catalogTitle("mobizon", "kk"), "Mobizon SMS API");
  assert.equal(lazy.hash, catalog.hash);
});

test("a locale without a code's text falls back along its chain", () => {
  const index = json("../data/index.json");
  const kk = json("../data/kk.json");
  delete kk.catalogs.planfix.messages["1000"];
  const partial = new Catalog(index, [json("../data/en.json"), kk, json("../data/ru.json")]);
  const e = partial.explainNumber("planfix", 1000, "kk");
  assert.deepEqual([e.locale, e.fallback, e.requested], ["ru", true, "kk"]);
});

test("another export format is refused", () => {
  const index = { ...json("../data/index.json"), format: 2 };
  assert.throws(() => createCatalog(index), (e) => e.kind === "unsupported-format");
});

test("codes.d.ts is generated from the current registry", () => {
  assert.equal(file("../codes.d.ts"), renderTypes(json("../data/index.json")), "run `npm run generate`");
  assert.match(file("../codes.d.ts"), /export type Kind = .*"partial"/);
});
