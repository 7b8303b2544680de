// Types for errcat/core. The registry's literal types come from codes.d.ts,
// which scripts/generate.js writes from the export.

import type { CatalogId, CodeNames, CodeNumbers, Kind, Sections, ShippedLocale, Status } from "./codes.js";

export type * from "./codes.js";

/** The version of the exported document's shape that this package reads. */
export declare const FORMAT: 1;

/** What went wrong, to branch on. */
export type ErrorKind =
  | "invalid-locale"
  | "invalid-json"
  | "invalid-response"
  | "unknown-catalog"
  | "unknown-locale"
  | "not-loaded"
  | "no-text"
  | "unsupported-format";

export declare class ErrcatError extends Error {
  readonly kind: ErrorKind;
}

/**
 * The user's languages: one locale (`"kk_KZ.UTF-8"`), an Accept-Language
 * header (`"fr-CH, uk;q=0.9"`), or a list such as `navigator.languages`.
 * Left out, `navigator.languages` where there is one, else English.
 */
export type Languages = string | readonly string[];

/** One code's text, in the first locale of the chain that has it. */
export interface Explanation<C extends CatalogId = CatalogId> {
  /** `catalog:number`, e.g. `planfix:1000`. */
  code: `${C}:${CodeNumbers[C]}`;
  catalog: C;
  number: CodeNumbers[C];
  /** The code's stable name, e.g. `task-not-found`. */
  name: CodeNames[C];
  kind: Kind;
  section: Sections[C] | null;
  /** The locale asked for, as parsed (`kk-KZ`). */
  requested: string;
  /** The locale whose text this is. */
  locale: ShippedLocale;
  /** Whether `locale` is not the one the request narrowed to. */
  fallback: boolean;
  title: string;
  explanation: string;
  hint: string | null;
}

/** A raw response as read: Mobizon's `message`/`data`, Planfix's `Error`/`Result`. */
export interface ApiResponse {
  catalog: CatalogId;
  number: number;
  message: string | null;
  data: unknown;
  result: unknown;
}

export interface Chain {
  requested: string;
  locales: ShippedLocale[];
}

export interface ParsedLocale {
  language: string;
  script: string | null;
  region: string | null;
  variants: string[];
  tag: string;
}

/** The registry entry of one code, as exported. */
export interface RegistryCode<C extends CatalogId = CatalogId> {
  number: CodeNumbers[C];
  name: CodeNames[C];
  kind: Kind;
  section: Sections[C] | null;
  status: Status;
}

/** `data/index.json`, or the whole document of `errcat export --all`. */
export interface ExportIndex {
  format: 1;
  version: string;
  hash: string;
  fallback: {
    table: Record<string, string[]>;
    last_resort: string;
    chains: Record<ShippedLocale, ShippedLocale[]>;
  };
  catalogs: { [C in CatalogId]: { sections: Sections[C][]; codes: RegistryCode<C>[] } };
  locales: Record<ShippedLocale, { file: string; hash: string }>;
  texts?: Record<string, LocaleFile>;
}

/** `data/<locale>.json`: one locale's own texts. */
export interface LocaleFile {
  locale: string;
  catalogs: {
    [C in CatalogId]: {
      title: string;
      sections: Record<string, string>;
      messages: Record<string, { title: string; explanation: string; hint: string | null }>;
    };
  };
}

export declare class Catalog {
  constructor(index: ExportIndex, localeFiles?: LocaleFile[]);
  readonly version: string;
  readonly hash: string;
  readonly locales: ShippedLocale[];
  addLocale(file: LocaleFile): this;
  chain(languages?: Languages): Chain;
  missingLocales(languages?: Languages): ShippedLocale[];
  /** `undefined` for a number the catalog does not know. */
  explainNumber<C extends CatalogId>(catalog: C, number: number, languages?: Languages): Explanation<C> | undefined;
  explainResponse(
    json: string | object,
    languages?: Languages,
    options?: { catalog?: CatalogId },
  ): { response: ApiResponse; explanation: Explanation | undefined };
  catalogTitle(catalog: CatalogId, languages?: Languages): string | undefined;
  sectionTitle<C extends CatalogId>(catalog: C, section: Sections[C], languages?: Languages): string | undefined;
}

export declare function createCatalog(index: ExportIndex, ...localeFiles: LocaleFile[]): Catalog;
export declare function parseLocale(input: string): ParsedLocale;
export declare function parseAcceptLanguage(header: string): { locale: ParsedLocale; quality: number }[];
export declare function parseResponse(json: string | object, catalog?: CatalogId): ApiResponse;
