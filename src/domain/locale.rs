//! The language the panel formats dates, times and numbers in. The browser's languages are tried in
//! order, each as a BCP 47 tag its `Intl` accepts, then English: `C`, `POSIX`, `en_US.UTF-8`, an empty list
//! and nonsense all end up formatted, never thrown. (WebKit started with `LANG=C.UTF-8` reports the
//! language `C`; `Intl` throws `RangeError` for it, which left the board at "Loaded 4 of 44".)

/// What `Intl` gets when none of the browser's languages will do.
pub const FALLBACK: &str = "en";

/// A language as a browser or a system names it → the BCP 47 tag to try: `en_US.UTF-8` → `en-US`,
/// `de-DE@euro` → `de-DE`; `C`, `POSIX` and empty → none.
pub fn tag(raw: &str) -> Option<String> {
    let name = raw.split(['.', '@']).next().unwrap_or("").trim();
    if name.is_empty() || name.eq_ignore_ascii_case("c") || name.eq_ignore_ascii_case("posix") {
        return None;
    }
    Some(name.replace('_', "-"))
}

/// The first of `languages` (in the browser's order) whose tag `accepted` takes, else [`FALLBACK`].
pub fn choose(
    languages: impl IntoIterator<Item = String>,
    accepted: impl Fn(&str) -> bool,
) -> String {
    languages
        .into_iter()
        .filter_map(|l| tag(&l))
        .find(|t| accepted(t))
        .unwrap_or_else(|| FALLBACK.into())
}

thread_local! {
    static LANGUAGE: String = choose(crate::browser::languages(), crate::browser::intl_accepts);
}

/// Browser: the supervisor's language for `Intl`, chosen once per page.
pub fn language() -> String {
    LANGUAGE.with(String::clone)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    /// What a browser's `Intl` takes: well-formed tags of languages it has (here: English, German).
    fn intl(tag: &str) -> bool {
        ["en", "en-US", "en-GB", "de", "de-DE"].contains(&tag)
    }

    #[test]
    fn system_names_become_tags_and_c_is_none() {
        assert_eq!(tag("en_US.UTF-8").as_deref(), Some("en-US"));
        assert_eq!(tag("de_DE@euro").as_deref(), Some("de-DE"));
        assert_eq!(tag("fr-CA").as_deref(), Some("fr-CA"));
        for none in ["C", "c", "POSIX", "C.UTF-8", "", "  "] {
            assert_eq!(tag(none), None, "{none:?}");
        }
    }

    #[test]
    fn the_first_language_intl_takes_wins_and_odd_ones_end_in_english() {
        assert_eq!(choose(strings(&["C"]), intl), "en");
        assert_eq!(
            choose(strings(&["POSIX", "de_DE.UTF-8", "en"]), intl),
            "de-DE"
        );
        assert_eq!(
            choose(strings(&["xx-nonsense", "!!", "en_GB"]), intl),
            "en-GB"
        );
        assert_eq!(choose(Vec::new(), intl), "en");
        assert_eq!(choose(strings(&["C.UTF-8", ""]), |_| true), "en");
    }
}
