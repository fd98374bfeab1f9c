//! The draft editor with live preview, the version list, a version's page and the comparison.

use super::{
    compare_versions, get_draft, get_version, list_versions, preview_draft, Comparison, DraftView,
    Piece, PieceKind, PublishVersion, SaveDraft, SectionComparison, SectionStatus, StartDraft,
    VersionDetail, VersionList, WorkingDraft, DRAFT_MAX_CHARS, SUMMARY_MAX_CHARS,
};
use crate::components::layout::{ErrorPage, FormResult};
use crate::domain::access::{self, ProcessAction};
use crate::domain::diff::word_diff;
use crate::domain::readability::{
    analyse_sections, SectionReadability, LIMITS_EXPLANATION, LONG_SENTENCE_EXPLANATION,
    LONG_WORD_EXPLANATION, SCORE_EXPLANATION,
};
use crate::error::AppError;
use crate::i18n::{self, draft::texts};
use crate::process::pages::{use_process_id, ProcessHeader, ProcessTab};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Whether the viewer may do `action` in the process shown (the server checks again).
fn may(process: &crate::process::ProcessHead, action: ProcessAction) -> bool {
    access::check(
        process.roles,
        action,
        access::ProcessFacts {
            step: process.step,
            contributions_visible: true,
        },
    )
    .is_ok()
}

use crate::domain::german::{count_u, decimal, number_u};

/// The loading text shown while a page's data arrives.
fn loading() -> impl IntoView {
    view! { <p>{i18n::texts().loading}</p> }
}

// ---------------------------------------------------------------------------------------------
// The working draft
// ---------------------------------------------------------------------------------------------

/// `/prozesse/:id/entwurf`: the working draft (project group only).
#[component]
pub fn DraftPage() -> impl IntoView {
    let id = use_process_id();
    let start = ServerAction::<StartDraft>::new();
    let data = Resource::new(
        move || (id.get(), start.version().get()),
        |(id, _)| get_draft(id),
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <DraftContent view start/> }.into_any(),
                    Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DraftContent(view: DraftView, start: ServerAction<StartDraft>) -> impl IntoView {
    let t = texts();
    let process = view.process.clone();
    let has_draft = view.draft.is_some();
    let body = match view.draft {
        Some(draft) => view! {
            <DraftEditor process=process.clone() draft latest_version=view.latest_version/>
        }
        .into_any(),
        None => view! { <StartChoice process_id=process.id start/> }.into_any(),
    };
    view! {
        <Title text=format!("{} – {}", t.draft_title, process.title)/>
        <ProcessHeader id=process.id title=process.title.clone() step=process.step current=ProcessTab::Draft roles=process.roles/>
        <h2>{t.draft_title}</h2>
        <p class="lead">{t.draft_intro}</p>
        {body}
        <crate::document::pages::ImportForm process_id=process.id has_draft/>
    }
}

/// Shown while no working draft exists: start from the template or empty.
#[component]
fn StartChoice(process_id: i64, start: ServerAction<StartDraft>) -> impl IntoView {
    let t = texts();
    let pending = start.pending();
    let id = process_id.to_string();
    let id2 = id.clone();
    view! {
        <section class="card start-choice" aria-labelledby="start-title">
            <h3 id="start-title">{t.start_title}</h3>
            <p>{t.start_intro}</p>
            <FormResult value=start.value()/>
            <div class="start-options">
                <ActionForm action=start attr:class="start-option">
                    <input type="hidden" name="process_id" value=id.clone()/>
                    <input type="hidden" name="from_template" value="ja"/>
                    <p>{t.start_template_text}</p>
                    <button type="submit" disabled=move || pending.get()>{t.start_template}</button>
                </ActionForm>
                <ActionForm action=start attr:class="start-option">
                    <input type="hidden" name="process_id" value=id2.clone()/>
                    <input type="hidden" name="from_template" value="nein"/>
                    <p>{t.start_empty_text}</p>
                    <button type="submit" class="secondary" disabled=move || pending.get()>{t.start_empty}</button>
                </ActionForm>
            </div>
        </section>
    }
}

/// What the page keeps after a refused save: the stored text and the text the user tried.
#[derive(Debug, Clone, PartialEq)]
struct SaveConflict {
    /// The stored draft (someone else's save).
    theirs: WorkingDraft,
    /// The text that was not stored.
    yours: String,
    /// Whether the user already chose how to go on.
    resolved: bool,
}

/// The union of two texts: everything of `theirs` plus what only `yours` has, in order.
/// Nothing of either text is lost; replaced words appear twice for the user to clean up.
fn merge_texts(theirs: &str, yours: &str) -> String {
    word_diff(theirs, yours)
        .into_iter()
        .map(|op| op.text)
        .collect::<Vec<_>>()
        .concat()
}

/// A copy of unsaved draft text kept in the browser (`localStorage`) until it is saved, so a
/// closed tab, a crash or a dropped connection loses nothing.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct LocalCopy {
    /// The text as typed.
    body: String,
    /// The save counter the text was based on (a later save by someone else shows both texts).
    base: i32,
    /// When it was last typed (milliseconds since 1970, the browser's clock).
    at: f64,
}

