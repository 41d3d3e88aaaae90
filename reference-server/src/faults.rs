//! Fault injection on the REST API (`--faults`), so the panel can be tried against a slow, flaky PBX:
//! latency, 500s, dropped connections and truncated JSON, reproducible from a seed. And `--restart-every`,
//! which regenerates every live id as an iSymphony restart does.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::rng::Rng;
use crate::AppState;

/// How long each answer waits: a fixed time, or a time drawn evenly from a range (`80..400ms`), as a PBX
/// across a site link answers sometimes fast and sometimes slow.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Latency {
    pub min: Duration,
    pub max: Duration,
}

impl Latency {
    pub fn fixed(latency: Duration) -> Self {
        Latency {
            min: latency,
            max: latency,
        }
    }

    pub fn is_zero(&self) -> bool {
        self.max.is_zero()
    }

    /// `300ms`, `1.5s`, or a range `80..400ms` (the unit after the range applies to both ends).
    fn parse(value: &str) -> Result<Latency, String> {
        let Some((low, high)) = value.split_once("..") else {
            return parse_duration(value).map(Latency::fixed);
        };
        let unit = high.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
        let low = if low.ends_with('s') {
            low.to_owned()
        } else {
            format!("{low}{unit}")
        };
        let (min, max) = (parse_duration(&low)?, parse_duration(high)?);
        if min > max {
            return Err(format!("--faults: latency {value:?} runs backwards"));
        }
        Ok(Latency { min, max })
    }

    /// One answer's wait, from `unit` in `0..1`.
    fn pick(&self, unit: f64) -> Duration {
        self.min + (self.max - self.min).mul_f64(unit)
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Faults {
    pub latency: Latency,
    pub error_rate: f64,
    pub drop_rate: f64,
    pub malformed_rate: f64,
    pub seed: u64,
}

impl Faults {
    /// Reads `latency=300ms` (or `latency=80..400ms`),`error-rate=0.1,drop-rate=0.05,malformed-rate=0.05,seed=7` (any subset).
    pub fn parse(text: &str) -> Result<Faults, String> {
        let mut faults = Faults {
            seed: 1,
            ..Faults::default()
        };
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| format!("--faults: {part:?} is not key=value"))?;
            let rate = || -> Result<f64, String> {
                value
                    .parse::<f64>()
                    .ok()
                    .filter(|r| (0.0..=1.0).contains(r))
                    .ok_or_else(|| {
                        format!("--faults: {key} must be between 0 and 1, not {value:?}")
                    })
            };
            match key {
                "latency" => faults.latency = Latency::parse(value)?,
                "error-rate" => faults.error_rate = rate()?,
                "drop-rate" => faults.drop_rate = rate()?,
                "malformed-rate" => faults.malformed_rate = rate()?,
                "seed" => {
                    faults.seed = value
                        .parse()
                        .map_err(|_| format!("--faults: seed {value:?} is not a number"))?
                }
                _ => return Err(format!("--faults: unknown fault {key:?}")),
            }
        }
        Ok(faults)
    }

    pub fn is_off(&self) -> bool {
        self.latency.is_zero()
            && self.error_rate == 0.0
            && self.drop_rate == 0.0
            && self.malformed_rate == 0.0
    }
}

fn parse_duration(value: &str) -> Result<Duration, String> {
    let (number, scale) = if let Some(ms) = value.strip_suffix("ms") {
        (ms, 0.001)
    } else if let Some(s) = value.strip_suffix('s') {
        (s, 1.0)
    } else {
        (value, 0.001)
    };
    number
        .parse::<f64>()
        .ok()
        .filter(|n| *n >= 0.0 && n.is_finite())
        .map(|n| Duration::from_secs_f64(n * scale))
        .ok_or_else(|| format!("--faults: latency {value:?} is not a duration like 300ms"))
}

/// What happens to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Normal,
    Error,
    Drop,
    Malformed,
}

/// The faults in force, changeable while the server runs (tests switch them on mid-session).
#[derive(Debug)]
pub struct FaultState {
    faults: Mutex<(Faults, Rng)>,
}

impl FaultState {
    pub fn new(faults: Faults) -> Self {
        let rng = Rng::new(faults.seed);
        FaultState {
            faults: Mutex::new((faults, rng)),
        }
    }

    pub fn set(&self, faults: Faults) {
        let rng = Rng::new(faults.seed);
        *self.faults.lock().unwrap_or_else(|e| e.into_inner()) = (faults, rng);
    }

