// Types for errcat: errcat/core's API with the package's data loaded.

import type { ApiResponse, Catalog, Chain, Explanation, Languages } from "./core.js";
import type { CatalogId } from "./codes.js";

export * from "./core.js";

/** Every shipped locale's texts, ready to use. */
export declare const catalog: Catalog;

/**
 * Explains `number` of `api` in the user's languages, or `undefined` for a
 * number the catalog does not know.
 */
export declare function explainNumber<C extends CatalogId>(
  api: C,
  number: number,
  languages?: Languages,
): Explanation<C> | undefined;

/** Explains a raw Mobizon or Planfix response. */
export declare function explainResponse(
  json: string | object,
  languages?: Languages,
  options?: { catalog?: CatalogId },
): { response: ApiResponse; explanation: Explanation | undefined };

/** The fallback chain for the user's languages. */
export declare function chain(languages?: Languages): Chain;