/// Reading and writing the [`LocalCopy`] of a process's draft; does nothing on the server.
mod local_copy {
    use super::LocalCopy;

    #[cfg(feature = "hydrate")]
    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    #[cfg(feature = "hydrate")]
    fn key(process_id: i64) -> String {
        format!("mitsprache:entwurf:{process_id}")
    }

    /// The stored copy, if any.
    pub fn load(process_id: i64) -> Option<LocalCopy> {
        #[cfg(feature = "hydrate")]
        {
            let text = storage()?.get_item(&key(process_id)).ok().flatten()?;
            serde_json::from_str(&text).ok()
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = process_id;
            None
        }
    }

    /// Keeps `body` (based on save `base`) as the copy.
    pub fn store(process_id: i64, body: &str, base: i32) {
        #[cfg(feature = "hydrate")]
        if let Some(storage) = storage() {
            let copy = LocalCopy {
                body: body.to_owned(),
                base,
                at: web_sys::js_sys::Date::now(),
            };
            if let Ok(text) = serde_json::to_string(&copy) {
                // A full storage (quota) must not break typing: the warning still protects.
                let _ = storage.set_item(&key(process_id), &text);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (process_id, body, base);
    }

    /// Forgets the copy (after saving, or when the person discards it).
    pub fn clear(process_id: i64) {
        #[cfg(feature = "hydrate")]
        if let Some(storage) = storage() {
            let _ = storage.remove_item(&key(process_id));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = process_id;
    }

    /// "23.11.2026, 14:03 Uhr" in German time for a browser timestamp.
    pub fn when(at: f64) -> String {
        #[cfg(feature = "hydrate")]
        {
            use web_sys::js_sys::{Date, Object, Reflect};
            let options = Object::new();
            for (k, v) in [
                ("timeZone", "Europe/Berlin"),
                ("day", "2-digit"),
                ("month", "2-digit"),
                ("year", "numeric"),
                ("hour", "2-digit"),
                ("minute", "2-digit"),
            ] {
                let _ = Reflect::set(&options, &k.into(), &v.into());
            }
            let date = Date::new(&at.into());
            format!(
                "{} Uhr",
                String::from(date.to_locale_string("de-DE", &options))
            )
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = at;
            String::new()
        }
    }

    /// Now, as [`when`] writes it.
    pub fn now_text() -> String {
        #[cfg(feature = "hydrate")]
        {
            when(web_sys::js_sys::Date::now())
        }
        #[cfg(not(feature = "hydrate"))]
        String::new()
    }
}

#[component]
fn DraftEditor(
    process: crate::process::ProcessHead,
    draft: WorkingDraft,
    latest_version: Option<i32>,
) -> impl IntoView {
    let t = texts();
    let process_id = process.id;
    let text = RwSignal::new(draft.body.clone());
    let saved_text = RwSignal::new(draft.body.clone());
    let edit_count = RwSignal::new(draft.edit_count);
    let debounced = RwSignal::new(draft.body.clone());
    let conflict = RwSignal::new(None::<SaveConflict>);
    let save = ServerAction::<SaveDraft>::new();

    // The preview follows the typing, 400 ms after the last key press.
    let timer = StoredValue::new(None::<leptos::prelude::TimeoutHandle>);
    Effect::new(move |_| {
        let value = text.get();
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                if debounced.get_untracked() != value {
                    debounced.set(value);
                }
            },
            std::time::Duration::from_millis(400),
        )
        .ok();
        timer.set_value(handle);
    });
    // The first preview comes rendered with the page; later ones are fetched in the browser only
    // (an effect, not a resource: nothing to wait for or to match during server rendering).
    let preview = RwSignal::new(Ok::<String, AppError>(draft.html.clone()));
    let previewed = StoredValue::new(draft.body.clone());
    Effect::new(move |_| {
        let body = debounced.get();
        if previewed.with_value(|p| *p == body) {
            return;
        }
        previewed.set_value(body.clone());
        leptos::task::spawn_local(async move {
            let result = preview_draft(process_id, body.clone())
                .await
                .map(|p| p.html);
            // Only the answer for the latest text may replace the preview (and only while the
            // editor is still on the page).
            if previewed.try_with_value(|p| *p == body) == Some(true) {
                let _ = preview.try_set(result);
            }
        });
    });

    // After a save: remember the new count, or keep both texts when someone else was faster.
    Effect::new(move |_| match save.value().get() {
        Some(Ok(count)) => {
            edit_count.set(count);
            saved_text.set(text.get_untracked());
            conflict.set(None);
        }
        Some(Err(AppError::Conflict(_))) => {
            let yours = text.get_untracked();
            leptos::task::spawn_local(async move {
                if let Ok(DraftView {
                    draft: Some(theirs),
                    ..
                }) = get_draft(process_id).await
                {
                    conflict.set(Some(SaveConflict {
                        theirs,
                        yours,
                        resolved: false,
                    }));
                }
            });
        }
        _ => {}
    });

    let pending = save.pending();
    let can_publish = may(&process, ProcessAction::PublishVersion);
    let unsaved = move || text.with(|now| saved_text.with(|saved| now != saved));

    // "Zuletzt gespeichert" follows every save made here.
    let last_saved = RwSignal::new((draft.updated_at.clone(), draft.updated_by.clone()));
    let auth = use_context::<crate::AuthContext>();
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            let me = auth
                .and_then(|a| a.user.get_untracked())
                .and_then(|u| u.ok().flatten())
                .map(|me| me.display_name)
                .unwrap_or_default();
            last_saved.set((local_copy::now_text(), me));
        }
    });

    // A copy of unsaved text stays on this device until it is saved; one found when the
    // editor opens is offered back.
    let found = local_copy::load(process_id).filter(|copy| copy.body != draft.body);
    let offer = RwSignal::new(None::<LocalCopy>);
    // Set once the page is live (the server-rendered page has no offer to match).
    let offer_pending = StoredValue::new(found.is_some());
    let server_count = draft.edit_count;
    if found.is_some() {
        Effect::new(move |_| offer.set(found.clone()));
    }
    Effect::new(move |_| {
        let dirty = unsaved();
        crate::components::unsaved::set_unsaved(dirty);
        if offer_pending.get_value() {
            // Keep the old copy until the person chose what to do with it.
            return;
        }
        if dirty {
            text.with(|body| local_copy::store(process_id, body, edit_count.get_untracked()));
        } else {
            local_copy::clear(process_id);
        }
    });
    on_cleanup(|| crate::components::unsaved::set_unsaved(false));
    let restore = move |_| {
        if let Some(copy) = offer.get_untracked() {
            edit_count.set(copy.base);
            text.set(copy.body);
        }
        offer_pending.set_value(false);
        offer.set(None);
    };
    let discard = move |_| {
        local_copy::clear(process_id);
        offer_pending.set_value(false);
        offer.set(None);
    };
    view! {
        <p class="hint" role="status">
            {t.last_saved} " " {move || last_saved.get().0} " " {t.by} " " {move || last_saved.get().1}
        </p>
        {move || offer.get().map(|copy| view! {
            <section class="card alert warning restore-copy" aria-labelledby="restore-title" role="region">
                <h3 id="restore-title">{t.restore_title}</h3>
                <p>{t.restore_intro} " " {local_copy::when(copy.at)} "."</p>
                {(copy.base < server_count).then(|| view! { <p>{t.restore_changed}</p> })}
                <div class="actions">
                    <button type="button" on:click=restore>{t.restore_button}</button>
                    <button type="button" class="secondary" on:click=discard>{t.restore_discard}</button>
                </div>
            </section>
        })}
        <div class="draft-workspace">
            <ActionForm action=save attr:class="stack draft-form">
                <input type="hidden" name="process_id" value=process_id.to_string()/>
                <input type="hidden" name="edit_count" prop:value=move || edit_count.get().to_string()/>
                <label for="draft-body">{t.body_label}</label>
                <p id="draft-body-hint" class="hint">{t.body_hint}</p>
                <textarea id="draft-body" name="body" rows="28" maxlength=DRAFT_MAX_CHARS
                    aria-describedby="draft-body-hint draft-body-count" spellcheck="true"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                    inner_html=crate::components::textarea_text(&draft.body)></textarea>
                <p id="draft-body-count" class="hint">
                    {move || text.with(|t| number_u(t.chars().count()))} " / " {number_u(DRAFT_MAX_CHARS)} " " {t.chars}
                    {move || unsaved().then(|| view! { " · " <strong>{texts().unsaved}</strong> })}
                </p>
                <FormResult value=save.value() success=t.saved/>
                <button type="submit" disabled=move || pending.get()>{t.save}</button>
            </ActionForm>
            <section class="draft-preview" aria-labelledby="preview-title" tabindex="0">
                <h3 id="preview-title">{t.preview_title}</h3>
                <p class="hint">{t.preview_hint}</p>
                {move || match preview.get() {
                    // The HTML comes from `domain::markdown::render`, sanitised by ammonia.
                    Ok(html) => view! { <div class="guideline preview-body" inner_html=html></div> }.into_any(),
                    Err(err) => view! { <p class="alert error" role="alert">{err.to_string()}</p> }.into_any(),
                }}
            </section>
        </div>
        {move || conflict.get().map(|c| view! { <ConflictPanel conflict=c state=conflict text edit_count/> })}
        <ReadabilityPanel markdown=Signal::from(debounced) heading_id="readability-draft"/>
        {can_publish.then(|| view! {
            <PublishForm process_id edit_count unsaved=Signal::derive(unsaved) latest_version/>
        })}
    }
}

