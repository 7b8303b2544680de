//! Markup is explicit: texts mark API identifiers as code spans and
//! nothing else, and every part is offered both marked up and plain.

use errcat::{Catalog, CatalogId};

const SHIPPED: [&str; 4] = ["en", "ru", "uk", "kk"];

#[test]
fn every_text_uses_only_closed_code_spans_and_has_a_plain_form() {
    let catalog = Catalog::embedded();
    let mut with_spans = 0;
    for lang in SHIPPED {
        let chain = catalog.chain(lang).unwrap();
        for code in CatalogId::ALL.iter().flat_map(|c| c.codes()) {
            let e = catalog.lookup(code, &chain).unwrap();
            let parts = [
                (e.title(), e.plain_title().into_owned()),
                (e.explanation(), e.plain_explanation().into_owned()),
            ]
            .into_iter()
            .chain(e.hint().map(|h| (h, e.plain_hint().unwrap().into_owned())));
            for (marked, plain) in parts {
                assert_eq!(
                    marked.matches('`').count() % 2,
                    0,
                    "{code} {lang}: {marked}"
                );
                assert!(!plain.contains('`'), "{code} {lang}");
                assert_eq!(marked.replace('`', ""), plain, "{code} {lang}");
                // No other markup: no HTML, no links, no emphasis.
                for other in ["<", "](", "**", "__"] {
                    assert!(
                        !marked.contains(other),
                        "{code} {lang}: {other} in {marked}"
                    );
                }
                if marked.contains('`') {
                    with_spans += 1;
                }
            }
            assert_eq!(e.to_string(), e.plain_title());
        }
    }
    assert!(with_spans > 50, "{with_spans}");
}

#[test]
fn plain_text_borrows_when_there_is_nothing_to_remove() {
    let e = Catalog::embedded().explain("planfix:1000", "en").unwrap();
    assert!(matches!(e.plain_title(), std::borrow::Cow::Borrowed(_)));
    let e = Catalog::embedded().explain("mobizon:4", "kk").unwrap();
    assert!(e.title().contains('`'));
    assert!(matches!(e.plain_title(), std::borrow::Cow::Owned(_)));
}
