// errcat: explanations of Mobizon SMS API and Planfix REST API codes in
// English, Russian, Ukrainian and Kazakh, with the package's data loaded
// all at once. For loading one language at a time, use errcat/core with
// errcat/data/index.json and errcat/data/<locale>.json.

import index from "./data/index.json" with { type: "json" };
import en from "./data/en.json" with { type: "json" };
import kk from "./data/kk.json" with { type: "json" };
import ru from "./data/ru.json" with { type: "json" };
import uk from "./data/uk.json" with { type: "json" };
import { createCatalog } from "./core.js";

export { Catalog, ErrcatError, FORMAT, createCatalog, parseResponse } from "./core.js";

/** Every shipped locale's texts, ready to use. */
export const catalog = createCatalog(index, en, kk, ru, uk);

/** See Catalog#explainNumber. */
export const explainNumber = (api, number, languages) => catalog.explainNumber(api, number, languages);

/** See Catalog#explainResponse. */
export const explainResponse = (json, languages, options) => catalog.explainResponse(json, languages, options);

/** See Catalog#chain. */
export const chain = (languages) => catalog.chain(languages);

/** See Catalog#chainForLocale. */
export const chainForLocale = (input) => catalog.chainForLocale(input);

/** See Catalog#chainForAcceptLanguage. */
export const chainForAcceptLanguage = (header) => catalog.chainForAcceptLanguage(header);

/** Reads a locale name as errcat does, with the package's locale rules (see Catalog#parseLocale). */
export const parseLocale = (input) => catalog.parseLocale(input);

/** Reads an Accept-Language header as errcat does (see Catalog#parseAcceptLanguage). */
export const parseAcceptLanguage = (header) => catalog.parseAcceptLanguage(header);
