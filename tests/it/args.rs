//! Arguments that work: errcat's own argument type, a missing variable
//! reported instead of hidden, and the variables each code may use.

use errcat::{Arg, Args, Catalog, CatalogId, planfix};

use crate::fixtures::TempDir;

fn folder_with_a_variable() -> (TempDir, Catalog) {
    let dir = TempDir::new();
    std::fs::create_dir_all(dir.path().join("de")).unwrap();
    std::fs::write(
        dir.path().join("de/planfix.ftl"),
        "task-not-found = Die Aufgabe { $id } gibt es nicht.\n    .title = Aufgabe { $id } fehlt\n",
    )
    .unwrap();
    let (catalog, _) = Catalog::from_dir(dir.path()).unwrap();
    (dir, catalog)
}

#[test]
fn arguments_fill_variables_and_a_missing_one_is_reported() {
    let (_dir, catalog) = folder_with_a_variable();
    let chain = catalog.chain("de").unwrap();
    let e = catalog
        .lookup_with_args(
            planfix::TASK_NOT_FOUND,
            &chain,
            &Args::new().with("id", "T-1"),
        )
        .unwrap();
    assert_eq!(e.explanation(), "Die Aufgabe T-1 gibt es nicht.");
    assert_eq!(e.title(), "Aufgabe T-1 fehlt");
    assert!(e.missing_args().is_empty());
    // Without the argument: the text says {$id}, and the answer says so.
    let e = catalog.lookup(planfix::TASK_NOT_FOUND, &chain).unwrap();
    assert_eq!(e.missing_args(), ["id"]);
    assert!(e.explanation().contains("{$id}"));
    let e = catalog
        .lookup_with_args(
            planfix::TASK_NOT_FOUND,
            &chain,
            &Args::new().with("other", 1),
        )
        .unwrap();
    assert_eq!(e.missing_args(), ["id"]);
    // Numbers are numbers.
    let e = catalog
        .lookup_with_args(
            planfix::TASK_NOT_FOUND,
            &chain,
            &Args::new().with("id", 4711_u32),
        )
        .unwrap();
    assert_eq!(e.title(), "Aufgabe 4711 fehlt");
}

#[test]
fn the_argument_type_is_errcats_own() {
    let mut args = Args::new();
    args.set("a", 1_i64)
        .set("b", "text")
        .set("c", String::from("owned"))
        .set("d", 0.5);
    args.set("a", 2_u8);
    assert_eq!(args.get("a"), Some(Arg::Number(2.0)));
    assert_eq!(
        args.get("b").map(|a| a.to_string()).as_deref(),
        Some("text")
    );
    assert_eq!(args.get("c"), Some(Arg::Text("owned".into())));
    assert_eq!(args.get("d"), Some(Arg::Number(0.5)));
    assert_eq!(Arg::from(i64::MIN), Arg::Text(i64::MIN.to_string().into()));
    assert_eq!(Arg::from(1_i64 << 53), Arg::Number(9_007_199_254_740_992.0));
    assert!(Args::new().is_empty() && !args.is_empty());
}

#[test]
fn shipped_texts_with_variables_render_lazily_in_every_locale() {
    // `unknown-code` uses $number, so each shipped file is compiled to a
    // bundle built on first use: this goes through it for every locale.
    let catalog = Catalog::embedded();
    for lang in ["en", "ru", "uk", "kk"] {
        let chain = catalog.chain(lang).unwrap();
        for id in CatalogId::ALL {
            let e = catalog.explain_number(id, 4242, &chain);
            assert!(e.missing_args().is_empty(), "{id} {lang}");
            assert!(e.explanation().contains("4242"), "{id} {lang}");
            assert_eq!(e.locale().to_string(), lang);
            assert!(e.stored().is_none(), "formatted, not stored");
        }
    }
}

#[test]
fn codes_of_the_registry_take_no_variables_yet() {
    for code in CatalogId::ALL.iter().flat_map(|c| c.codes()) {
        assert!(code.variables().is_empty(), "{code}");
        // So every plain lookup borrows stored text.
        let e = Catalog::embedded()
            .explain(&code.to_string(), "kk")
            .unwrap();
        assert!(
            e.stored().is_some() && e.missing_args().is_empty(),
            "{code}"
        );
    }
    let report = errcat::tooling::check_embedded();
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.rule == "unknown-variable")
    );
}
