// The resolver on its own: locale parsing, Accept-Language, lazy loading,
// unknown numbers and Planfix successes, and the generated types.

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

test("an unknown number gets the catalog's unknown-code text, with the number in it", () => {
  assert.deepEqual(explainNumber("mobizon", 7, "kk-KZ"), {
    code: "mobizon:7",
    catalog: "mobizon",
    number: 7,
    name: "unknown-code",
    kind: "unknown",
    section: null,
    requested: "kk-KZ",
    locale: "kk",
    fallback: false,
    title: "Белгісіз жауап коды: 7",
    explanation:
      "Mobizon API осы каталогта жоқ 7 кодын қайтарды: бұл жаңа код немесе сіздің аккаунтыңызға ғана тән код болуы мүмкін. Не болғаны әдетте жауаптың `message` өрісінде сипатталады.",
    hint: "Жауаптың `message` өрісін қараңыз; код қайталана берсе, оның мағынасын Mobizon қолдау қызметінен нақтылаңыз.",
  });
  // Every digit, no grouping; negative numbers and numbers beyond 2^53 too.
  assert.equal(explainNumber("planfix", 1234567, "uk").title, "Невідомий код помилки 1234567");
  assert.equal(explainNumber("planfix", -7, "en").code, "planfix:-7");
  assert.equal(explainNumber("planfix", 2 ** 60, "en").title, "Unknown error code 1152921504606846976");
  assert.equal(explainNumber("planfix", -(2 ** 63), "en").number, -(2 ** 63));
  const de = explainNumber("planfix", 77, "de");
  assert.deepEqual([de.locale, de.fallback, de.requested, de.kind], ["en", true, "de", "unknown"]);
  // -0 is 0, a code.
  assert.equal(explainNumber("mobizon", -0, "en").code, "mobizon:0");
  for (const bad of [1000.5, NaN, Infinity, 2 ** 63, -(2 ** 63) * 2, "7", 7n, null]) {
    assert.throws(() => explainNumber("planfix", bad, "en"), (e) => e instanceof ErrcatError && e.kind === "invalid-number", String(bad));
  }
  assert.throws(() => explainNumber("jira", 1, "kk"), (e) => e.kind === "unknown-catalog");
  assert.throws(() => explainNumber("toString", 1, "kk"), (e) => e.kind === "unknown-catalog");
  const { response, explanation } = explainResponse('{"Code": 4242, "Error": "?"}', "ru");
  assert.deepEqual(response, { catalog: "planfix", number: 4242, message: "?", data: null, result: null });
  assert.deepEqual([explanation.code, explanation.kind, explanation.title], ["planfix:4242", "unknown", "Неизвестный код ошибки 4242"]);
});

test("a Planfix success gets Planfix's success text", () => {
  const { response, explanation } = explainResponse('{"Result": "success", "task": {"id": 7}}', "ru");
  assert.deepEqual(response, { catalog: "planfix", number: null, message: null, data: null, result: "success" });
  assert.deepEqual(explanation, {
    code: "planfix:success",
    catalog: "planfix",
    number: null,
    name: "success",
    kind: "success",
    section: null,
    requested: "ru",
    locale: "ru",
    fallback: false,
    title: "Запрос выполнен успешно",
    explanation: "API Planfix успешно обработал запрос: поле `result` ответа содержит `success`, кода ошибки в ответе нет.",
    hint: null,
  });
  // Planfix's keys are read in any case: a code beside `success` is shown, never hidden.
  assert.equal(explainResponse({ Result: "success", code: 5 }, "en").explanation.code, "planfix:5");
  assert.equal(explainResponse({ Result: "success" }, "en", { catalog: "planfix" }).explanation.code, "planfix:success");
  // With a code it is no success; forced to Mobizon, Planfix's `result` refuses the reading.
  assert.equal(explainResponse({ Result: "success", Code: 1000 }, "en").explanation.code, "planfix:1000");
  assert.throws(
    () => explainResponse({ Result: "success" }, "en", { catalog: "mobizon" }),
    (e) => e.kind === "invalid-response" && e.message === "invalid response: the field `result` shows the response is not from the mobizon catalog",
  );
  // The value is read as the keys are, in any ASCII case.
  assert.equal(explainResponse({ Result: "Success" }, "en").explanation.code, "planfix:success");
  assert.throws(() => explainResponse(Object.create({ Result: "success" }), "en"), (e) => e.kind === "invalid-response");
});

