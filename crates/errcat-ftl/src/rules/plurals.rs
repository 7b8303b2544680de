//! Plural selectors against CLDR's cardinal categories for the locale.

use super::*;

/// The CLDR plural categories a locale's integers use (`ru`: one, few, many).
pub(super) fn plural_categories(locale: &str) -> Option<Vec<&'static str>> {
    let id = folder_locale(locale)?;
    let rules = PluralRules::create(id, PluralRuleType::CARDINAL).ok()?;
    let mut categories = Vec::new();
    for n in 0u32..=200 {
        let name = match rules.select(n).ok()? {
            PluralCategory::ZERO => "zero",
            PluralCategory::ONE => "one",
            PluralCategory::TWO => "two",
            PluralCategory::FEW => "few",
            PluralCategory::MANY => "many",
            PluralCategory::OTHER => "other",
        };
        if !categories.contains(&name) {
            categories.push(name);
        }
    }
    // In CLDR order: one, few, many.
    categories.sort_by_key(|c| CLDR_CATEGORIES.iter().position(|k| k == c));
    Some(categories)
}

pub(super) const CLDR_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

pub(super) fn check_plurals(file: &ParsedFile, diagnostics: &mut Vec<Diagnostic>) {
    let Some(required) = plural_categories(&file.locale) else {
        return;
    };
    for (id, facts) in &file.messages {
        for keys in &facts.selects {
            let is_plural = keys
                .iter()
                .any(|k| CLDR_CATEGORIES.contains(&k.as_str()) && k != "other");
            if !is_plural {
                continue;
            }
            check_plural_keys(file, id, facts.line, keys, &required, diagnostics);
            let missing: Vec<&str> = required
                .iter()
                .filter(|c| **c != "other" && !keys.iter().any(|k| k == *c))
                .copied()
                .collect();
            if !missing.is_empty() {
                diagnostics.push(Diagnostic {
                    path: file.path.clone(),
                    line: facts.line,
                    column: 1,
                    severity: Severity::Error,
                    rule: Rule::PluralCategories.id(),
                    message: format!(
                        "{}: a plural select in {} needs the categories {}; missing {}",
                        id,
                        file.locale,
                        required
                            .iter()
                            .filter(|c| **c != "other")
                            .copied()
                            .collect::<Vec<_>>()
                            .join(", "),
                        missing.join(", ")
                    ),
                });
            }
        }
    }
}

/// How many variant keys of one plural select `check` reports as unknown.
pub(super) const MAX_KEY_FINDINGS: usize = 8;

/// The variant keys of a plural select that are not plural categories of
/// the locale: a misspelling (`[mnay]`, with the category it is nearest
/// to) or a CLDR category the language does not use (`[two]` in `be`),
/// whose variant no number ever selects. Number keys (`[0]`) are exact
/// matches, always allowed.
pub(super) fn check_plural_keys(
    file: &ParsedFile,
    id: &str,
    line: usize,
    keys: &[String],
    categories: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) {
    // Every language has `other` (CLDR gives it the fractions where the
    // integers do not reach it).
    let mut categories = categories.to_vec();
    if !categories.contains(&"other") {
        categories.push("other");
    }
    let unknown = keys
        .iter()
        .filter(|k| !k.starts_with(|c: char| c.is_ascii_digit() || c == '-'))
        .filter(|k| !categories.contains(&k.as_str()));
    for key in unknown.take(MAX_KEY_FINDINGS) {
        let locale = &file.locale;
        let list = categories.join(", ");
        let message = if CLDR_CATEGORIES.contains(&key.as_str()) {
            format!(
                "{id}: [{key}] is a CLDR plural category, but not one of {locale} (its categories are {list}): no number selects this variant"
            )
        } else {
            // Keys longer than any category are no typo of one; the cap
            // also bounds the edit distance's cost.
            let nearest = categories
                .iter()
                .filter(|_| key.len() <= 8)
                .map(|c| (edit_distance(key, c), *c))
                .filter(|(d, c)| *d <= 2 && *d < c.len())
                .min_by_key(|(d, _)| *d)
                .map(|(_, c)| format!("; did you mean {c}?"))
                .unwrap_or_default();
            format!(
                "{id}: [{key}] is not a plural category of {locale} (its categories are {list}){nearest}"
            )
        };
        diagnostics.push(Diagnostic {
            path: file.path.clone(),
            line,
            column: 1,
            severity: Severity::Error,
            rule: Rule::UnknownPluralCategory.id(),
            message,
        });
    }
}
