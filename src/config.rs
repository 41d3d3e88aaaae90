//! Runtime configuration: an optional `config.json` beside `index.html`, read at start, so one build
//! serves any site. A missing or invalid file gives the defaults and a visible notice, never a blank page.
//!
//! ```json
//! { "apiBase": "/communication_manager/", "defaultCoreServer": "default", "refreshSeconds": 15,
//!   "title": "Switchboard supervisor", "returnTimeUnit": "ms",
//!   "workday": { "start": "09:00", "end": "17:00" },
//!   "presets": [ { "name": "Lunch", "type": "away", "for": "30 min" },
//!                { "name": "Out of office", "type": "xa", "note": "Back Monday", "until": "next Monday 09:00" } ],
//!   "staffing": [ { "group": "Sales", "minimumAvailable": 3 } ] }
//! ```
//!
//! A bad preset or staffing entry is named in the notice and left out; the rest of the file is still used.

use serde::Deserialize;

use crate::api::types::ReturnTimeUnit;
use crate::domain::quick_times::Workday;
use crate::domain::site_presets::SitePreset;
use crate::domain::staffing::Minimum;

/// Where the API is; same origin by default (`trunk serve`'s proxy, or a reverse proxy in production).
pub const DEFAULT_API_BASE: &str = "/communication_manager/";
/// The core server opened when the URL names none.
pub const DEFAULT_SLUG: &str = "default";
/// The board's refresh interval when the file names none.
pub const DEFAULT_REFRESH_SECONDS: u32 = 15;
pub const DEFAULT_TITLE: &str = "iSymphony Supervisor";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuntimeConfig {
    pub api_base: String,
    pub default_core_server: String,
    pub refresh_seconds: u32,
    pub title: String,
    /// The server's unit of `returnTime`: `"ms"` (the vendor's pages) or `"s"` (their example).
    pub return_time_unit: ReturnTimeUnit,
    /// The working day, in the browser's zone, for the editor's quick return times.
    pub workday: Workday,
    /// The site's presets, offered first in the editors (`domain::site_presets`).
    pub presets: Vec<SitePreset>,
    /// Each group's minimum available, by its name or id (`domain::staffing`).
    pub staffing: Vec<Minimum>,
    /// Why the file (or a part of it) was not used, for the notice.
    pub notice: Option<String>,
}

