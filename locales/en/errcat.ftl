# errcat's own words in English: what the `errcat` command and the HTML
# error index say around the catalogs' texts. Every locale has this file
# with the same message ids; `errcat check` lists any it lacks.

# The language's name, written in the language itself.
language-name = English

# Under a text shown in another language than the one asked for.
# $requested and $language are language names (or tags, for a language
# errcat does not ship).
fallback-note = Not translated into { $requested } yet; shown in { $language }.

## Lines under the explanation of a raw API response

server-said = server said
result-field = Result
data-field = data

## Kinds of codes

kind-success = success
kind-accepted = accepted
kind-partial = partial
kind-error = error
kind-unknown = unknown
# A code the API no longer returns.
retired = retired

## The columns of the coverage table of `errcat check`

check-locale = locale
check-required = required
check-translated = translated
check-missing = missing
check-errors = errors
check-warnings = warnings

## Error messages

# $query is what the user searched for, quoted.
no-match = no code matches { $query }
check-failed = the check found errors
# $code is the code as given, quoted.
unknown-code = unknown code { $code }: catalog { $catalog } has no such code
# $suggestion is the name nearest to what was given; follows an error
# message after a semicolon.
did-you-mean = did you mean { $suggestion }?
# $locale is the locale as given, quoted.
invalid-locale = invalid locale { $locale }: expected a language tag such as kk, kk-KZ or kk_KZ.UTF-8

## The HTML error index

# The page's heading; its title in the browser is this, then " · errcat".
index-heading = Error code index
# Under the heading: what the page is for.
index-lead = What every numeric code of these APIs means, and what to do about it.
# The label of the search box.
index-search = Search
# Inside the empty search box: what can be searched for.
index-search-placeholder = Code, name or words…
# The label of the language switcher.
index-language = Language
# Before the number of codes shown.
index-codes = Codes
# The heading of the table of contents.
index-contents = Contents
# Shown instead of the codes when a search matches none.
index-no-results = No code matches this search.
