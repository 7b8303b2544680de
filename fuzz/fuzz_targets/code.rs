//! Code parsing: `Code: FromStr` and `CatalogId::code` over arbitrary input.
//!
//! Input: the text to parse (decoded lossily); its first four bytes are also
//! read as the number an API might return.

#![no_main]

use errcat::{CatalogId, Code, Error};
use errcat_fuzz::check_code_error;
use libfuzzer_sys::fuzz_target;

/// What the parser should have accepted, worked out independently: the
/// trimmed input is `<catalog>:<rest>`, the catalog names one
/// ASCII-case-insensitively, and `rest` is the code's number (leading zeros
/// allowed) or its name (ASCII-case-insensitive, `_` for `-`).
fn denotes(input: &str, code: Code) -> bool {
    let Some((catalog, rest)) = input.trim().split_once(':') else {
        return false;
    };
    let (catalog, rest) = (catalog.trim(), rest.trim());
    if !catalog.eq_ignore_ascii_case(code.catalog().as_str()) {
        return false;
    }
    let digits = rest.trim_start_matches('0');
    let by_number = !rest.is_empty()
        && rest.bytes().all(|b| b.is_ascii_digit())
        && (if digits.is_empty() {
            "0".to_owned()
        } else {
            digits.to_owned()
        }) == code.number().to_string();
    let by_name = rest.to_ascii_lowercase().replace('_', "-") == code.name();
    by_number || by_name
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let input = input.as_ref();
    match input.parse::<Code>() {
        Ok(code) => {
            assert!(denotes(input, code), "{input:?} parsed to {code:?}");
            let canonical = code.to_string();
            assert_eq!(canonical, format!("{}:{}", code.catalog(), code.number()));
            assert_eq!(canonical.parse::<Code>().unwrap(), code, "{canonical}");
            let by_name = format!("{}:{}", code.catalog(), code.name());
            assert_eq!(by_name.parse::<Code>().unwrap(), code, "{by_name}");
            assert_eq!(code.catalog().code(code.number()), Some(code));
            assert_eq!(code.catalog().code_by_name(code.name()), Some(code));
        }
        Err(err) => {
            check_code_error(&err, input);
            for catalog in CatalogId::ALL {
                assert!(
                    !catalog.codes().any(|c| denotes(input, c)),
                    "{input:?} denotes a code of {catalog}, yet: {err}"
                );
            }
            match &err {
                Error::InvalidCode { .. } => {}
                Error::UnknownCatalog { .. } => {
                    let (catalog, _) = input.trim().split_once(':').unwrap();
                    assert!(catalog.parse::<CatalogId>().is_err(), "{input:?}: {err}");
                }
                Error::UnknownCode { catalog, .. } => {
                    let (named, _) = input.trim().split_once(':').unwrap();
                    assert_eq!(
                        named.parse::<CatalogId>().as_ref(),
                        Ok(catalog),
                        "{input:?}"
                    );
                }
                other => panic!("{input:?}: {other:?}"),
            }
        }
    }

    // The way from an API response's number to a code.
    if let Some(bytes) = data.get(..4) {
        let number = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        for catalog in CatalogId::ALL {
            match catalog.code(number) {
                Some(code) => {
                    assert_eq!((code.catalog(), code.number()), (catalog, number));
                    let padded = format!("{catalog}:{number:012}");
                    assert_eq!(padded.parse::<Code>().unwrap(), code, "{padded}");
                }
                None => {
                    let text = format!("{catalog}:{number}");
                    assert!(
                        matches!(text.parse::<Code>(), Err(Error::UnknownCode { .. })),
                        "{text}"
                    );
                }
            }
        }
    }
});
