//! The start page's panel "Was auf Sie wartet".

use super::my_tasks;
use crate::i18n::texts;
use leptos::prelude::*;

/// The resource of the panel; the page creates it outside any `Suspend`, so the render owns it.
pub fn use_tasks() -> Resource<Result<Vec<super::TaskView>, crate::error::AppError>> {
    Resource::new(|| (), |_| my_tasks())
}

/// The list of what waits for the signed-in person, or a calm empty state; nothing for
/// visitors.
#[component]
pub fn TasksPanel(
    /// From [`use_tasks`].
    tasks: Resource<Result<Vec<super::TaskView>, crate::error::AppError>>,
) -> impl IntoView {
    let t = texts();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match tasks.await {
                    Ok(list) if list.is_empty() => view! {
                        <section class="tasks" aria-labelledby="tasks-title">
                            <h2 id="tasks-title">{t.tasks_title}</h2>
                            <p class="empty">{t.tasks_empty}</p>
                        </section>
                    }
                    .into_any(),
                    Ok(list) => {
                        let count = crate::domain::tasks::heading_count_de(list.len());
                        let items = list
                            .into_iter()
                            .map(|task| view! {
                                <li class="task">
                                    <span class="badge">{task.badge}</span> " "
                                    <a href=task.href>{task.text}</a>
                                </li>
                            })
                            .collect_view();
                        view! {
                            <section class="tasks" aria-labelledby="tasks-title">
                                <h2 id="tasks-title">{t.tasks_title} " " <span class="hint">"(" {count} ")"</span></h2>
                                <ul class="task-list">{items}</ul>
                            </section>
                        }
                        .into_any()
                    }
                    // Visitors are not signed in: the start page shows them the log-in link.
                    Err(_) => ().into_any(),
                }
            })}
        </Suspense>
    }
}
