//! The team's memory, for a signed-in supervisor on the panel's page. `GET /gateway/activity`: the trail —
//! one page (JSON, keyset paging) or an export of everything that matches (CSV or JSON), streamed a
//! thousand rows at a time so the gateway's memory does not grow with the trail. `GET /gateway/since`:
//! each user's status and since when. `GET /gateway/history`: one user's day.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Query as Params, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures_util::{stream, StreamExt as _};
use serde::Deserialize;

use crate::error::GatewayError;
use crate::sign_in::no_store;
use crate::store::activity::{csv_line, CSV_HEADER, PAGE_MAX};
use crate::store::{Query, Store};
use crate::{origin, Gateway};

type Asked<T> = Result<Params<T>, axum::extract::rejection::QueryRejection>;

/// A live session, the panel's page (no foreign `Origin`), a readable query and a store.
fn allowed<T>(
    gw: &Gateway,
    headers: &HeaderMap,
    asked: Asked<T>,
) -> Result<(T, Arc<Store>), GatewayError> {
    gw.session(headers)?;
    if origin::foreign(headers, &gw.config.allowed_origins) {
        return Err(GatewayError::CrossSite);
    }
    let Params(query) = asked.map_err(|e| GatewayError::BadQuery(e.body_text()))?;
    let store = gw.store.clone().ok_or(GatewayError::NoStore)?;
    Ok((query, store))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SinceQuery {
    /// The core server's configuration id or slug.
    core_server: String,
}

pub async fn since(
    State(gw): State<Arc<Gateway>>,
    headers: HeaderMap,
    asked: Asked<SinceQuery>,
) -> Result<Response, GatewayError> {
    let (query, store) = allowed(&gw, &headers, asked)?;
    let since = store
        .since(query.core_server)
        .await
        .map_err(GatewayError::Store)?;
    Ok(no_store(Json(since).into_response()))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct HistoryQuery {
    core_server: String,
    user: String,
    /// Unix ms: the start of the day asked for.
    from: i64,
}

pub async fn history(
    State(gw): State<Arc<Gateway>>,
    headers: HeaderMap,
    asked: Asked<HistoryQuery>,
) -> Result<Response, GatewayError> {
    let (q, store) = allowed(&gw, &headers, asked)?;
    let events = store
        .day(q.core_server, q.user, q.from)
        .await
        .map_err(GatewayError::Store)?;
    let recording_since = store.recording_since;
    Ok(no_store(
        Json(serde_json::json!({"recordingSince": recording_since, "events": events}))
            .into_response(),
    ))
}

pub async fn activity(
    State(gw): State<Arc<Gateway>>,
    headers: HeaderMap,
    asked: Asked<Query>,
) -> Result<Response, GatewayError> {
    let (query, store) = allowed(&gw, &headers, asked)?;
    let format = query.format.clone().unwrap_or_else(|| "json".into());
    let response = match format.as_str() {
        "json" => Json(store.activity(query).await.map_err(GatewayError::Store)?).into_response(),
        "csv" => export(store, query, Export::Csv),
        "json-all" => export(store, query, Export::Json),
        other => {
            return Err(GatewayError::BadQuery(format!(
                "format {other:?} is not one of json, csv, json-all"
            )))
        }
    };
    Ok(no_store(response))
}

#[derive(Clone, Copy)]
enum Export {
    Csv,
    Json,
}

/// Streams every matching entry, newest first, page by page.
fn export(store: Arc<Store>, mut query: Query, kind: Export) -> Response {
    query.limit = Some(PAGE_MAX);
    query.before = None;
    let (opening, closing, kind_header, name) = match kind {
        Export::Csv => (CSV_HEADER, "", "text/csv; charset=utf-8", "activity.csv"),
        Export::Json => ("[", "]", "application/json", "activity.json"),
    };
    // State: the query for the next page, whether anything was written yet, and whether it ended.
    let pages = stream::unfold((Some(query), false), move |(query, started)| {
        let store = store.clone();
        async move {
            let query = query?;
            let page = match store.activity(query.clone()).await {
                Ok(page) => page,
                Err(e) => {
                    tracing::error!(error = e, "activity export cut short");
                    return Some((Err(std::io::Error::other(e)), (None, started)));
                }
            };
            let mut chunk = String::new();
            for (i, entry) in page.entries.iter().enumerate() {
                match kind {
                    Export::Csv => chunk.push_str(&csv_line(entry)),
                    Export::Json => {
                        if started || i > 0 {
                            chunk.push(',');
                        }
                        chunk.push_str(&serde_json::to_string(entry).unwrap_or_default());
                    }
                }
            }
            let started = started || !page.entries.is_empty();
            let next = page.next.map(|before| Query {
                before: Some(before),
                ..query
            });
            if next.is_none() {
                chunk.push_str(closing);
            }
            Some((Ok::<_, std::io::Error>(chunk), (next, started)))
        }
    });
    let body = stream::iter([Ok(opening.to_owned())]).chain(pages);
    let mut response = Body::from_stream(body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind_header));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}