    fn roll(&self) -> (Duration, Fate) {
        let mut guard = self.faults.lock().unwrap_or_else(|e| e.into_inner());
        let (faults, rng) = &mut *guard;
        let r = rng.unit();
        let wait = faults.latency.pick(rng.unit());
        let fate = if r < faults.drop_rate {
            Fate::Drop
        } else if r < faults.drop_rate + faults.error_rate {
            Fate::Error
        } else if r < faults.drop_rate + faults.error_rate + faults.malformed_rate {
            Fate::Malformed
        } else {
            Fate::Normal
        };
        (wait, fate)
    }

    pub(crate) async fn apply(self: Arc<Self>, request: Request, next: Next) -> Response {
        let (latency, fate) = self.roll();
        if !latency.is_zero() {
            tokio::time::sleep(latency).await;
        }
        match fate {
            Fate::Normal => next.run(request).await,
            Fate::Error => (
                StatusCode::INTERNAL_SERVER_ERROR,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "Injected fault: the server failed.",
            )
                .into_response(),
            // A body that fails at once: the connection is cut mid-answer.
            Fate::Drop => Response::new(Body::from_stream(futures_util::stream::once(async {
                Err::<axum::body::Bytes, _>(std::io::Error::other("injected drop"))
            }))),
            Fate::Malformed => {
                let response = next.run(request).await;
                let (parts, body) = response.into_parts();
                let bytes = axum::body::to_bytes(body, usize::MAX)
                    .await
                    .unwrap_or_default();
                let cut = bytes.slice(..bytes.len() / 2);
                let mut response = Response::from_parts(parts, Body::from(cut));
                response.headers_mut().remove(header::CONTENT_LENGTH);
                response
            }
        }
    }
}

/// `--restart-every`: every period, the server restarts as iSymphony does ([`AppState::restart`]).
pub async fn restart_every(app: Arc<AppState>, every: Duration) {
    let mut ticker = tokio::time::interval(every);
    ticker.tick().await;
    loop {
        ticker.tick().await;
        app.restart();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_reads_every_fault() {
        let f =
            Faults::parse("latency=300ms,error-rate=0.1,drop-rate=0.05,malformed-rate=0.05,seed=7")
                .unwrap();
        assert_eq!(
            f,
            Faults {
                latency: Latency::fixed(Duration::from_millis(300)),
                error_rate: 0.1,
                drop_rate: 0.05,
                malformed_rate: 0.05,
                seed: 7
            }
        );
        assert_eq!(
            Faults::parse("latency=1.5s").unwrap().latency,
            Latency::fixed(Duration::from_millis(1500))
        );
        let ms = Duration::from_millis;
        for (text, min, max) in [
            ("latency=80..400ms", ms(80), ms(400)),
            ("latency=0.5..2s", ms(500), ms(2000)),
            ("latency=200ms..1s", ms(200), ms(1000)),
        ] {
            assert_eq!(
                Faults::parse(text).unwrap().latency,
                Latency { min, max },
                "{text}"
            );
        }
        assert!(Faults::parse("").unwrap().is_off());
        for bad in [
            "error-rate=2",
            "latency=fast",
            "nonsense=1",
            "seed=x",
            "drop-rate",
            "latency=400..80ms",
            "latency=..",
        ] {
            assert!(Faults::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn jittered_latency_spreads_over_its_range() {
        let state = FaultState::new(Faults::parse("latency=80..400ms,seed=5").unwrap());
        let waits: Vec<Duration> = (0..2_000).map(|_| state.roll().0).collect();
        let ms = Duration::from_millis;
        assert!(waits.iter().all(|w| (ms(80)..=ms(400)).contains(w)));
        assert!(waits.iter().any(|w| *w < ms(120)) && waits.iter().any(|w| *w > ms(360)));
        let fixed = FaultState::new(Faults::parse("latency=200ms").unwrap());
        assert!((0..50).all(|_| fixed.roll().0 == ms(200)));
    }

    #[test]
    fn rates_come_out_roughly_as_asked() {
        let state = FaultState::new(Faults {
            error_rate: 0.2,
            drop_rate: 0.1,
            malformed_rate: 0.1,
            seed: 3,
            ..Faults::default()
        });
        let fates: Vec<Fate> = (0..10_000).map(|_| state.roll().1).collect();
        let share = |f: Fate| fates.iter().filter(|x| **x == f).count() as f64 / 10_000.0;
        assert!((share(Fate::Error) - 0.2).abs() < 0.02);
        assert!((share(Fate::Drop) - 0.1).abs() < 0.02);
        assert!((share(Fate::Malformed) - 0.1).abs() < 0.02);
    }
}
