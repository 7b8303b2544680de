// Types for errcat: errcat/core's API with the package's data loaded.

import type {
  ApiResponse,
  Catalog,
  Chain,
  Explanation,
  Languages,
  ParsedLocale,
  ResponseExplanation,
} from "./core.js";
import type { CatalogId } from "./codes.js";

export * from "./core.js";

/** Every shipped locale's texts, ready to use. */
export declare const catalog: Catalog;

/**
 * Explains `number` of `api` in the user's languages: the code's text, or
 * the catalog's `unknown-code` text (kind `unknown`) for a number it does
 * not have.
 */
export declare function explainNumber<C extends CatalogId>(
  api: C,
  number: number,
  languages?: Languages,
): Explanation<C>;

/** Explains a raw Mobizon or Planfix response; a Planfix success gets Planfix's `success` text. */
export declare function explainResponse(
  json: string | object,
  languages?: Languages,
  options?: { catalog?: CatalogId },
): { response: ApiResponse; explanation: ResponseExplanation };

/** The fallback chain for the user's languages. */
export declare function chain(languages?: Languages): Chain;

/** The chain for one locale string, never read as a header. */
export declare function chainForLocale(input: string): Chain;

/** The chain for an Accept-Language header. */
export declare function chainForAcceptLanguage(header: string): Chain;

/** Reads a locale name as errcat does, with the package's locale rules. */
export declare function parseLocale(input: string): ParsedLocale;

/** Reads an Accept-Language header as errcat does, with the package's locale rules. */
export declare function parseAcceptLanguage(header: string): { locale: ParsedLocale; quality: number }[];
