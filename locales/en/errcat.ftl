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

server-said = Server said
result-field = result
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
unknown-number = unknown code { $code }: no catalog has such a number
# $suggestion is the name nearest to what was given; follows an error
# message after a semicolon.
did-you-mean = did you mean { $suggestion }?
# $locale is the locale as given, quoted.
invalid-locale = invalid locale { $locale }: expected a language tag such as kk, kk-KZ or kk_KZ.UTF-8
# Between the last two of a list of choices: "mobizon:1 or planfix:1".
or = or
# $code is the code as given, quoted.
invalid-code = invalid code { $code }: expected <catalog>:<number> or <catalog>:<name>, e.g. planfix:1000
# $catalog is the catalog part of $code, both as given and quoted; $known
# lists the catalogs errcat has.
unknown-catalog = unknown catalog { $catalog } in { $code }: known catalogs are { $known }
# A bare number more than one catalog has. $candidates lists the codes
# with that number: "mobizon:1 or planfix:1".
ambiguous-code = ambiguous code { $code }: { $candidates }
# $kind is the kind as given, quoted; the five kinds are keywords.
unknown-kind = unknown kind { $kind }: expected success, accepted, partial, error or unknown
# $line and $column say where the text stops being JSON; $reason says
# why, as one of the keywords of the select: the JSON reader's own
# description is English and is not shown.
invalid-json = invalid JSON at line { $line }, column { $column }: { $reason ->
        [eof] the text ends before the JSON does
        [colon] expected `:` after an object's key
        [comma] expected `,` or the end of the array or object
        [trailing-comma] a `,` stands before the end of an array or object
        [trailing] more text follows the JSON value
        [key] an object's key must be a string in double quotes
        [number] the number is not valid or too large
        [string] the string holds a control character or a bad escape
        [deep] the JSON is nested too deeply
        [value] expected a JSON value
       *[other] the text is not JSON
    }
# A response that is JSON but carries no code; $problem is one of the
# four phrases below.
invalid-response = invalid response: { $problem }
# $type is a JSON type: array, string, number, boolean or null.
response-not-object = expected a JSON object, got a value of type { $type }
response-no-code = no `code` field
# $field is `code` or `Code`, the field that $catalog's responses carry.
response-no-code-field = no `{ $field }` field for the { $catalog } catalog
# $value is what the field holds, as JSON; $max is 4294967295.
response-bad-code = `{ $field }` must be a code number from 0 to { $max }, got { $value }
response-ambiguous = the keys do not say which API sent it: `code` { $number } is mobizon:{ $number } or planfix:{ $number }; name the API
response-wrapped = the API's response is wrapped in the field { $key }: explain the object inside it
response-mixed = the keys belong to more than one API; name the API
response-not-from-catalog = the field `{ $field }` shows the response is not from the { $catalog } catalog
recipients-summary = Recipients: { $added } added, { $refused } refused
# $locale is the locale asked for.
no-text = no text for { $code } in { $locale } or any locale it falls back to
# $reason is the operating system's own description.
cannot-write-output = cannot write output: { $reason }
cannot-read-stdin = cannot read the response from stdin: { $reason }
# `export --all` of a folder whose unknown-code text in $locale changes
# its wording with the number, so that no template can stand for it;
# $code is the message as catalog:name, $number a number that shows it.
unexportable = cannot export { $code } in { $locale }: its text for number { $number } is not its template with the number filled in (a select on $number?)

## What `errcat` did to files

# $path is a file it wrote (`docs`, `export --all --out`).
wrote = wrote { $path }
# $path is a file `new-locale` created.
created = created { $path }
# `stamp`: $count messages of the locale folder $folder were recorded as
# following the current English texts.
stamped = stamped { $count ->
        [one] { $count } message
       *[other] { $count } messages
    } in { $folder } with the current English

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
