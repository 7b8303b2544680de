// A consumer of the package, compiled with `tsc --strict` (npm run
// typecheck): the generated literal types must accept real codes and
// refuse wrong ones (each @ts-expect-error fails the build if it is not an
// error).

import { explainNumber, explainResponse, createCatalog, chain, ErrcatError } from "errcat";
import type { Explanation, Kind, PlanfixName, MobizonNumber, ShippedLocale, ExportIndex, LocaleFile } from "errcat";
import { Catalog } from "errcat/core";

const e: Explanation<"planfix"> | undefined = explainNumber("planfix", 1000, ["kk-KZ", "ru"]);
if (e) {
  const name: PlanfixName = e.name;
  const kind: Kind = e.kind;
  const locale: ShippedLocale = e.locale;
  const code: `planfix:${number}` = e.code;
  const hint: string | null = e.hint;
  console.log(name, kind, locale, code, hint, e.section);
}

const number: MobizonNumber = 30;
const { response, explanation } = explainResponse('{"code": 30}', "uk-UA");
console.log(number, response.catalog, explanation?.title, chain("fr-CH, uk;q=0.9").locales);

declare const index: ExportIndex;
declare const kk: LocaleFile;
const lazy: Catalog = createCatalog(index, kk);
lazy.addLocale(kk);
console.log(lazy.missingLocales(navigatorLike()), lazy.sectionTitle("planfix", "tasks", "kk"));

try {
  chain("../..");
} catch (err) {
  if (err instanceof ErrcatError && err.kind === "invalid-locale") console.log(err.message);
}

function navigatorLike(): readonly string[] {
  return ["kk", "ru"];
}

// @ts-expect-error: "jira" is not a catalog.
explainNumber("jira", 1);
// @ts-expect-error: 7 is not a Mobizon code.
const seven: MobizonNumber = 7;
// @ts-expect-error: "fatal" is not a kind.
const fatal: Kind = "fatal";
// @ts-expect-error: "tasks" is a Planfix section, not a Mobizon one.
lazy.sectionTitle("mobizon", "tasks");
console.log(seven, fatal);