/// Both texts side by side after a refused save, with the ways to go on.
#[component]
fn ConflictPanel(
    conflict: SaveConflict,
    state: RwSignal<Option<SaveConflict>>,
    text: RwSignal<String>,
    edit_count: RwSignal<i32>,
) -> impl IntoView {
    let t = texts();
    let theirs = conflict.theirs.clone();
    let yours = conflict.yours.clone();
    let base = theirs.edit_count;
    let choose = move |new_text: String| {
        text.set(new_text);
        edit_count.set(base);
        state.update(|c| {
            if let Some(c) = c {
                c.resolved = true;
            }
        });
    };
    let (take_theirs, merge, keep_mine) = {
        let (a, b, c) = (theirs.body.clone(), theirs.body.clone(), yours.clone());
        let y = yours.clone();
        (
            move |_| choose(a.clone()),
            move |_| choose(merge_texts(&b, &y)),
            move |_| choose(c.clone()),
        )
    };
    view! {
        <section class="card conflict" aria-labelledby="conflict-title" role="region">
            <h3 id="conflict-title">{t.conflict_title}</h3>
            <p>{t.conflict_intro}</p>
            <div class="conflict-columns">
                <div>
                    <label for="conflict-theirs">
                        {t.conflict_theirs} " (" {theirs.updated_by.clone()} ", " {theirs.updated_at.clone()} ")"
                    </label>
                    <textarea id="conflict-theirs" readonly rows="16" inner_html=crate::components::textarea_text(&theirs.body)></textarea>
                </div>
                <div>
                    <label for="conflict-yours">{t.conflict_yours}</label>
                    <textarea id="conflict-yours" readonly rows="16" inner_html=crate::components::textarea_text(&yours)></textarea>
                </div>
            </div>
            {if conflict.resolved {
                view! {
                    <p class="alert success" role="status">{t.conflict_resolved}</p>
                    <button type="button" class="secondary" on:click=move |_| state.set(None)>{t.conflict_close}</button>
                }
                .into_any()
            } else {
                view! {
                    <div class="actions conflict-actions">
                        <button type="button" on:click=take_theirs>{t.conflict_take_theirs}</button>
                        <button type="button" class="secondary" on:click=merge>{t.conflict_merge}</button>
                        <button type="button" class="secondary" on:click=keep_mine>{t.conflict_keep_mine}</button>
                    </div>
                    <p class="hint">{t.conflict_merge_hint}</p>
                }
                .into_any()
            }}
        </section>
    }
}

