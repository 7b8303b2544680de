// A consumer of the package, compiled with `tsc --strict` (npm run
// typecheck): the generated literal types must accept real codes and
// refuse wrong ones (each @ts-expect-error fails the build if it is not an
// error).

import { explainNumber, explainResponse, createCatalog, chain, chainForLocale, chainForAcceptLanguage, parseLocale, ErrcatError } from "errcat";
import type {
  CodeKind,
  Explanation,
  ExtraNames,
  Kind,
  PlanfixName,
  MobizonNumber,
  ResponseExplanation,
  ShippedLocale,
  SuccessExplanation,
  ExportIndex,
  LocaleFile,
} from "errcat";
import { Catalog } from "errcat/core";

// explainNumber always answers: a code's text or the unknown-code text.
const e: Explanation<"planfix"> = explainNumber("planfix", 1000, ["kk-KZ", "ru"]);
const locale: ShippedLocale = e.locale;
const code: `planfix:${number}` = e.code;
const hint: string | null = e.hint;
const kind: Kind = e.kind;
if (e.kind === "unknown") {
  const unknown: "unknown-code" = e.name;
  const n: number = e.number;
  const none: null = e.section;
  console.log(unknown, n, none);
} else {
  const name: PlanfixName = e.name;
  const codeKind: CodeKind = e.kind;
  console.log(name, codeKind, e.section);
}
console.log(locale, code, hint, kind);

const number: MobizonNumber = 30;
const { response, explanation } = explainResponse('{"code": 30}', "uk-UA");
const responseNumber: number | null = response.number;
const answer: ResponseExplanation = explanation;
if (explanation.number === null) {
  const success: SuccessExplanation = explanation;
  const successCode: "planfix:success" = success.code;
  console.log(successCode);
}
const extra: ExtraNames["planfix"] = "success";
console.log(number, response.catalog, responseNumber, answer.title, extra, chain("fr-CH, uk;q=0.9").locales);

declare const index: ExportIndex;
declare const kk: LocaleFile;
const lazy: Catalog = createCatalog(index, kk);
lazy.addLocale(kk);
console.log(lazy.missingLocales(navigatorLike()), lazy.sectionTitle("planfix", "tasks", "kk"));

try {
  chain("../..");
} catch (err) {
  if (err instanceof ErrcatError && (err.kind === "invalid-locale" || err.kind === "invalid-number")) console.log(err.message);
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
// @ts-expect-error: "unknown" is no code's kind.
const unknownCode: CodeKind = "unknown";
// @ts-expect-error: Mobizon has no success message beside its code 0.
const mobizonSuccess: ExtraNames["mobizon"] = "success";
// @ts-expect-error: an answer for a number may be the unknown-code text, whose name is no code's.
const named: PlanfixName = explainNumber("planfix", 1000).name;
console.log(unknownCode, mobizonSuccess, named);
// @ts-expect-error: "tasks" is a Planfix section, not a Mobizon one.
lazy.sectionTitle("mobizon", "tasks");
console.log(seven, fatal);

// One definition of locale reading: the package's rules, or an export's.
const russian: string = chainForLocale("Russian_Russia.1251").requested;
const header: string[] = chainForAcceptLanguage("kk-KZ-x-private, uk").locales;
const kazakh: string = parseLocale("kaz").tag;
console.log(russian, header, kazakh);
