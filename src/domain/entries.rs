//! A list from `config.json` read entry by entry: a bad entry is named by its place and its name and
//! left out, the rest still load (the site's presets, the groups' staffing minimums).

use serde_json::Value;

/// The entries `parse` takes, and one phrase for each it refuses: `preset 2 ("Nap"): why`, where
/// `what` is "preset" and the name is the entry's `named_by` field, when it is a string.
pub fn each<T>(
    list: &[Value],
    what: &str,
    named_by: &str,
    parse: impl Fn(&Value) -> Result<T, String>,
) -> (Vec<T>, Vec<String>) {
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for (i, value) in list.iter().enumerate() {
        match parse(value) {
            Ok(entry) => good.push(entry),
            Err(why) => {
                let name = value[named_by]
                    .as_str()
                    .map(|n| format!(" ({n:?})"))
                    .unwrap_or_default();
                bad.push(format!("{what} {}{name}: {why}", i + 1));
            }
        }
    }
    (good, bad)
}