test("the placeholders of an extra message are filled in once, a missing value left as it is", () => {
  const index = json("../data/index.json");
  const en = json("../data/en.json");
  en.catalogs.planfix.extras["unknown-code"] = {
    title: "Code {$number}: {$message}",
    explanation: "{$number} {$other} {$number}",
    hint: "{ $number } {$$number}",
  };
  const custom = createCatalog(index, en);
  const { explanation } = custom.explainResponse({ Code: 77, Error: "says {$number} and $& $1" }, "en");
  assert.deepEqual(
    [explanation.title, explanation.explanation, explanation.hint],
    ["Code 77: says {$number} and $& $1", "77 {$other} 77", "{ $number } {$$number}"],
  );
  // explainNumber has no server text: `{$message}` stays, as in the library.
  assert.equal(custom.explainNumber("planfix", 77, "en").title, "Code 77: {$message}");
});

test("an unknown number falls back along its chain; an export without extras has no text for it", () => {
  const index = json("../data/index.json");
  const kk = json("../data/kk.json");
  delete kk.catalogs.mobizon.extras["unknown-code"];
  const partial = createCatalog(index, json("../data/en.json"), kk, json("../data/ru.json"));
  const e = partial.explainNumber("mobizon", 7, "kk");
  assert.deepEqual([e.locale, e.fallback, e.title], ["ru", true, "Неизвестный код ответа 7"]);
  assert.equal(partial.explainNumber("planfix", 7, "kk").locale, "kk");
  assert.throws(() => createCatalog(index).explainNumber("mobizon", 7, "en"), (e) => e.kind === "not-loaded");

  const old = json("../data/index.json");
  for (const c of Object.values(old.catalogs)) delete c.extras;
  const bare = createCatalog(old, json("../data/en.json"));
  assert.throws(() => bare.explainNumber("mobizon", 7, "en"), (e) => e.kind === "no-text");
  assert.throws(() => bare.explainResponse({ Result: "success" }, "en"), (e) => e.kind === "no-text");
  assert.equal(bare.explainNumber("mobizon", 30, "en").code, "mobizon:30");
});

test("explains responses as parsed objects and with a forced catalog", () => {
  const { explanation } = explainResponse({ code: 30, data: [], message: "Too many requests" }, ["uk-UA"]);
  assert.equal(explanation.code, "mobizon:30");
  assert.equal(explanation.title, "Перевищено ліміт частоти запитів");
  // The vendor's OpenAPI document spells the key `code`: it wins over the help table's `Code`.
  const forced = explainResponse('{"code": 1, "Code": 30}', "en", { catalog: "planfix" });
  assert.equal(forced.explanation.code, "planfix:1");
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
  const index = { ...json("../data/index.json"), format: 1 };
  assert.throws(() => createCatalog(index), (e) => e.kind === "unsupported-format");
  // A document that claims the format but lacks the locale rules is refused too.
  const { locale_rules: _, ...without } = json("../data/index.json");
  assert.throws(() => createCatalog(without), (e) => e.kind === "unsupported-format");
});

test("codes.d.ts is generated from the current registry", () => {
  assert.equal(file("../codes.d.ts"), renderTypes(json("../data/index.json")), "run `npm run generate`");
  assert.match(file("../codes.d.ts"), /export type Kind = .*"partial"/);
});
