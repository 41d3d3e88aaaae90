//! The body rules of `status/set` (contract, "Decided here" 1 and 7), as one pure function: JSON that does
//! not parse is `412`, as on every POST (the vendor's REST overview); bad parameters are `422`.

use serde_json::{Map, Value};

use crate::error::{ApiError, INVALID_JSON};
use crate::model::{ReturnTimeUnit, STATUS_TYPES};

/// The largest `returnTime` accepted: the last millisecond of the year 9999.
pub const MAX_RETURN_TIME: i64 = 253_402_300_799_999;

/// A validated `status/set` request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetStatus {
    pub name: String,
    pub kind: String,
    pub note: String,
    pub return_time: i64,
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::Unprocessable(message.into())
}

/// Reads a body whose return time is in `unit`; the result holds milliseconds.
pub fn parse(body: &[u8], unit: ReturnTimeUnit) -> Result<SetStatus, ApiError> {
    let value: Value =
        serde_json::from_slice(body).map_err(|_| ApiError::Precondition(INVALID_JSON))?;
    let Value::Object(fields) = value else {
        return Err(invalid("The request body must be a JSON object."));
    };
    Ok(SetStatus {
        name: name(&fields)?,
        kind: kind(&fields)?,
        note: note(&fields)?,
        return_time: unit.from_wire(return_time(&fields, unit)?),
    })
}

fn name(fields: &Map<String, Value>) -> Result<String, ApiError> {
    match fields.get("name") {
        None | Some(Value::Null) => Err(invalid("No name provided.")),
        Some(Value::String(s)) if s.trim().is_empty() => {
            Err(invalid("The name must not be blank."))
        }
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(invalid("The name must be a string.")),
    }
}

fn kind(fields: &Map<String, Value>) -> Result<String, ApiError> {
    match fields.get("type") {
        None | Some(Value::Null) => Err(invalid("No type provided.")),
        Some(Value::String(s)) if STATUS_TYPES.contains(&s.as_str()) => Ok(s.clone()),
        Some(_) => Err(invalid(format!(
            "The type is not valid; use one of: {}.",
            STATUS_TYPES.join(", ")
        ))),
    }
}

fn note(fields: &Map<String, Value>) -> Result<String, ApiError> {
    match fields.get("note") {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(invalid("The note must be a string.")),
    }
}

fn return_time(fields: &Map<String, Value>, unit: ReturnTimeUnit) -> Result<i64, ApiError> {
    let (max, unit_name) = match unit {
        ReturnTimeUnit::Milliseconds => (MAX_RETURN_TIME, "milliseconds"),
        ReturnTimeUnit::Seconds => (MAX_RETURN_TIME / 1_000, "seconds"),
    };
    let bad = || {
        invalid(format!(
            "The returnTime is not valid; use -1 or a whole number of {unit_name} from 0 to {max}."
        ))
    };
    match fields.get("returnTime") {
        None => Ok(-1),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(t) if t == -1 || (0..=max).contains(&t) => Ok(t),
            _ => Err(bad()),
        },
        Some(_) => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(body: &str) -> Option<u16> {
        parse(body.as_bytes(), ReturnTimeUnit::Milliseconds)
            .err()
            .map(|e| e.status().as_u16())
    }

    #[test]
    fn in_seconds_the_vendor_example_is_kept_as_milliseconds_and_the_limit_is_in_seconds() {
        let s = ReturnTimeUnit::Seconds;
        let body = br#"{"name":"x","type":"away","returnTime":499132800}"#;
        assert_eq!(parse(body, s).unwrap().return_time, 499_132_800_000);
        let last = br#"{"name":"x","type":"away","returnTime":253402300799}"#;
        assert!(parse(last, s).is_ok());
        let past = br#"{"name":"x","type":"away","returnTime":253402300800}"#;
        assert_eq!(parse(past, s).unwrap_err().status().as_u16(), 422);
        let none = br#"{"name":"x","type":"away","returnTime":-1}"#;
        assert_eq!(parse(none, s).unwrap().return_time, -1);
    }

    #[test]
    fn a_full_body_is_taken_as_is() {
        let s = parse(
            br#"{"name":"Lunch","type":"away","note":"a\nb","returnTime":499132800}"#,
            ReturnTimeUnit::Milliseconds,
        )
        .unwrap();
        assert_eq!(
            s,
            SetStatus {
                name: "Lunch".into(),
                kind: "away".into(),
                note: "a\nb".into(),
                return_time: 499132800
            }
        );
    }

    #[test]
    fn note_and_return_time_have_defaults() {
        let s = parse(
            br#"{"name":"Lunch","type":"away"}"#,
            ReturnTimeUnit::Milliseconds,
        )
        .unwrap();
        assert_eq!((s.note.as_str(), s.return_time), ("", -1));
    }

    #[test]
    fn json_that_does_not_parse_is_412() {
        for body in ["{", "", "nonsense", r#"{"name":"x","type":"away""#] {
            assert_eq!(code(body), Some(412), "{body}");
        }
    }

    #[test]
    fn every_rule_answers_422() {
        for body in [
            "[]",
            r#"{"type":"away"}"#,
            r#"{"name":"  ","type":"away"}"#,
            r#"{"name":5,"type":"away"}"#,
            r#"{"name":"x"}"#,
            r#"{"name":"x","type":"busy"}"#,
            r#"{"name":"x","type":"AWAY"}"#,
            r#"{"name":"x","type":"away","returnTime":1.5}"#,
            r#"{"name":"x","type":"away","returnTime":"123"}"#,
            r#"{"name":"x","type":"away","returnTime":-2}"#,
            r#"{"name":"x","type":"away","returnTime":253402300800000}"#,
            r#"{"name":"x","type":"away","returnTime":null}"#,
            r#"{"name":"x","type":"away","note":7}"#,
        ] {
            assert_eq!(code(body), Some(422), "{body}");
        }
    }

    #[test]
    fn the_edges_of_the_range_are_accepted() {
        for t in ["-1", "0", "253402300799999"] {
            let body = format!(r#"{{"name":"x","type":"away","returnTime":{t}}}"#);
            assert_eq!(code(&body), None, "{t}");
        }
    }
}
