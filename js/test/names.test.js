// Names from outside (a catalog, a section, a locale file's locale) are
// looked up as own properties only: what every object inherits
// (`constructor`, `toString`, `__proto__`, `hasOwnProperty`) is no name of
// the export, and each is refused with an ErrcatError of its kind.

import { test } from "node:test";
import assert from "node:assert/strict";

import { Catalog, ErrcatError, catalog, createCatalog, explainNumber } from "../index.js";
import index from "../data/index.json" with { type: "json" };
import en from "../data/en.json" with { type: "json" };

const INHERITED = ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf", "prototype"];

const refused = (kind) => (e) => {
  assert.ok(e instanceof ErrcatError, `${e?.name}: ${e?.message}`);
  assert.equal(e.kind, kind, e.message);
  assert.ok(!e.message.includes("\n"), e.message);
  return true;
};

test("a catalog named after an inherited property is an unknown catalog", () => {
  for (const name of INHERITED) {
    assert.throws(() => catalog.sectionTitle(name, "tasks", "en"), refused("unknown-catalog"), name);
    assert.throws(() => catalog.catalogTitle(name, "en"), refused("unknown-catalog"), name);
    assert.throws(() => explainNumber(name, 1, "en"), refused("unknown-catalog"), name);
    assert.throws(() => catalog.explainResponse({ code: 1 }, "en", { catalog: name }), refused("unknown-catalog"), name);
  }
  for (const name of [undefined, null, 1, {}, ""]) {
    assert.throws(() => catalog.catalogTitle(name, "en"), refused("unknown-catalog"), String(name));
  }
});

test("a section named after an inherited property is an unknown section", () => {
  for (const name of [...INHERITED, "no-such-section", "", undefined, 7]) {
    assert.throws(() => catalog.sectionTitle("planfix", name, "en"), refused("unknown-section"), String(name));
  }
  // Real names still answer.
  assert.equal(catalog.sectionTitle("planfix", "tasks", "en"), en.catalogs.planfix.sections.tasks);
  assert.equal(catalog.catalogTitle("planfix", "en"), en.catalogs.planfix.title);
});

test("a locale file of an inherited property's name is an unknown locale", () => {
  const fresh = createCatalog(index);
  for (const locale of [...INHERITED, "xx", undefined, 1]) {
    assert.throws(
      () => fresh.addLocale({ locale, catalogs: en.catalogs }),
      refused("unknown-locale"),
      String(locale),
    );
  }
  assert.throws(() => fresh.addLocale(null), refused("unknown-locale"));
  // Nothing was added under such a name: English is still not loaded.
  assert.deepEqual(fresh.missingLocales("en"), ["en"]);
  assert.ok(fresh.addLocale(en) instanceof Catalog);
  assert.deepEqual(fresh.missingLocales("en"), []);
});

test("an export whose data has inherited names in it answers only its own", () => {
  // A document with a section and a message keyed "constructor" serves them,
  // and one without them does not reach Object's.
  const texts = structuredClone(en);
  texts.catalogs.planfix.messages = Object.assign(Object.create(null), texts.catalogs.planfix.messages);
  const local = createCatalog(index, texts);
  assert.equal(local.explainNumber("planfix", 1000, "en").title, en.catalogs.planfix.messages["1000"].title);
  assert.equal(local.explainNumber("planfix", 424242, "en").name, "unknown-code");
});