impl Default for RuntimeConfig {
    fn default() -> Self {
        RuntimeConfig {
            api_base: DEFAULT_API_BASE.into(),
            default_core_server: DEFAULT_SLUG.into(),
            refresh_seconds: DEFAULT_REFRESH_SECONDS,
            title: DEFAULT_TITLE.into(),
            return_time_unit: ReturnTimeUnit::default(),
            workday: Workday::default(),
            presets: Vec::new(),
            staffing: Vec::new(),
            notice: None,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct File {
    api_base: Option<String>,
    default_core_server: Option<String>,
    refresh_seconds: Option<u32>,
    title: Option<String>,
    return_time_unit: Option<ReturnTimeUnit>,
    workday: Option<WorkdayFile>,
    presets: Option<Vec<serde_json::Value>>,
    staffing: Option<Vec<serde_json::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WorkdayFile {
    start: String,
    end: String,
}

impl RuntimeConfig {
    /// Reads the file's text; any mistake gives the defaults with a notice saying what was wrong.
    pub fn parse(text: &str) -> RuntimeConfig {
        match Self::try_parse(text) {
            Ok(config) => config,
            Err(why) => RuntimeConfig::with_notice(format!(
                "config.json was not used ({why}); the panel runs with its defaults."
            )),
        }
    }

    pub fn with_notice(notice: String) -> RuntimeConfig {
        RuntimeConfig {
            notice: Some(notice),
            ..RuntimeConfig::default()
        }
    }

    fn try_parse(text: &str) -> Result<RuntimeConfig, String> {
        let file: File = serde_json::from_str(text).map_err(|e| format!("not valid: {e}"))?;
        let defaults = RuntimeConfig::default();
        let api_base = match file.api_base {
            Some(b)
                if b.starts_with('/') || b.starts_with("http://") || b.starts_with("https://") =>
            {
                if b.ends_with('/') {
                    b
                } else {
                    format!("{b}/")
                }
            }
            Some(b) => {
                return Err(format!(
                    "apiBase \"{b}\" must start with /, http:// or https://"
                ))
            }
            None => defaults.api_base,
        };
        let refresh_seconds = match file.refresh_seconds {
            Some(s) if s == 0 || (5..=3600).contains(&s) => s,
            Some(s) => return Err(format!("refreshSeconds {s} must be 0 (off) or 5 to 3600")),
            None => defaults.refresh_seconds,
        };
        let nonblank = |v: Option<String>, d: String| {
            v.map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .unwrap_or(d)
        };
        let (presets, bad_presets) = SitePreset::parse_all(&file.presets.unwrap_or_default());
        let (staffing, bad_staffing) = Minimum::parse_all(&file.staffing.unwrap_or_default());
        let notice = match (bad_presets, bad_staffing) {
            (Some(a), Some(b)) => Some(format!("{a} {b}")),
            (a, b) => a.or(b),
        };
        Ok(RuntimeConfig {
            api_base,
            default_core_server: nonblank(file.default_core_server, defaults.default_core_server),
            refresh_seconds,
            title: nonblank(file.title, defaults.title),
            return_time_unit: file.return_time_unit.unwrap_or_default(),
            workday: match file.workday {
                Some(w) => Workday::parse(&w.start, &w.end)?,
                None => defaults.workday,
            },
            presets,
            staffing,
            notice,
        })
    }

    /// Browser: fetches `config.json` beside the page.
    pub async fn load() -> RuntimeConfig {
        let response = match gloo_net::http::Request::get("config.json").send().await {
            Ok(r) => r,
            Err(_) => {
                return RuntimeConfig::with_notice(
                    "config.json could not be fetched; the panel runs with its defaults.".into(),
                )
            }
        };
        // A static host that answers every unknown path with index.html has no config.json either.
        let html = response
            .headers()
            .get("content-type")
            .is_some_and(|t| t.starts_with("text/html"));
        if response.status() == 404 || html {
            return RuntimeConfig::with_notice("No config.json beside the panel: it runs with its defaults (the API on this origin).".into());
        }
        match response.text().await {
            Ok(text) if response.ok() => RuntimeConfig::parse(&text),
            _ => RuntimeConfig::with_notice(format!(
                "config.json answered HTTP {}; the panel runs with its defaults.",
                response.status()
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_file_is_taken() {
        let c = RuntimeConfig::parse(
            r#"{"apiBase":"https://pbx.example:55050/communication_manager","defaultCoreServer":"branch","refreshSeconds":30,"title":"Front office","returnTimeUnit":"s","workday":{"start":"08:00","end":"16:30"}}"#,
        );
        assert_eq!(
            c.api_base,
            "https://pbx.example:55050/communication_manager/"
        );
        assert_eq!(
            (
                c.default_core_server.as_str(),
                c.refresh_seconds,
                c.title.as_str()
            ),
            ("branch", 30, "Front office")
        );
        assert_eq!(c.return_time_unit, ReturnTimeUnit::Seconds);
        assert_eq!(c.workday, Workday::parse("08:00", "16:30").unwrap());
        assert_eq!(c.notice, None);
    }

    #[test]
    fn presets_load_and_a_bad_one_is_named_while_the_rest_of_the_file_is_used() {
        let c = RuntimeConfig::parse(
            r#"{"title":"Front office","presets":[{"name":"Lunch","type":"away","for":"30 min"},{"name":"Nap","type":"snooze"}]}"#,
        );
        assert_eq!(c.title, "Front office");
        assert_eq!(c.presets.len(), 1);
        assert_eq!(c.presets[0].label, "Lunch · 30 min");
        let notice = c.notice.unwrap();
        assert!(notice.contains("preset 2 (\"Nap\")"), "{notice}");
    }

    #[test]
    fn staffing_minimums_load_and_a_bad_one_is_named_beside_a_bad_preset() {
        let c = RuntimeConfig::parse(
            r#"{"staffing":[{"group":"Sales","minimumAvailable":3},{"group":"Support","minimum":2}],"presets":[{"name":"Nap","type":"snooze"}]}"#,
        );
        assert_eq!(
            c.staffing,
            [Minimum {
                group: "Sales".into(),
                available: 3
            }]
        );
        let notice = c.notice.unwrap();
        assert!(notice.contains("preset 1 (\"Nap\")"), "{notice}");
        assert!(
            notice.contains("staffing 2 (\"Support\"): unknown field"),
            "{notice}"
        );
    }

    #[test]
    fn an_empty_object_is_the_defaults() {
        assert_eq!(RuntimeConfig::parse("{}"), RuntimeConfig::default());
    }

    #[test]
    fn mistakes_give_the_defaults_and_say_why() {
        for (text, why) in [
            ("{", "not valid"),
            (r#"{"apiBase":"ftp://x"}"#, "apiBase"),
            (r#"{"refreshSeconds":2}"#, "refreshSeconds"),
            (r#"{"refreshSecond":20}"#, "unknown field"),
            (r#"{"returnTimeUnit":"minutes"}"#, "not valid"),
            (
                r#"{"workday":{"start":"9","end":"17:00"}}"#,
                "workday start \"9\" is not HH:MM",
            ),
        ] {
            let c = RuntimeConfig::parse(text);
            assert_eq!(c.api_base, DEFAULT_API_BASE);
            assert!(
                c.notice.as_deref().unwrap().contains(why),
                "{text}: {:?}",
                c.notice
            );
        }
    }
}
