//! The start page.

use crate::i18n::texts;
use crate::AuthContext;
use leptos::prelude::*;
use leptos_meta::Title;

/// The start page: a greeting for signed-in people, an introduction for visitors.
#[component]
pub fn HomePage() -> impl IntoView {
    let auth = expect_context::<AuthContext>();
    let t = texts();
    let due = crate::review::pages::use_due_reviews();
    let tasks = crate::tasks::pages::use_tasks();
    let create = ServerAction::<crate::process::CreateProcess>::new();
    // Visitors get "not signed in" here, which the page does not show.
    let processes = Resource::new(
        move || create.version().get(),
        |_| crate::process::list_processes(),
    );
    view! {
        <Title text=t.home_title/>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match auth.user.await {
                    Ok(Some(me)) => {
                        let is_coordinator = me.can(crate::domain::account::Permission::CreateProcess);
                        view! {
                            <h1>{t.home_title}</h1>
                            <p class="lead">{t.home_greeting} " " {me.display_name}</p>
                            <p>{t.home_intro}</p>
                            <crate::tasks::pages::TasksPanel tasks/>
                            <crate::review::pages::DueReviewsPanel due/>
                            <crate::process::pages::ProcessList is_coordinator create processes/>
                        }
                        .into_any()
                    }
                    _ => view! {
                        <h1>{t.app_name}</h1>
                        <p class="lead">{t.home_anonymous}</p>
                        <p><a class="button" href="/anmelden">{t.home_login_link}</a></p>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
