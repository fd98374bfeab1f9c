//! Draft and version pages. Placeholder until implemented.

use leptos::prelude::*;

/// `/prozesse/:id/entwurf`.
#[component]
pub fn DraftPage() -> impl IntoView {
    view! { <p>"Entwurf"</p> }
}

/// `/prozesse/:id/versionen`.
#[component]
pub fn VersionsPage() -> impl IntoView {
    view! { <p>"Versionen"</p> }
}

/// `/prozesse/:id/versionen/:number`.
#[component]
pub fn VersionPage() -> impl IntoView {
    view! { <p>"Version"</p> }
}

/// `/prozesse/:id/vergleich?von=N&zu=M`.
#[component]
pub fn ComparePage() -> impl IntoView {
    view! { <p>"Vergleich"</p> }
}
