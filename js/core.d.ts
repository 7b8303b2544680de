// Types for errcat/core. The registry's literal types come from codes.d.ts,
// which scripts/generate.js writes from the export.

import type {
  CatalogId,
  CodeKind,
  CodeNames,
  CodeNumbers,
  ExtraNames,
  Kind,
  Sections,
  ShippedLocale,
  Status,
} from "./codes.js";

export type * from "./codes.js";

/** The version of the exported document's shape that this package reads. */
export declare const FORMAT: 2;

/** What went wrong, to branch on. */
export type ErrorKind =
  | "invalid-locale"
  | "invalid-json"
  | "invalid-response"
  | "invalid-number"
  | "unknown-catalog"
  | "unknown-section"
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

/** What every answer has: the locales and the texts. */
export interface Answer {
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

/** One code's text, in the first locale of the chain that has it. */
export interface CodeExplanation<C extends CatalogId = CatalogId> extends Answer {
  /** `catalog:number`, e.g. `planfix:1000`. */
  code: `${C}:${CodeNumbers[C]}`;
  catalog: C;
  number: CodeNumbers[C];
  /** The code's stable name, e.g. `task-not-found`. */
  name: CodeNames[C];
  kind: CodeKind;
  section: Sections[C] | null;
}

/**
 * A number the catalog does not have: the catalog's `unknown-code` text,
 * with the number in it (`Unknown error code 77`).
 */
export interface UnknownExplanation<C extends CatalogId = CatalogId> extends Answer {
  /** `catalog:number`, e.g. `planfix:77`. */
  code: `${C}:${number}`;
  catalog: C;
  number: number;
  name: "unknown-code";
  kind: "unknown";
  section: null;
}

/** A Planfix success (`{"Result": "success"}`, no code): Planfix's `success` text. */
export interface SuccessExplanation extends Answer {
  code: "planfix:success";
  catalog: "planfix";
  number: null;
  name: "success";
  kind: "success";
  section: null;
}

/**
 * What `explainNumber` answers: the code's text, or for a number the
 * catalog does not have its `unknown-code` text (`kind` tells them apart).
 */
export type Explanation<C extends CatalogId = CatalogId> = CodeExplanation<C> | UnknownExplanation<C>;

/** What `explainResponse` answers: an Explanation, or a Planfix success's (`number` null). */
export type ResponseExplanation = Explanation | SuccessExplanation;

/** A raw response as read: Mobizon's `message`/`data`, Planfix's `Error`/`Result`. */
export interface ApiResponse {
  catalog: CatalogId;
  /** The code; null for a Planfix success, which carries none. */
  number: number | null;
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

/** An extra message of a catalog, as exported: a text for answers without a code of the registry. */
export interface RegistryExtra<C extends CatalogId = CatalogId> {
  name: ExtraNames[C];
  kind: Kind;
  /** The placeholders its texts may hold: `number` for `{$number}`, `message` for `{$message}`. */
  variables: ("number" | "message")[];
}

/** A message's texts as exported. */
export interface MessageTexts {
  title: string;
  explanation: string;
  hint: string | null;
}

/**
 * The tables of errcat's locale parsing (`parse_locale`,
 * `parse_accept_language`), as the export carries them.
 */
export interface LocaleRules {
  /** The longest locale string read, in UTF-8 bytes. */
  max_locale_len: number;
  /** The POSIX names of English (`C`, `POSIX`). */
  posix_english: string[];
  /** ISO 639-2 three-letter codes (lower case) → two-letter codes. */
  iso_639_2: Record<string, string>;
  /** English language names (lower case) → codes. */
  language_names: Record<string, string>;
  accept_language: { max_header_bytes: number; max_ranges: number };
}

/** `data/index.json`, or the whole document of `errcat export --all`. */
export interface ExportIndex {
  format: 2;
  version: string;
  hash: string;
  fallback: {
    table: Record<string, string[]>;
    last_resort: string;
    chains: Record<ShippedLocale, ShippedLocale[]>;
  };
  locale_rules: LocaleRules;
  catalogs: { [C in CatalogId]: { sections: Sections[C][]; codes: RegistryCode<C>[]; extras: RegistryExtra<C>[] } };
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
      messages: Record<string, MessageTexts>;
      /**
       * The extra messages this locale has, as templates: `{$number}` and
       * `{$message}` stand where the number and the server's text go.
       */
      extras: Partial<Record<ExtraNames[C], MessageTexts>>;
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
  /** The chain for one locale string, never read as a header. */
  chainForLocale(input: string): Chain;
  /** The chain for an Accept-Language header. */
  chainForAcceptLanguage(header: string): Chain;
  /** Reads a locale name as errcat does, with this export's rules. */
  parseLocale(input: string): ParsedLocale;
  /** Reads an Accept-Language header as errcat does, with this export's rules. */
  parseAcceptLanguage(header: string): { locale: ParsedLocale; quality: number }[];
  missingLocales(languages?: Languages): ShippedLocale[];
  /** The code's text, or the catalog's `unknown-code` text for a number it does not have. */
  explainNumber<C extends CatalogId>(catalog: C, number: number, languages?: Languages): Explanation<C>;
  /** The response's code explained, or a Planfix success's text. */
  explainResponse(
    json: string | object,
    languages?: Languages,
    options?: { catalog?: CatalogId },
  ): { response: ApiResponse; explanation: ResponseExplanation };
  catalogTitle(catalog: CatalogId, languages?: Languages): string | undefined;
  sectionTitle<C extends CatalogId>(catalog: C, section: Sections[C], languages?: Languages): string | undefined;
}

export declare function createCatalog(index: ExportIndex, ...localeFiles: LocaleFile[]): Catalog;
export declare function parseLocale(input: string, rules: LocaleRules): ParsedLocale;
export declare function parseAcceptLanguage(
  header: string,
  rules: LocaleRules,
): { locale: ParsedLocale; quality: number }[];
/** Folds a text for search as errcat's `tooling::fold` does: "Ёлка, data-поле!" is "елка data поле". */
export declare function fold(text: string): string;
export declare function parseResponse(json: string | object, catalog?: CatalogId): ApiResponse;