/// Publishing the saved draft as the next version, with a required change summary.
#[component]
fn PublishForm(
    process_id: i64,
    edit_count: RwSignal<i32>,
    unsaved: Signal<bool>,
    latest_version: Option<i32>,
) -> impl IntoView {
    let t = texts();
    let publish = ServerAction::<PublishVersion>::new();
    let pending = publish.pending();
    let next = latest_version.map_or(1, |n| n + 1);
    view! {
        <section class="card publish" aria-labelledby="publish-title">
            <h2 id="publish-title">{t.publish_title}</h2>
            <p>{t.publish_intro}</p>
            {move || unsaved.get().then(|| view! { <p class="alert warning" role="status">{texts().publish_unsaved}</p> })}
            <ActionForm action=publish attr:class="stack">
                <FormResult value=publish.value()/>
                <input type="hidden" name="process_id" value=process_id.to_string()/>
                <input type="hidden" name="edit_count" prop:value=move || edit_count.get().to_string()/>
                <label for="change-summary">{t.summary_label}</label>
                <textarea id="change-summary" name="change_summary" rows="3" required
                    maxlength=SUMMARY_MAX_CHARS aria-describedby="change-summary-hint"></textarea>
                <p id="change-summary-hint" class="hint">{t.summary_hint}</p>
                <button type="submit" disabled=move || pending.get()>
                    {t.publish_submit} " " {next} " " {t.publish_submit_suffix}
                </button>
            </ActionForm>
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// The plain-language check
// ---------------------------------------------------------------------------------------------

/// The plain-language check of a Markdown text, section by section.
#[component]
pub fn ReadabilityPanel(
    /// The Markdown to check.
    markdown: Signal<String>,
    /// The `id` of the panel's heading (unique on the page).
    heading_id: &'static str,
) -> impl IntoView {
    let t = texts();
    view! {
        <section class="readability" aria-labelledby=heading_id>
            <h2 id=heading_id>{t.readability_title}</h2>
            <p class="readability-why"><strong>{LONG_SENTENCE_EXPLANATION}</strong></p>
            <details class="readability-help">
                <summary>{t.readability_help}</summary>
                <p>{SCORE_EXPLANATION}</p>
                <p>{LONG_WORD_EXPLANATION}</p>
                <p>{LIMITS_EXPLANATION}</p>
            </details>
            {move || {
                let sections: Vec<SectionReadability> = markdown
                    .with(|md| analyse_sections(md))
                    .into_iter()
                    .filter(|s| s.report.word_count > 0)
                    .collect();
                if sections.is_empty() {
                    view! { <p class="empty">{texts().readability_empty}</p> }.into_any()
                } else {
                    sections
                        .into_iter()
                        .map(|s| view! { <SectionCheck section=s/> })
                        .collect_view()
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn SectionCheck(section: SectionReadability) -> impl IntoView {
    let t = texts();
    let report = section.report;
    let (score, band_class) = match report.score {
        Some(score) => (
            format!(
                "{} {} 100 – {}",
                decimal(score.clamped, 0),
                t.score_of,
                score.band.label_de()
            ),
            format!("readability-section band-{}", score.band.as_str()),
        ),
        None => ("–".to_owned(), "readability-section".to_owned()),
    };
    let sentences = (!report.long_sentences.is_empty()).then(|| {
        let count = report.long_sentences.len();
        let items = report
            .long_sentences
            .into_iter()
            .map(|s| view! { <li>{s.text} " " <span class="hint">"(" {count_u(s.word_count, "Wort", "Wörter")} ")"</span></li> })
            .collect_view();
        view! {
            <details>
                <summary>{number_u(count)} " " {if count == 1 { t.long_sentence_one } else { t.long_sentence_many }}</summary>
                <ul class="flagged">{items}</ul>
            </details>
        }
    });
    let words = (!report.long_words.is_empty()).then(|| {
        let list = report
            .long_words
            .into_iter()
            .map(|w| {
                if w.occurrences > 1 {
                    format!("{} ({}×)", w.word, w.occurrences)
                } else {
                    w.word
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        view! { <p>{t.long_words} " " <span class="flagged-words">{list}</span></p> }
    });
    view! {
        <section class=band_class>
            <h3>{section.title}</h3>
            <dl class="readability-figures">
                <div><dt>{t.score_label}</dt><dd>{score}</dd></div>
                <div><dt>{t.sentence_length_label}</dt><dd>{decimal(report.average_sentence_length, 1)} " " {t.words}</dd></div>
            </dl>
            {sentences}
            {words}
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// Versions
// ---------------------------------------------------------------------------------------------

/// `/prozesse/:id/versionen`: all published versions (everyone signed in).
#[component]
pub fn VersionsPage() -> impl IntoView {
    let id = use_process_id();
    let data = Resource::new(move || id.get(), list_versions);
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => view! { <VersionsContent list/> }.into_any(),
                    Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn VersionsContent(list: VersionList) -> impl IntoView {
    let t = texts();
    let process = list.process;
    let id = process.id;
    let content = if list.versions.is_empty() {
        let edit = may(&process, ProcessAction::EditDraft);
        view! {
            <p class="empty">{t.versions_empty}</p>
            {edit.then(|| view! { <p><a href=format!("/prozesse/{id}/entwurf")>{t.to_draft}</a></p> })}
        }
        .into_any()
    } else {
        let rows = list
            .versions
            .into_iter()
            .map(|v| {
                let n = v.number;
                view! {
                    <tr>
                        <th scope="row">{t.version_word} " " {n}</th>
                        <td>{v.published_at}</td>
                        <td>{v.published_by}</td>
                        <td class="summary">{v.change_summary}</td>
                        <td class="actions">
                            <a href=format!("/prozesse/{id}/versionen/{n}")>{t.view_version} " " {n}</a>
                            {(n > 1).then(|| view! {
                                <a href=format!("/prozesse/{id}/vergleich?von={}&zu={n}", n - 1)>
                                    {t.compare_with_previous} " " {n - 1}
                                </a>
                            })}
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="versions">
                <caption>{t.versions_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.col_version}</th>
                        <th scope="col">{t.col_published_at}</th>
                        <th scope="col">{t.col_published_by}</th>
                        <th scope="col">{t.col_summary}</th>
                        <th scope="col">{i18n::texts().col_actions}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <p><a href=format!("/prozesse/{id}/vergleich")>{t.compare_any}</a></p>
        }
        .into_any()
    };
    view! {
        <Title text=format!("{} – {}", t.versions_title, process.title)/>
        <ProcessHeader id title=process.title.clone() step=process.step current=ProcessTab::Versions roles=process.roles/>
        <h2>{t.versions_title}</h2>
        <p class="lead">{t.versions_intro}</p>
        {content}
    }
}

/// `/prozesse/:id/versionen/:number`: one published version (everyone signed in).
#[component]
pub fn VersionPage() -> impl IntoView {
    let id = use_process_id();
    let params = use_params_map();
    let number = Memo::new(move |_| {
        params
            .read()
            .get("number")
            .and_then(|n| n.parse::<i32>().ok())
            .unwrap_or(0)
    });
    let data = Resource::new(
        move || (id.get(), number.get()),
        |(id, number)| get_version(id, number),
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(version) => view! { <VersionContent version/> }.into_any(),
                    Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn VersionContent(version: VersionDetail) -> impl IntoView {
    let t = texts();
    let process = version.process.clone();
    let id = process.id;
    let n = version.number;
    let toc = version
        .toc
        .iter()
        .filter(|e| e.level <= 3)
        .map(|e| {
            view! {
                <li class=format!("toc-level-{}", e.level)>
                    <a href=format!("#{}", e.anchor)>{e.title.clone()}</a>
                </li>
            }
        })
        .collect_view();
    let body = version.body.clone();
    view! {
        <Title text=format!("{} {} – {}", t.version_word, n, process.title)/>
        <ProcessHeader id title=process.title.clone() step=process.step current=ProcessTab::Versions roles=process.roles/>
        <div class="version-head">
            <h2>{t.version_word} " " {n}
                {(n == version.latest).then(|| view! { " " <span class="badge">{t.latest_badge}</span> })}
            </h2>
            <dl class="version-meta">
                <div><dt>{t.col_published_at}</dt><dd>{version.published_at.clone()}</dd></div>
                <div><dt>{t.col_published_by}</dt><dd>{version.published_by.clone()}</dd></div>
                <div><dt>{t.col_summary}</dt><dd>{version.change_summary.clone()}</dd></div>
                <div>
                    <dt>{t.hash_label}</dt>
                    <dd><code class="hash" title=t.hash_hint>{version.content_hash.clone()}</code></dd>
                </div>
            </dl>
            <p class="no-print version-links">
                <a href=format!("/prozesse/{id}/versionen")>{t.all_versions}</a>
                {(n > 1).then(|| view! {
                    " · " <a href=format!("/prozesse/{id}/vergleich?von={}&zu={n}", n - 1)>{t.compare_with_previous} " " {n - 1}</a>
                })}
            </p>
        </div>
        <div class="version-layout">
            <nav class="toc no-print" aria-labelledby="toc-title">
                <h3 id="toc-title">{t.toc_title}</h3>
                // Unnumbered: the chapters carry their own numbers ("1. Präambel").
                <ul>{toc}</ul>
            </nav>
            // Sanitised when the version was published (`domain::markdown::render`).
            <article class="guideline" inner_html=version.body_html.clone()></article>
        </div>
        <div class="no-print">
            <ReadabilityPanel markdown=Signal::stored(body) heading_id="readability-version"/>
        </div>
    }
}

// ---------------------------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------------------------

/// `/prozesse/:id/vergleich?von=N&zu=M`: the word-level diff of two versions.
#[component]
pub fn ComparePage() -> impl IntoView {
    let id = use_process_id();
    let query = use_query_map();
    let from = Memo::new(move |_| query.read().get("von").and_then(|v| v.parse::<i32>().ok()));
    let to = Memo::new(move |_| query.read().get("zu").and_then(|v| v.parse::<i32>().ok()));
    let data = Resource::new(
        move || (id.get(), from.get(), to.get()),
        |(id, from, to)| compare_versions(id, from, to),
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(comparison) => view! { <CompareContent comparison/> }.into_any(),
                    Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CompareContent(comparison: Comparison) -> impl IntoView {
    let t = texts();
    let process = comparison.process.clone();
    let id = process.id;
    let body = match (comparison.from, comparison.to) {
        (Some(from), Some(to)) => view! {
            <CompareForm id versions=comparison.versions.clone() from to/>
            <crate::document::pages::DownloadLinks links=vec![(crate::i18n::document::texts().comparison_pdf, format!("/prozesse/{id}/vergleich.pdf?from={from}&to={to}"))]/>
            <CompareResult comparison from to/>
        }
        .into_any(),
        _ => view! { <p class="empty">{t.compare_too_few}</p> }.into_any(),
    };
    view! {
        <Title text=format!("{} – {}", t.compare_title, process.title)/>
        <ProcessHeader id title=process.title.clone() step=process.step current=ProcessTab::Versions roles=process.roles/>
        <h2>{t.compare_title}</h2>
        {body}
    }
}

/// The choice of the two versions: a plain GET form, so it works without JavaScript and the
/// browser's back button returns to the previous comparison.
#[component]
fn CompareForm(id: i64, versions: Vec<super::VersionSummary>, from: i32, to: i32) -> impl IntoView {
    let t = texts();
    let options = move |selected: i32| {
        versions
            .iter()
            .map(|v| {
                let n = v.number;
                view! {
                    <option value=n.to_string() selected=n == selected>
                        {t.version_word} " " {n} " (" {v.published_at.clone()} ")"
                    </option>
                }
            })
            .collect_view()
    };
    let from_options = options(from);
    let to_options = options(to);
    view! {
        <form method="get" action=format!("/prozesse/{id}/vergleich") class="compare-form">
            <div>
                <label for="compare-from">{t.compare_from}</label>
                <select id="compare-from" name="von">{from_options}</select>
            </div>
            <div>
                <label for="compare-to">{t.compare_to}</label>
                <select id="compare-to" name="zu">{to_options}</select>
            </div>
            <button type="submit">{t.compare_submit}</button>
        </form>
    }
}

#[component]
fn CompareResult(comparison: Comparison, from: i32, to: i32) -> impl IntoView {
    let t = texts();
    let changed = comparison
        .sections
        .iter()
        .filter(|s| s.status != SectionStatus::Unchanged)
        .count();
    // Runs of unchanged sections are collapsed into one line each.
    let mut blocks: Vec<AnyView> = Vec::new();
    let mut unchanged: Vec<String> = Vec::new();
    let flush = |unchanged: &mut Vec<String>, blocks: &mut Vec<AnyView>| {
        if !unchanged.is_empty() {
            let titles = std::mem::take(unchanged);
            blocks.push(view! { <UnchangedRun titles/> }.into_any());
        }
    };
    for section in comparison.sections {
        if section.status == SectionStatus::Unchanged {
            unchanged.push(section.title);
        } else {
            flush(&mut unchanged, &mut blocks);
            blocks.push(view! { <SectionDiff section/> }.into_any());
        }
    }
    flush(&mut unchanged, &mut blocks);
    view! {
        <p class="diff-summary" role="status">
            {t.version_word} " " {from} " → " {t.version_word} " " {to} ": "
            <span class="count-ins">{count_u(comparison.inserted_words, "Wort eingefügt", "Wörter eingefügt")}</span> ", "
            <span class="count-del">{count_u(comparison.deleted_words, "Wort gelöscht", "Wörter gelöscht")}</span> ", "
            {count_u(changed, "Abschnitt geändert", "Abschnitte geändert")}
        </p>
        <p class="hint diff-legend">
            <ins>{t.legend_inserted}</ins> " · " <del>{t.legend_deleted}</del>
        </p>
        <div class="diff">{blocks}</div>
    }
}

#[component]
fn UnchangedRun(titles: Vec<String>) -> impl IntoView {
    let t = texts();
    let count = titles.len();
    let items = titles
        .into_iter()
        .map(|title| view! { <li>{title}</li> })
        .collect_view();
    view! {
        <details class="diff-unchanged">
            <summary>
                {number_u(count)} " " {if count == 1 { t.unchanged_one } else { t.unchanged_many }}
            </summary>
            <ul>{items}</ul>
        </details>
    }
}

#[component]
fn SectionDiff(section: SectionComparison) -> impl IntoView {
    let t = texts();
    let status = match section.status {
        SectionStatus::Added => t.status_added,
        SectionStatus::Removed => t.status_removed,
        SectionStatus::Changed => t.status_changed,
        SectionStatus::Unchanged => t.status_unchanged,
    };
    let pieces = section
        .pieces
        .into_iter()
        .map(|p| view! { <DiffPiece piece=p/> })
        .collect_view();
    view! {
        <section class="diff-section" id=format!("diff-{}", section.anchor)>
            <h3>
                {section.title}
                {section.old_title.map(|old| view! { " " <span class="hint">"(" {t.formerly} " " {old} ")"</span> })}
            </h3>
            <p class="hint">
                <span class="badge">{status}</span> " "
                {count_u(section.inserted_words, "Wort eingefügt", "Wörter eingefügt")} ", "
                {count_u(section.deleted_words, "Wort gelöscht", "Wörter gelöscht")}
            </p>
            <div class="diff-text">{pieces}</div>
            <crate::disposition::pages::LinkedComments comments=section.comments/>
        </section>
    }
}

/// One piece of the diff, always as escaped text; marked for screen readers too.
#[component]
fn DiffPiece(piece: Piece) -> impl IntoView {
    let t = texts();
    match piece.kind {
        PieceKind::Equal => view! { <span>{piece.text}</span> }.into_any(),
        PieceKind::Insert => view! {
            <ins><span class="visually-hidden">{t.sr_inserted}</span>{piece.text}<span class="visually-hidden">{t.sr_end}</span></ins>
        }
        .into_any(),
        PieceKind::Delete => view! {
            <del><span class="visually-hidden">{t.sr_deleted}</span>{piece.text}<span class="visually-hidden">{t.sr_end}</span></del>
        }
        .into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::merge_texts;

    #[test]
    fn merging_keeps_every_word_of_both_texts() {
        let merged = merge_texts(
            "Wir prüfen jedes Werkzeug.",
            "Wir prüfen jedes neue Werkzeug gründlich.",
        );
        assert_eq!(merged, "Wir prüfen jedes neue Werkzeug gründlich.");
        let replaced = merge_texts("Die Katze schläft.", "Der Hund schläft.");
        for word in ["Katze", "Hund", "schläft"] {
            assert!(replaced.contains(word), "{replaced}");
        }
    }
}
