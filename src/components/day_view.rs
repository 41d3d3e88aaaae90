//! A user's day in the editor: a strip of coloured spans (for the eye; hidden from screen readers) and the
//! same spans as a list with their times (for everyone, keyboard and screen reader included).

use leptos::prelude::*;

use crate::domain::return_time::format_local_time;
use crate::domain::timeline::{strip_start, Span};
use crate::state::day::{Day, UserDay};

pub fn day_view(user_day: UserDay) -> impl IntoView {
    let UserDay { day, from, now } = user_day;
    view! {
        <section class="day" aria-labelledby="day-title">
            <h3 id="day-title">"Today"</h3>
            {move || match day.get() {
                Day::Reading => view! { <p class="muted">"Reading the day…"</p> }.into_any(),
                Day::Failed(why) => view! { <p class="muted">{format!("The day could not be read: {why}")}</p> }.into_any(),
                Day::Read(spans) if spans.is_empty() => {
                    view! { <p class="muted">"No status change recorded today."</p> }.into_any()
                }
                Day::Read(spans) => view! {
                    <div class="day-strip" aria-hidden="true">
                        {spans.iter().map(|s| strip_part(s, strip_start(&spans, from), now)).collect_view()}
                    </div>
                    <ol class="day-list">
                        {spans.iter().map(|s| view! {
                            <li>
                                <span class=format!("swatch badge-{}", s.kind.css_class()) aria-hidden="true"></span>
                                {format!("{} – {} · {} ({})", format_local_time(s.from), format_local_time(s.until), s.name, s.kind.label())}
                            </li>
                        }).collect_view()}
                    </ol>
                }
                .into_any(),
            }}
        </section>
    }
}

fn strip_part(span: &Span, start: i64, now: i64) -> impl IntoView {
    let title = format!(
        "{} – {}: {}",
        format_local_time(span.from),
        format_local_time(span.until),
        span.name
    );
    view! {
        <span
            class=format!("day-part badge-{}", span.kind.css_class())
            style=format!("width: {:.2}%", span.share(start, now))
            title=title
        ></span>
    }
}
