//! `/prozesse/:id/ueberpruefung`: the guideline in force with its review date (coordinators
//! change it), the form to start a review early (with confirmation), and every review started
//! so far with the inputs it carried in. Also the dashboard panel of due reviews.

use super::{
    due_reviews, get_review, InForce, RescheduleReview, ReviewPageView, ReviewView, StartReview,
};
use crate::components::layout::{ErrorPage, FormResult};
use crate::domain::adoption::{TriggerKind, TRIGGER_TEXT_MAX};
use crate::i18n::{self, review::texts};
use crate::process::pages::{use_process_id, ProcessHeader, ProcessTab};
use leptos::prelude::*;
use leptos_meta::Title;

/// The review page.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let id = use_process_id();
    let reschedule = ServerAction::<RescheduleReview>::new();
    let start = ServerAction::<StartReview>::new();
    let data = Resource::new(
        move || (id.get(), reschedule.version().get(), start.version().get()),
        |(id, ..)| get_review(id),
    );
    view! {
        <Suspense fallback=move || view! { <p>{i18n::texts().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <ReviewContent view reschedule start/> }.into_any(),
                    Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReviewContent(
    view: ReviewPageView,
    reschedule: ServerAction<RescheduleReview>,
    start: ServerAction<StartReview>,
) -> impl IntoView {
    let t = texts();
    let process = view.process.clone();
    let id = process.id;
    let in_force = match view.in_force.clone() {
        Some(f) => {
            view! { <InForceCard f process_id=id under_review=view.under_review/> }.into_any()
        }
        None => view! { <p class="empty">{t.review_not_adopted}</p> }.into_any(),
    };
    let manage = (view.can_manage && view.in_force.is_some() && !view.under_review).then(|| {
        let date = view
            .in_force
            .as_ref()
            .map(|f| f.next_review.clone())
            .unwrap_or_default();
        view! {
            <RescheduleForm process_id=id date action=reschedule/>
            <StartForm process_id=id waiting_needs=view.waiting_needs waiting_deferred=view.waiting_deferred action=start/>
        }
    });
    let waiting = (view.in_force.is_some() && !view.under_review).then(|| {
        view! {
            <p>
                {t.waiting_intro} " " {view.waiting_needs} " " {t.waiting_needs} ", "
                {view.waiting_deferred} " " {t.waiting_deferred} "."
            </p>
        }
    });
    let reviews = if view.reviews.is_empty() {
        view! { <p class="empty">{t.no_reviews}</p> }.into_any()
    } else {
        view.reviews
            .into_iter()
            .map(|r| view! { <ReviewCard r/> })
            .collect_view()
            .into_any()
    };
    view! {
        <Title text=format!("{} – {}", t.review_title, process.title)/>
        <ProcessHeader id title=process.title.clone() step=process.step current=ProcessTab::Review roles=process.roles/>
        <h2>{t.review_title}</h2>
        <p>{t.review_intro}</p>
        {in_force}
        {waiting}
        {manage}
        <section aria-labelledby="reviews-title">
            <h2 id="reviews-title">{t.reviews_title}</h2>
            {reviews}
        </section>
    }
}

#[component]
fn InForceCard(f: InForce, process_id: i64, under_review: bool) -> impl IntoView {
    let t = texts();
    view! {
        <section class="card" aria-labelledby="in-force-title">
            <h2 id="in-force-title">{t.in_force_title}</h2>
            <dl class="adoption-facts">
                <div><dt>{t.version_word}</dt><dd>{f.version_number}</dd></div>
                <div><dt>{t.adopted_on_label}</dt><dd>{f.adopted_on}</dd></div>
                <div><dt>{t.next_review_label}</dt><dd class="next-review">{f.next_review} " (" {f.urgency} ")"</dd></div>
            </dl>
            <p class="review-status">{f.status_text}</p>
            {under_review.then(|| view! { <p class="alert info" role="status">{t.under_review_note}</p> })}
            <p>
                <a href=format!("/prozesse/{process_id}/leitlinie")>{t.read_guideline} " " {f.version_number}</a>
                " · "
                <a href=format!("/prozesse/{process_id}/erfahrungen")>{t.dialogue_link}</a>
            </p>
        </section>
    }
}

#[component]
fn RescheduleForm(
    process_id: i64,
    date: String,
    action: ServerAction<RescheduleReview>,
) -> impl IntoView {
    let t = texts();
    view! {
        <section class="card" aria-labelledby="reschedule-title">
            <h2 id="reschedule-title">{t.reschedule_title}</h2>
            <ActionForm action=action attr:class="stack">
                <FormResult value=action.value() success=t.rescheduled/>
                <input type="hidden" name="process_id" value=process_id.to_string()/>
                <label for="next-review">{t.next_review_label}</label>
                <input type="text" autocomplete="off" placeholder="TT.MM.JJJJ" id="next-review" name="next_review" value=date required/>
                <button type="submit" class="secondary">{t.reschedule_submit}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn StartForm(
    process_id: i64,
    waiting_needs: u64,
    waiting_deferred: u64,
    action: ServerAction<StartReview>,
) -> impl IntoView {
    let t = texts();
    let triggers = TriggerKind::ALL
    .into_iter()
    .map(|trigger| {
        let input_id = format!("trigger-{}", trigger.as_str());
        view! {
            <div class="choice">
                <input type="radio" id=input_id.clone() name="trigger" value=trigger.as_str() required/>
                <label for=input_id>{trigger.label_de()}</label>
            </div>
        }
    })
    .collect_view();
    let carried = t
        .start_carries
        .replace("{needs}", &waiting_needs.to_string())
        .replace("{deferred}", &waiting_deferred.to_string());
    view! {
        <section class="card" aria-labelledby="start-title">
            <h2 id="start-title">{t.start_title}</h2>
            <p>{t.start_intro}</p>
            <ActionForm action=action attr:class="stack">
                <FormResult value=action.value()/>
                <input type="hidden" name="process_id" value=process_id.to_string()/>
                <fieldset>
                    <legend>{t.trigger_legend}</legend>
                    {triggers}
                </fieldset>
                <label for="trigger-text">{t.trigger_text_label}</label>
                <textarea id="trigger-text" name="trigger_text" rows="2" maxlength=TRIGGER_TEXT_MAX.to_string()
                    aria-describedby="trigger-text-hint"></textarea>
                <p id="trigger-text-hint" class="hint">{t.trigger_text_hint}</p>
                <fieldset>
                    <legend>{t.reentry_legend}</legend>
                    <div class="choice">
                        <input type="radio" id="reentry-discourse" name="reentry" value="discourse" checked/>
                        <label for="reentry-discourse">{t.reentry_discourse}</label>
                    </div>
                    <div class="choice">
                        <input type="radio" id="reentry-collect" name="reentry" value="collect"/>
                        <label for="reentry-collect">{t.reentry_collect}</label>
                    </div>
                </fieldset>
                <p>{carried}</p>
                <div class="choice">
                    <input type="checkbox" id="start-confirm" name="confirm" value="on" required/>
                    <label for="start-confirm">{t.start_confirm}</label>
                </div>
                <button type="submit" disabled=move || action.pending().get()>{t.start_submit}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn ReviewCard(r: ReviewView) -> impl IntoView {
    let t = texts();
    let heading = format!("review-{}-title", r.id);
    let labelled_by = heading.clone();
    let inputs = if r.inputs.is_empty() {
        view! { <p class="empty">{t.no_inputs}</p> }.into_any()
    } else {
        let items = r
            .inputs
            .into_iter()
            .map(|i| {
                view! {
                    <li class="review-input">
                        <p class="byline"><span class="badge">{i.source}</span> " · " {i.created_at}</p>
                        <p class="pre-wrap">{i.body}</p>
                        {i.note.map(|n| view! { <p class="hint">{t.input_note} " " {n}</p> })}
                        <p><a href=i.link>{t.input_link}</a></p>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="review-inputs">{items}</ul> }.into_any()
    };
    view! {
        <article class="card review" aria-labelledby=labelled_by>
            <h3 id=heading>{t.revision_word} " " {r.revision} ": " {r.trigger}</h3>
            <dl class="adoption-facts">
                {r.trigger_text.map(|text| view! { <div><dt>{t.trigger_text_label}</dt><dd>{text}</dd></div> })}
                <div><dt>{t.started_label}</dt><dd>{r.started_by} ", " {r.started_at}</dd></div>
                <div><dt>{t.reentry_label}</dt><dd>{r.reentry}</dd></div>
                <div><dt>{t.from_version_label}</dt><dd>{r.from_version_number}</dd></div>
                <div><dt>{t.hash_label}</dt><dd><code class="hash">{r.content_hash}</code></dd></div>
            </dl>
            <h4>{t.inputs_title}</h4>
            {inputs}
        </article>
    }
}

/// Loads the dashboard's due reviews; call it at the top of the page component.
pub fn use_due_reviews() -> Resource<Result<Vec<super::DueReview>, crate::error::AppError>> {
    Resource::new(|| (), |_| due_reviews())
}

/// The dashboard panel: upcoming and overdue reviews (nothing when there are none, or for
/// people who neither coordinate nor work in a project group).
#[component]
pub fn DueReviewsPanel(
    /// The list, loaded at the top of the page ([`use_due_reviews`]).
    due: Resource<Result<Vec<super::DueReview>, crate::error::AppError>>,
) -> impl IntoView {
    let t = texts();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let list = due.await.unwrap_or_default();
                (!list.is_empty()).then(|| {
                    let items = list
                        .into_iter()
                        .map(|d| {
                            let class = if d.overdue { "due-review overdue" } else { "due-review" };
                            view! {
                                <li class=class>
                                    <a href=format!("/prozesse/{}/ueberpruefung", d.process_id)>{d.title}</a>
                                    " · " {d.status_text}
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <section class="card" aria-labelledby="due-reviews-title">
                            <h2 id="due-reviews-title">{t.due_title}</h2>
                            <ul>{items}</ul>
                        </section>
                    }
                })
            })}
        </Suspense>
    }
}
