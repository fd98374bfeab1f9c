//! Contribution pages. Placeholder until implemented.

use leptos::prelude::*;

/// `/prozesse/:id/beitraege`.
#[component]
pub fn ContributionsPage() -> impl IntoView {
    view! { <p>"Beiträge"</p> }
}
