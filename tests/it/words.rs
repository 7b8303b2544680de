//! errcat's own words (`locales/<lang>/errcat.ftl`): the CLI and the HTML
//! index say them in the user's language, and the compiled catalog and
//! the folder loader serve the same ones.

use std::path::PathBuf;

use crate::fixtures::{TempDir, errcat};
use errcat::tooling::Phrase;
use errcat::{Args, Catalog};

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn an_explained_response_is_labelled_in_the_users_language() {
    let response = r#"{"Result":"fail","Code":1000,"Error":"Task not exists"}"#;
    let cases = [
        (
            "en",
            "(task-not-found, error)",
            "Server said: Task not exists\nresult: \"fail\"\n",
        ),
        (
            "ru",
            "(task-not-found, ошибка)",
            "Сервер ответил: Task not exists\nПоле result: \"fail\"\n",
        ),
        (
            "uk",
            "(task-not-found, помилка)",
            "Сервер відповів: Task not exists\nПоле result: \"fail\"\n",
        ),
        (
            "kk",
            "(task-not-found, қате)",
            "Сервер жауабы: Task not exists\nresult өрісі: \"fail\"\n",
        ),
    ];
    for (lang, head, tail) in cases {
        let o = errcat(&["explain", "--response", response, "--lang", lang]);
        assert_eq!(o.status.code(), Some(0), "{lang}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(out.lines().next().unwrap().contains(head), "{lang}: {out}");
        assert!(out.ends_with(tail), "{lang}: {out}");
    }
    // Mobizon's `data` field, in Kazakh.
    let o = errcat(&[
        "explain",
        "--response",
        r#"{"code":98,"data":{"sent":1},"message":""}"#,
        "--lang",
        "kk",
    ]);
    assert!(
        stdout(&o).contains("data өрісі: {\"sent\":1}\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn json_output_stays_language_neutral() {
    let response = r#"{"Result":"fail","Code":1000,"Error":"Task not exists"}"#;
    let o = errcat(&["explain", "--response", response, "--lang", "kk", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["kind"], "error");
    assert_eq!(v["response"]["message"], "Task not exists");
}

/// A preview folder whose `<lang>/planfix.ftl` has only `task-not-found`:
/// every other Planfix code falls back along the language's chain.
fn partial(lang: &str) -> TempDir {
    let dir = TempDir::new();
    let shipped =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("locales/{lang}/planfix.ftl"));
    let text = std::fs::read_to_string(shipped).unwrap();
    let start = text.find("task-not-found =").unwrap();
    let end = start + text[start..].find("\n\n").unwrap();
    dir.write(
        &format!("{lang}/planfix.ftl"),
        &text.as_bytes()[start..=end],
    );
    dir
}

#[test]
fn the_fallback_note_names_both_languages_in_the_users_language() {
    let cases = [
        (
            "kk",
            "(«Қазақша» тіліне аударма әлі жоқ; мәтін «Русский» тілінде көрсетілген.)",
        ),
        (
            "uk",
            "(Перекладу мовою «Українська» поки немає; текст показано мовою «English».)",
        ),
        (
            "ru",
            "(Перевода на язык «Русский» пока нет; текст показан на языке «English».)",
        ),
    ];
    for (lang, note) in cases {
        let dir = partial(lang);
        let o = errcat(&[
            "explain",
            "planfix:1",
            "--lang",
            lang,
            "--locales",
            dir.arg(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{lang}: {}", stderr(&o));
        assert!(
            stdout(&o).ends_with(&format!("\n{note}\n")),
            "{lang}: {}",
            stdout(&o)
        );
        // The code the folder has is no fallback.
        let o = errcat(&[
            "explain",
            "planfix:1000",
            "--lang",
            lang,
            "--locales",
            dir.arg(),
        ]);
        assert!(
            !stdout(&o).contains("(Бұл мәтін") && !stdout(&o).contains('«'),
            "{lang}: {}",
            stdout(&o)
        );
    }
}

#[test]
fn common_errors_and_the_check_table_speak_the_users_language() {
    let o = errcat(&["explain", "planfix:task-not-fund", "--lang", "uk"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "errcat: невідомий код \"planfix:task-not-fund\": у каталозі planfix такого коду немає; можливо, ви мали на увазі planfix:task-not-found?\n"
    );
    let o = errcat(&["search", "zzzzqqq", "--lang", "ru"]);
    assert_eq!(
        stderr(&o),
        "errcat: ни один код не подходит под запрос \"zzzzqqq\"\n"
    );
    // English stays as it was.
    let o = errcat(&["explain", "planfix:4242", "--lang", "en"]);
    assert_eq!(
        stderr(&o),
        "errcat: unknown code \"planfix:4242\": catalog planfix has no such code\n"
    );
    let o = crate::fixtures::errcat_command()
        .arg("check")
        .env("LANGUAGE", "")
        .env("LC_ALL", "kk_KZ.UTF-8")
        .output()
        .unwrap();
    let out = stdout(&o);
    assert!(
        out.starts_with("локаль    қажет аударылған    жоқ қателер ескертулер\n"),
        "{out}"
    );
}

#[test]
fn the_html_index_badges_speak_the_page_language() {
    let page = errcat::tooling::docs::render_index(Catalog::embedded());
    // The page is rendered in English; the script swaps the badges with
    // each language's words, which the page carries.
    assert!(
        page.contains(r#"<span class="badge kind kind-error" data-ui="kind-error">error</span>"#)
    );
    for word in [
        r#""kind-error":"қате""#,
        r#""kind-error":"ошибка""#,
        r#""kind-error":"помилка""#,
        r#""kind-partial":"частковий успіх""#,
    ] {
        assert!(page.contains(word), "{word}");
    }
    assert!(
        page.contains(
            r#""names":{"en":"English","kk":"Қазақша","ru":"Русский","uk":"Українська"}"#
        )
    );
    // A text served by another language names it, not its tag.
    let dir = TempDir::new();
    dir.write("de/planfix.ftl", b"catalog-title = Planfix REST-API\n");
    dir.write(
        "de/errcat.ftl",
        b"language-name = Deutsch\nkind-error = Fehler\n",
    );
    let (catalog, _) = Catalog::from_dir(dir.path()).unwrap();
    let page = errcat::tooling::docs::render_index(&catalog);
    assert!(page.contains(r#""de":"Deutsch""#));
    assert!(page.contains(r#""kind-error":"Fehler""#));
}

#[test]
fn the_compiled_catalog_and_the_folder_loader_say_the_same_words() {
    let compiled = Catalog::embedded();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("locales");
    let (folder, diagnostics) = Catalog::from_dir(dir).unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let args = Args::new()
        .with("requested", "X")
        .with("language", "Y")
        .with("query", "\"q\"")
        .with("code", "\"c\"")
        .with("catalog", "planfix")
        .with("suggestion", "s")
        .with("locale", "\"l\"")
        .with("known", "k")
        .with("candidates", "a or b")
        .with("kind", "\"k\"")
        .with("line", "1")
        .with("column", "2")
        .with("message", "m")
        .with("problem", "p")
        .with("type", "array")
        .with("field", "code")
        .with("max", "9")
        .with("value", "v")
        .with("reason", "r")
        .with("path", "f")
        .with("count", 3)
        .with("folder", "kk")
        .with("number", "21")
        .with("key", "\"response\"")
        .with("added", "2")
        .with("refused", "1");
    let mut compared = 0;
    for lang in ["en", "kk", "ru", "uk", "kk-KZ", "de"] {
        let (a, b) = (compiled.chain(lang).unwrap(), folder.chain(lang).unwrap());
        for phrase in Phrase::ALL {
            let x = compiled.phrase_with_args(phrase, &a, &args);
            assert_eq!(
                x,
                folder.phrase_with_args(phrase, &b, &args),
                "{phrase:?} in {lang}"
            );
            assert!(!x.contains("{$"), "{phrase:?} in {lang}: {x}");
            // English may say a phrase as its id (`retired`); no other does.
            if a.locales()[0].language.as_str() != "en" {
                assert_ne!(x, phrase.id(), "{phrase:?} in {lang}: no text");
            }
            compared += 1;
        }
        let id: unic_langid::LanguageIdentifier = lang.parse().unwrap();
        assert_eq!(
            compiled.language_name(&id),
            folder.language_name(&id),
            "{lang}"
        );
    }
    assert_eq!(compared, 6 * Phrase::ALL.len());
    // Each language's name is its own, never another's word for it.
    let names: Vec<_> = compiled
        .locales()
        .map(|l| compiled.language_name(l).unwrap().into_owned())
        .collect();
    assert_eq!(names, ["English", "Қазақша", "Русский", "Українська"]);
}

/// One error of every kind errcat reports, made the way a user makes them.
fn every_kind_of_error() -> Vec<errcat::Error> {
    let catalog = Catalog::embedded();
    let explain = |code: &str, lang: &str| catalog.explain(code, lang).unwrap_err();
    let response = |text: &str, forced| errcat::ApiResponse::parse(text, forced).unwrap_err();
    vec![
        explain("planfix:", "en"),
        explain("planfx:1000", "en"),
        explain("planfix:task-not-fund", "en"),
        explain("1", "en"),
        "failure".parse::<errcat::Kind>().unwrap_err(),
        explain("planfix:1000", "../.."),
        response("{\"code\": 30,", None),
        response("[1, 2]", None),
        response("{}", None),
        response("{\"result\": \"fail\"}", Some(errcat::CatalogId::Planfix)),
        response("{\"code\": 1}", None),
        response("{\"response\": {\"code\": 1, \"data\": []}}", None),
        response("{\"code\": 1, \"data\": [], \"error\": \"x\"}", None),
        response(
            "{\"result\": \"fail\", \"code\": 1}",
            Some(errcat::CatalogId::Mobizon),
        ),
        response("{\"code\": -1}", None),
        Catalog::from_dir("/no/such/folder").err().unwrap(),
        // Only a folder whose `en` lacks a text could cause it; none can
        // since the embedded `en` stands behind every folder.
        errcat::Error::NoText {
            code: "planfix:1000".to_owned(),
            requested: "uk".to_owned(),
        },
        errcat::Error::Unexportable {
            code: "planfix:unknown-code".to_owned(),
            locale: "ru".to_owned(),
            number: "21".to_owned(),
        },
    ]
}

#[test]
fn every_errors_english_message_is_whole() {
    // `Display` is `en/errcat.ftl`'s phrase: a phrase missing from it shows
    // its id, a variable not given shows `{$name}`, and a phrase for
    // another error kind says nothing of the input.
    let ids: Vec<&str> = errcat::tooling::Phrase::ALL
        .iter()
        .map(|p| p.id())
        .collect();
    for error in every_kind_of_error() {
        let message = error.to_string();
        assert!(!message.trim().is_empty(), "{error:?}");
        assert!(
            !message.contains("{$") && !message.contains("{ $"),
            "{message}"
        );
        assert!(!ids.contains(&message.as_str()), "{message}");
        assert!(!message.contains('\u{2068}'), "{message}");
        if let Some(input) = input_of(&error) {
            assert!(message.contains(input), "{input:?} not in {message}");
        }
    }
}

/// The input an error quotes, if it has one of its own.
fn input_of(error: &errcat::Error) -> Option<&str> {
    match error {
        errcat::Error::InvalidCode { input }
        | errcat::Error::UnknownCatalog { input, .. }
        | errcat::Error::UnknownCode { input, .. }
        | errcat::Error::AmbiguousCode { input, .. }
        | errcat::Error::UnknownNumber { input }
        | errcat::Error::UnknownKind { input }
        | errcat::Error::InvalidLocale { input } => Some(input),
        errcat::Error::Io { path, .. } => Some(path),
        errcat::Error::NoText { code, .. } | errcat::Error::Unexportable { code, .. } => Some(code),
        _ => None,
    }
}

#[test]
fn every_error_is_said_in_the_users_language() {
    let catalog = Catalog::embedded();
    let errors = every_kind_of_error();
    for lang in ["ru", "uk", "kk"] {
        let chain = catalog.chain(lang).unwrap();
        for error in &errors {
            let said = catalog.display_error(error, &chain).to_string();
            if matches!(error, errcat::Error::Io { .. }) {
                // A path and the operating system's words: nothing to say.
                assert_eq!(said, error.to_string());
                continue;
            }
            assert_ne!(said, error.to_string(), "{lang}: {error}");
            // No English word of the message is left (the kinds are
            // keywords), and the input is kept.
            let words = said
                .replace("unknown-code", "<id>")
                .replace(" unknown", " <kind>");
            for english in [
                "invalid", "unknown", "expected", "catalog ", "did you", " or ",
            ] {
                assert!(!words.contains(english), "{lang}: {said}");
            }
            let quoted = error.to_string();
            let input = quoted.split('"').nth(1).unwrap_or("");
            assert!(said.contains(input), "{lang}: {said} lacks {input}");
        }
    }
    let ru = catalog.chain("ru").unwrap();
    let said: Vec<String> = errors
        .iter()
        .map(|e| catalog.display_error(e, &ru).to_string())
        .collect();
    assert_eq!(
        said[3],
        "неоднозначный код \"1\": mobizon:1, planfix:1 или mobizon-recipient:1"
    );
    assert_eq!(
        said[1],
        "неизвестный каталог \"planfx\" в коде \"planfx:1000\": известные каталоги — mobizon, planfix, mobizon-recipient; возможно, имелся в виду planfix?"
    );
    assert_eq!(
        said[9],
        "некорректный ответ: нет поля `code`, которое нужно для каталога planfix"
    );
}

#[test]
fn rarer_cli_errors_speak_the_users_language() {
    let cases = [
        (
            &["explain", "jira:1", "--lang", "kk"][..],
            1,
            "errcat: \"jira:1\" кодындағы \"jira\" — белгісіз каталог: белгілі каталогтар — mobizon, planfix, mobizon-recipient\n",
        ),
        (
            &["explain", "1", "--lang", "uk"][..],
            2,
            "errcat: неоднозначний код \"1\": mobizon:1, planfix:1 або mobizon-recipient:1\n",
        ),
        (
            &["explain", "--response", "[1]", "--lang", "uk"][..],
            2,
            "errcat: некоректна відповідь: очікується об’єкт JSON, отримано значення типу array\n",
        ),
        (
            &["explain", "planfix:", "--lang", "ru"][..],
            2,
            "errcat: недопустимый код \"planfix:\": ожидается <каталог>:<номер> или <каталог>:<имя>, например planfix:1000\n",
        ),
    ];
    for (args, status, line) in cases {
        let o = errcat(args);
        assert_eq!(o.status.code(), Some(status), "{args:?}");
        assert_eq!(stderr(&o), line);
    }
}

#[test]
fn check_takes_the_language_of_its_table_from_lang() {
    let o = errcat(&["check", "--lang", "uk"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("локаль "), "{out}");
    assert!(out.lines().next().unwrap().contains("перекладено"), "{out}");
    let o = errcat(&["check", "--lang", "../.."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("errcat: invalid locale \"../..\""));
}

#[test]
fn what_errcat_did_to_files_is_said_in_the_environments_language() {
    let dir = TempDir::new();
    let o = crate::fixtures::errcat_command()
        .args(["docs", "--out"])
        .arg(dir.path())
        .env("LC_ALL", "kk_KZ.UTF-8")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let index = dir.path().join("index.html");
    assert_eq!(stdout(&o), format!("жазылды: {}\n", index.display()));

    // `stamped` agrees with its number.
    let catalog = Catalog::embedded();
    let stamped = |lang: &str, count: u32| {
        let args = Args::new().with("count", count).with("folder", "kk");
        catalog
            .phrase_with_args(Phrase::Stamped, &catalog.chain(lang).unwrap(), &args)
            .into_owned()
    };
    assert_eq!(
        stamped("en", 1),
        "stamped 1 message in kk with the current English"
    );
    assert_eq!(
        stamped("en", 5),
        "stamped 5 messages in kk with the current English"
    );
    assert_eq!(
        stamped("ru", 1),
        "kk: сверка с текущим английским текстом отмечена для 1 сообщения"
    );
    assert_eq!(
        stamped("ru", 3),
        "kk: сверка с текущим английским текстом отмечена для 3 сообщений"
    );
    assert_eq!(
        stamped("ru", 11),
        "kk: сверка с текущим английским текстом отмечена для 11 сообщений"
    );
    assert_eq!(
        stamped("uk", 5),
        "kk: 5 повідомлень позначено як звірені з поточним англійським текстом"
    );
    assert_eq!(
        stamped("kk", 5),
        "kk: 5 хабарлама қазіргі ағылшын мәтінімен салыстырылған деп белгіленді"
    );
}

/// The JSON a rendered index carries for its script.
fn page_data(html: &str) -> serde_json::Value {
    // The element with that id, whatever the order of its attributes.
    let id = html.find(r#" id="errcat-data""#).unwrap();
    let start = id + html[id..].find('>').unwrap() + 1;
    assert!(
        html[..id].ends_with("<script"),
        "the data is a script element"
    );
    assert!(html[id..start].contains(r#"type="application/json""#));
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

/// A message's value as `locales/<lang>/errcat.ftl` has it, read from the
/// file itself (every index phrase is one line).
fn shipped_phrase(lang: &str, id: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("locales/{lang}/errcat.ftl"));
    let text = std::fs::read_to_string(path).unwrap();
    let prefix = format!("{id} = ");
    text.lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("{lang}/errcat.ftl has no {id}"))
        .to_owned()
}

#[test]
fn the_html_index_words_come_from_each_languages_errcat_ftl() {
    let html = errcat::tooling::docs::render_index(Catalog::embedded());
    // Rendered in English, from en/errcat.ftl.
    assert!(
        html.contains(r#"<h1 data-ui="index-heading">Error code index</h1>"#),
        "{}",
        &html[..2000]
    );
    assert!(html.contains("<title>Error code index · errcat</title>"));
    assert!(html.contains(r#"placeholder="Code, name or words…""#));
    assert!(html.contains(
        r#"<p id="no-results" hidden data-ui="index-no-results">No code matches this search.</p>"#
    ));
    let data = page_data(&html);
    let cases = [
        ("en", "Error code index", "Code, name or words…"),
        (
            "kk",
            "Қате кодтарының анықтамалығы",
            "Код, атау немесе сөздер…",
        ),
        ("ru", "Справочник кодов ошибок", "Код, имя или слова…"),
        ("uk", "Довідник кодів помилок", "Код, назва або слова…"),
    ];
    for (lang, heading, placeholder) in cases {
        let ui = &data["texts"][lang]["ui"];
        assert_eq!(ui["index-heading"], heading, "{lang}");
        assert_eq!(ui["index-search-placeholder"], placeholder, "{lang}");
        assert_eq!(ui["doc_title"], format!("{heading} · errcat"), "{lang}");
        // Every word is the file's, through the catalog.
        let chain = Catalog::embedded().chain(lang).unwrap();
        for phrase in Phrase::ALL {
            if phrase.id().starts_with("index-") {
                let text = Catalog::embedded().phrase(phrase, &chain);
                assert_eq!(ui[phrase.id()], *text, "{lang}: {phrase:?}");
                assert_eq!(
                    text,
                    shipped_phrase(lang, phrase.id()),
                    "{lang}: {phrase:?}"
                );
            }
        }
    }
    // The Ukrainian apostrophe is the catalog's: U+2019, as in uk/*.ftl.
    assert!(!shipped_phrase("uk", "index-search-placeholder").contains(['\'', 'ʼ']));
    // Every element the script swaps has a word in every language.
    let swapped: Vec<&str> = html
        .split(r#"data-ui=""#)
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    assert!(swapped.contains(&"index-contents") && swapped.contains(&"index-codes"));
    for lang in ["en", "kk", "ru", "uk"] {
        for id in &swapped {
            assert!(
                data["texts"][lang]["ui"][id].is_string(),
                "{lang} has no word for data-ui={id}"
            );
        }
    }
}

/// A copy of the shipped `<lang>/errcat.ftl` with `edit` applied.
fn edited_phrases(dir: &TempDir, lang: &str, edit: impl Fn(&str) -> String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("locales/{lang}/errcat.ftl"));
    let text = std::fs::read_to_string(path).unwrap();
    dir.write(&format!("{lang}/errcat.ftl"), edit(&text).as_bytes());
}

#[test]
fn the_html_index_takes_its_words_from_the_locales_folder() {
    let locales = TempDir::new();
    // English's heading changed, with markup characters that must stay text.
    edited_phrases(&locales, "en", |t| {
        t.replace(
            "index-heading = Error code index",
            "index-heading = Our <b>\"codes\"</b> & 'more' </script><!--",
        )
    });
    // Kazakh's heading changed, and its lead dropped: it falls back along
    // kk → ru → en, like every text.
    edited_phrases(&locales, "kk", |t| {
        let t = t.replace(
            "index-heading = Қате кодтарының анықтамалығы",
            "index-heading = Біздің кодтар",
        );
        let lead = t.find("index-lead = ").unwrap();
        let end = lead + t[lead..].find('\n').unwrap() + 1;
        format!("{}{}", &t[..lead], &t[end..])
    });
    let out = TempDir::new();
    let site = out.path().join("site");
    let o = errcat(&[
        "docs",
        "--out",
        site.to_str().unwrap(),
        "--locales",
        locales.arg(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(site.join("index.html")).unwrap();

    let escaped = "Our &lt;b&gt;&quot;codes&quot;&lt;/b&gt; &amp; 'more' &lt;/script&gt;&lt;!--";
    assert!(
        html.contains(&format!(r#"<h1 data-ui="index-heading">{escaped}</h1>"#)),
        "{}",
        &html[..2000]
    );
    assert!(html.contains(&format!("<title>{escaped} · errcat</title>")));
    assert!(!html.contains("Error code index"));
    // Nothing in the words closes the data or opens a comment: the two
    // scripts close once each, and the JSON reads back the words as written.
    assert_eq!(html.matches("</script>").count(), 2);
    assert!(!html.contains("<!--"));
    let data = page_data(&html);
    let heading = "Our <b>\"codes\"</b> & 'more' </script><!--";
    assert_eq!(data["texts"]["en"]["ui"]["index-heading"], heading);
    assert_eq!(
        data["texts"]["en"]["ui"]["doc_title"],
        format!("{heading} · errcat")
    );
    assert_eq!(data["texts"]["kk"]["ui"]["index-heading"], "Біздің кодтар");
    assert_eq!(
        data["texts"]["kk"]["ui"]["index-lead"],
        shipped_phrase("ru", "index-lead")
    );
    // The languages the folder leaves alone keep their words.
    assert_eq!(
        data["texts"]["ru"]["ui"]["index-heading"],
        "Справочник кодов ошибок"
    );
    assert_eq!(
        data["texts"]["kk"]["ui"]["index-search-placeholder"],
        "Код, атау немесе сөздер…"
    );
}

#[test]
fn the_html_index_of_a_new_locale_without_its_words_speaks_english() {
    let dir = TempDir::new();
    dir.write("de/planfix.ftl", b"catalog-title = Planfix REST-API\n");
    dir.write(
        "de/errcat.ftl",
        "language-name = Deutsch\nindex-heading = Fehlercodes\n".as_bytes(),
    );
    let (catalog, _) = Catalog::from_dir(dir.path()).unwrap();
    let data = page_data(&errcat::tooling::docs::render_index(&catalog));
    let de = &data["texts"]["de"]["ui"];
    // The word it has is its own; the others are English's, as de → en.
    assert_eq!(de["index-heading"], "Fehlercodes");
    assert_eq!(de["doc_title"], "Fehlercodes · errcat");
    assert_eq!(de["index-search-placeholder"], "Code, name or words…");
    assert_eq!(de["index-search"], "Search");
    assert_eq!(de["index-no-results"], "No code matches this search.");
    // The served-by badge's note is the fallback note, naming both
    // languages; English's, as de has none.
    assert_eq!(
        data["texts"]["de"]["notes"]["en"],
        "Not translated into Deutsch yet; shown in English."
    );
    assert_eq!(data["texts"]["de"]["codes"]["planfix-1000"][3], "en");
}

#[test]
fn the_html_index_notes_a_fallback_in_the_languages_own_words() {
    // Kazakh with one Planfix text: the others come from Russian.
    let dir = partial("kk");
    let (catalog, _) = Catalog::from_dir(dir.path()).unwrap();
    let data = page_data(&errcat::tooling::docs::render_index(&catalog));
    let kk = &data["texts"]["kk"];
    assert_eq!(kk["codes"]["planfix-1"][3], "ru");
    assert_eq!(kk["codes"]["planfix-1000"][3], "kk");
    assert_eq!(
        kk["notes"],
        serde_json::json!({
            "ru": "«Қазақша» тіліне аударма әлі жоқ; мәтін «Русский» тілінде көрсетілген."
        })
    );
    // A language that serves all its own texts needs no note.
    assert_eq!(data["texts"]["ru"]["notes"], serde_json::json!({}));
}

#[test]
fn a_localized_error_debugs_as_its_english_message_and_chain() {
    let catalog = Catalog::embedded();
    let err = catalog.explain("planfix:4242", "en").unwrap_err();
    let chain = catalog.chain("kk").unwrap();
    let shown = format!("{:?}", catalog.display_error(&err, &chain));
    assert!(
        shown.starts_with("LocalizedError(\"unknown code"),
        "{shown}"
    );
    assert!(shown.ends_with(&format!(" in {chain})")), "{shown}");
}

#[test]
fn invalid_json_says_why_once_in_the_users_language() {
    // Every reason serde_json gives for text that is not JSON, and how
    // errcat says it; the parser's English is never shown.
    let catalog = Catalog::embedded();
    let deep = "[".repeat(200);
    let cases = [
        ("{\"code\": 30,", "the text ends before the JSON does"),
        ("{\"code\" 30}", "expected `:` after an object's key"),
        ("[1 2]", "expected `,` or the end of the array or object"),
        ("[1,]", "a `,` stands before the end of an array or object"),
        ("{} x", "more text follows the JSON value"),
        (
            "{'code': 30}",
            "an object's key must be a string in double quotes",
        ),
        ("[-x]", "the number is not valid or too large"),
        ("1e999", "the number is not valid or too large"),
        (
            "\"\u{1}\"",
            "the string holds a control character or a bad escape",
        ),
        (
            "\"\\x\"",
            "the string holds a control character or a bad escape",
        ),
        (deep.as_str(), "the JSON is nested too deeply"),
        ("x", "expected a JSON value"),
        ("[trux]", "expected a JSON value"),
    ];
    for (text, reason) in cases {
        let err = errcat::ApiResponse::parse(text, None).unwrap_err();
        let errcat::Error::InvalidJson {
            line,
            column,
            ref message,
        } = err
        else {
            panic!("{text}: {err:?}");
        };
        let english = err.to_string();
        assert_eq!(
            english,
            format!("invalid JSON at line {line}, column {column}: {reason}"),
            "{text}"
        );
        assert!(!english.ends_with(&format!(": {message}")), "{english}");
        for lang in ["ru", "uk", "kk"] {
            let said = catalog
                .display_error(&err, &catalog.chain(lang).unwrap())
                .to_string();
            assert!(!said.contains(message.as_str()), "{lang}: {said}");
            assert!(
                !said.contains(" at ") && !said.contains("line"),
                "{lang}: {said}"
            );
            assert!(!said.is_ascii(), "{lang}: {said}");
            // The position, once: the only numbers are its line and column.
            let numbers: Vec<usize> = said
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|n| n.parse().ok())
                .collect();
            assert_eq!(numbers, [line, column], "{lang}: {said}");
        }
    }
    // A description errcat does not know (a newer serde_json's) is not
    // quoted either.
    let unknown = errcat::Error::InvalidJson {
        line: 2,
        column: 3,
        message: "something new".to_owned(),
    };
    assert_eq!(
        unknown.to_string(),
        "invalid JSON at line 2, column 3: the text is not JSON"
    );
    // The CLI says it once, in the user's language.
    let o = crate::fixtures::errcat_command()
        .args(["explain", "--response", "{\"code\": 30,", "--lang", "ru"])
        .output()
        .unwrap();
    assert_eq!(
        stderr(&o),
        "errcat: некорректный JSON в строке 1, столбце 12: текст кончается раньше, чем JSON\n"
    );
}
