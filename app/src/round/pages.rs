//! The rounds page (list and "open a round") and the round page with comments beside every
//! paragraph. Open rounds reach the start page through `tasks`.

use super::{
    get_round, list_comments, list_replies, list_round_comments, list_rounds, BlockView,
    ChangeRoundDeadline, CommentView, EditComment, EndRoundEarly, HideComment, ListedComment,
    OpenRound, PostComment, RoundChangeView, RoundComments, RoundList, RoundManage, RoundSummary,
    RoundView, SupportComment,
};
use crate::components::layout::{ErrorPage, FormResult};
use crate::domain::comment::{BODY_MAX, HIDE_REASON_MAX};
use crate::domain::comment_filter::CommentStatus;
use crate::domain::disposition::Disposition;
use crate::domain::process::Step;
use crate::i18n::{self, round::texts};
use crate::process::pages::{use_process_id, ProcessHeader, ProcessTab};
use leptos::context::Provider;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The loading text shown while data arrives.
fn loading() -> impl IntoView {
    view! { <p>{i18n::texts().loading}</p> }
}

/// "1 Person unterstützt das" / "3 Personen unterstützen das".
fn supporters_text(n: u64) -> String {
    format!(
        "{} das",
        crate::domain::german::count_u(n, "Person unterstützt", "Personen unterstützen")
    )
}

/// "1 Kommentar" / "3 Kommentare".
fn count_text(n: u64) -> String {
    let t = texts();
    crate::domain::german::count_u(n, t.comments_one, t.comments_many)
}

// ---------------------------------------------------------------------------------------------
// The rounds of a process
// ---------------------------------------------------------------------------------------------

/// `/prozesse/:id/runden`: the rounds and, for the project group, the form to open one.
#[component]
pub fn RoundsPage() -> impl IntoView {
    let id = use_process_id();
    let open = ServerAction::<OpenRound>::new();
    let data = Resource::new(
        move || (id.get(), open.version().get()),
        |(id, _)| list_rounds(id),
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => view! { <RoundsContent list open/> }.into_any(),
                    Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RoundsContent(list: RoundList, open: ServerAction<OpenRound>) -> impl IntoView {
    let t = texts();
    let process = list.process.clone();
    let id = process.id;
    let rounds = if list.rounds.is_empty() {
        view! { <p>{t.no_rounds}</p> }.into_any()
    } else {
        let items = list
            .rounds
            .into_iter()
            .map(|r| view! { <RoundItem process_id=id round=r/> })
            .collect_view();
        view! { <ul class="round-list">{items}</ul> }.into_any()
    };
    let form = if !process.roles.group_member {
        ().into_any()
    } else if process.step != Step::Discourse {
        view! { <p class="hint">{t.open_needs_discourse}</p> }.into_any()
    } else if let Some(latest) = list.latest_version {
        view! { <OpenRoundForm process_id=id latest open known_teams=list.known_teams.clone()/> }
            .into_any()
    } else {
        view! { <p class="hint">{t.open_needs_version}</p> }.into_any()
    };
    view! {
        <Title text=format!("{} – {}", t.rounds_title, process.title)/>
        <ProcessHeader id title=process.title.clone() step=process.step current=ProcessTab::Rounds roles=process.roles/>
        <h2>{t.rounds_title}</h2>
        <p>{t.rounds_intro}</p>
        {rounds}
        {form}
    }
}

#[component]
fn RoundItem(process_id: i64, round: RoundSummary) -> impl IntoView {
    let t = texts();
    view! {
        <li class="card round-item">
            <h3>
                <a href=format!("/prozesse/{process_id}/runden/{}", round.id)>
                    {t.round_on_version} " " {round.version_number}
                </a>
            </h3>
            <RoundFacts round/>
        </li>
    }
}

/// State, dates and audience of a round.
#[component]
fn RoundFacts(round: RoundSummary) -> impl IntoView {
    let t = texts();
    view! {
        <dl class="round-facts">
            <div><dt>{t.state_label}</dt><dd>{round.state.label_de()}
                {round.remaining.map(|r| view! { " (" {r} ")" })}</dd></div>
            <div><dt>{t.starts_label}</dt><dd>{round.starts_at}</dd></div>
            <div><dt>{t.deadline_label}</dt><dd>{round.deadline}</dd></div>
            <div><dt>{t.audience_label}</dt><dd>{round.audience}</dd></div>
        </dl>
    }
}

#[component]
fn OpenRoundForm(
    process_id: i64,
    latest: i32,
    open: ServerAction<OpenRound>,
    known_teams: Vec<String>,
) -> impl IntoView {
    let t = texts();
    let pending = open.pending();
    let teams_chosen = RwSignal::new(false);
    view! {
        <section class="card" aria-labelledby="open-round-title">
            <h2 id="open-round-title">{t.open_title}</h2>
            <p>{t.open_intro} " " {t.version_word} " " {latest}</p>
            <ActionForm action=open attr:class="stack open-round">
                <FormResult value=open.value()/>
                <input type="hidden" name="process_id" value=process_id.to_string()/>
                <fieldset>
                    <legend>{t.open_start}</legend>
                    <div class="date-time">
                        <label>{t.field_date} <input type="text" autocomplete="off" placeholder="TT.MM.JJJJ" name="start_date" aria-describedby="start-hint"/></label>
                        <label>{t.field_time} <input type="text" autocomplete="off" placeholder="hh:mm" name="start_time"/></label>
                    </div>
                    <p id="start-hint" class="hint">{t.open_start_hint}</p>
                </fieldset>
                <fieldset>
                    <legend>{t.open_end}</legend>
                    <div class="date-time">
                        <label>{t.field_date} <input type="text" autocomplete="off" placeholder="TT.MM.JJJJ" name="deadline_date" required aria-describedby="end-hint"/></label>
                        <label>{t.field_time} <input type="text" autocomplete="off" placeholder="hh:mm" name="deadline_time"/></label>
                    </div>
                    <p id="end-hint" class="hint">{t.open_end_hint}</p>
                </fieldset>
                <fieldset>
                    <legend>{t.open_audience}</legend>
                    <label class="check">
                        <input type="radio" name="audience" value="everyone" checked
                            on:change=move |_| teams_chosen.set(false)/>
                        {t.audience_everyone}
                    </label>
                    <label class="check">
                        <input type="radio" name="audience" value="teams"
                            on:change=move |_| teams_chosen.set(true)/>
                        {t.audience_teams}
                    </label>
                    <label class="check">
                        <input type="radio" name="audience" value="bodies"
                            on:change=move |_| teams_chosen.set(false)/>
                        {t.audience_bodies}
                    </label>
                    <label for="round-teams">{t.teams_label}</label>
                    <input id="round-teams" type="text" name="teams" aria-describedby="teams-hint"
                        list="round-known-teams" required=move || teams_chosen.get()/>
                    <p id="teams-hint" class="hint">{t.teams_hint}
                        {(!known_teams.is_empty()).then(|| view! {
                            " " {crate::i18n::team::texts().known_teams} " " {known_teams.join(", ")}
                        })}
                    </p>
                    <datalist id="round-known-teams">
                        {known_teams.iter().map(|name| view! { <option value=name.clone()/> }).collect_view()}
                    </datalist>
                </fieldset>
                <label class="check">
                    <input type="checkbox" name="anonymous_allowed"/>
                    {t.allow_anonymous}
                </label>
                <button type="submit" disabled=move || pending.get()>{t.open_submit}</button>
            </ActionForm>
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// One round
// ---------------------------------------------------------------------------------------------

/// `/prozesse/:id/runden/:round`: the version with comments beside every paragraph.
#[component]
pub fn RoundPage() -> impl IntoView {
    let id = use_process_id();
    let params = use_params_map();
    let round = Memo::new(move |_| {
        params
            .read()
            .get("round")
            .and_then(|n| n.parse::<i64>().ok())
            .unwrap_or(0)
    });
    let change = ServerAction::<ChangeRoundDeadline>::new();
    let end = ServerAction::<EndRoundEarly>::new();
    let data = Resource::new(
        move || {
            (
                id.get(),
                round.get(),
                change.version().get(),
                end.version().get(),
            )
        },
        |(id, round, _, _)| async move { get_round(id, round).await.map(HydrationData) },
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(HydrationData(view)) => view! { <RoundContent view change end/> }.into_any(),
                    Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The round page's data as the server hands it to the browser for hydration: without the
/// paragraphs' HTML. The server-rendered page already contains that HTML, and hydration does not
/// set `inner_html` again, so sending it a second time as JSON (about 100 KB for a guideline of
/// 12,000 words) only made the page bigger. When the browser loads the data itself (navigating
/// to the page), the resource's fetcher calls `get_round`, whose answer carries the HTML.
#[derive(Debug, Clone)]
struct HydrationData(RoundView);

impl serde::Serialize for HydrationData {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut slim = self.0.clone();
        for block in &mut slim.blocks {
            block.html.clear();
        }
        slim.serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for HydrationData {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        RoundView::deserialize(deserializer).map(Self)
    }
}

/// What every paragraph of a round page needs to know.
#[derive(Clone, Copy)]
struct RoundCtx {
    process_id: i64,
    round_id: i64,
    version_id: i64,
    can_comment: bool,
    can_moderate: bool,
    anonymous_allowed: bool,
    /// The comment whose reply form the address asks to open (`?antworten=12`, no JavaScript).
    reply_to: Option<i64>,
}

impl RoundCtx {
    /// The round page's address; forms that open something without JavaScript `GET` it.
    fn page(&self) -> String {
        format!("/prozesse/{}/runden/{}", self.process_id, self.round_id)
    }
}

#[component]
fn RoundContent(
    view: RoundView,
    change: ServerAction<ChangeRoundDeadline>,
    end: ServerAction<EndRoundEarly>,
) -> impl IntoView {
    let t = texts();
    let dt = crate::i18n::disposition::texts();
    let process = view.process.clone();
    let id = process.id;
    // Without JavaScript the comment and reply buttons are `GET` forms that reload the page
    // with the form open: `?kommentieren=b3` or `?antworten=12`.
    let query = use_query_map();
    let open_block = query.with_untracked(|q| q.get("kommentieren"));
    let reply_to = query.with_untracked(|q| q.get("antworten").and_then(|v| v.parse().ok()));
    let ctx = RoundCtx {
        process_id: id,
        round_id: view.round.id,
        version_id: view.version_id,
        can_comment: view.can_comment,
        can_moderate: view.can_moderate,
        anonymous_allowed: view.round.anonymous_allowed,
        reply_to,
    };
    let version_number = view.round.version_number;
    let blocks = view
        .blocks
        .into_iter()
        .map(|block| {
            let open = ctx.can_comment && open_block.as_deref() == Some(block.id.as_str());
            view! { <Block block ctx open/> }
        })
        .collect_view();
    view! {
        <Title text=format!("{} {} – {}", t.round_on_version, version_number, process.title)/>
        <ProcessHeader id title=process.title.clone() step=process.step current=ProcessTab::Rounds roles=process.roles/>
        <div class="round-head">
            <h2>{t.round_on_version} " " {version_number}</h2>
            <RoundFacts round=view.round.clone()/>
            <p class="no-print">
                <a href=format!("/prozesse/{id}/runden")>{t.all_rounds}</a>
                " · " <a href=format!("/prozesse/{id}/runden/{}/kommentare", ctx.round_id)>{t.list_link}</a>
                " (" {count_text(view.total_comments)} ")"
                " · " <a href=format!("/prozesse/{id}/runden/{}/bericht", ctx.round_id)>{dt.report_link}</a>
                {ctx.can_moderate.then(|| view! {
                    " · " <a href=format!("/prozesse/{id}/runden/{}/rueckmeldungen", ctx.round_id)>{dt.dispositions_link}</a>
                })}
            </p>
            {view.closed_message.map(|m| view! { <p class="alert info" role="status">{m}</p> })}
            {view.can_comment.then(|| view! { <p class="hint">{t.round_intro}</p> })}
            <RoundChanges changes=view.changes/>
            <FormResult value=change.value()/>
            <FormResult value=end.value()/>
            {view.manage.map(|manage| view! {
                <ManageRound process_id=id round_id=ctx.round_id manage change end/>
            })}
        </div>
        <div class="round-text guideline">{blocks}</div>
    }
    .into_any()
}

/// The history of a round's deadline: every extension, shortening, early end or cancellation.
#[component]
fn RoundChanges(changes: Vec<RoundChangeView>) -> impl IntoView {
    let t = texts();
    (!changes.is_empty()).then(|| {
        let items = changes
            .into_iter()
            .map(|c| {
                view! {
                    <li>
                        {c.text}
                        {c.reason.map(|r| view! { " " <span class="reason">{t.reason_label} " " {r}</span> })}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="round-changes" aria-labelledby="round-changes-title">
                <h3 id="round-changes-title">{t.changes_title}</h3>
                <ul>{items}</ul>
            </section>
        }
    })
}

/// The project group's forms: change the deadline, end the round early (or cancel it before
/// it starts) after a confirmation. Both work without JavaScript (plain form posts that return
/// to this page).
#[component]
fn ManageRound(
    process_id: i64,
    round_id: i64,
    manage: RoundManage,
    change: ServerAction<ChangeRoundDeadline>,
    end: ServerAction<EndRoundEarly>,
) -> impl IntoView {
    let t = texts();
    let change_pending = change.pending();
    let end_pending = end.pending();
    let (end_summary, end_text, end_label, end_submit) = if manage.scheduled {
        (
            t.cancel_summary,
            t.cancel_confirm_text,
            t.cancel_confirm_label,
            t.cancel_submit,
        )
    } else {
        (
            t.end_summary,
            t.end_confirm_text,
            t.end_confirm_label,
            t.end_submit,
        )
    };
    view! {
        <section class="card manage-round no-print" aria-labelledby="manage-round-title">
            <h3 id="manage-round-title">{t.manage_title}</h3>
            <details class="change-deadline">
                <summary>{t.change_deadline_summary}</summary>
                <p class="hint">{t.change_deadline_intro}</p>
                <ActionForm action=change attr:class="stack">
                    <input type="hidden" name="process_id" value=process_id.to_string()/>
                    <input type="hidden" name="round_id" value=round_id.to_string()/>
                    <fieldset>
                        <legend>{t.new_deadline}</legend>
                        <div class="date-time">
                            <label>{t.field_date} " " <input type="text" autocomplete="off" placeholder="TT.MM.JJJJ" name="deadline_date" required value=manage.deadline_date/></label>
                            <label>{t.field_time} " " <input type="text" autocomplete="off" placeholder="hh:mm" name="deadline_time" value=manage.deadline_time/></label>
                        </div>
                    </fieldset>
                    <label for="deadline-reason">{t.change_reason_label}</label>
                    <textarea id="deadline-reason" name="reason" rows="2" required
                        maxlength=crate::domain::round::CHANGE_REASON_MAX></textarea>
                    <button type="submit" disabled=move || change_pending.get()>{t.change_deadline_submit}</button>
                </ActionForm>
            </details>
            {manage.can_end.then(|| view! {
                <details class="confirm end-round">
                    <summary>{end_summary}</summary>
                    <p class="alert warning">{end_text}</p>
                    <ActionForm action=end attr:class="stack">
                        <input type="hidden" name="process_id" value=process_id.to_string()/>
                        <input type="hidden" name="round_id" value=round_id.to_string()/>
                        <label for="end-reason">{t.change_reason_label}</label>
                        <textarea id="end-reason" name="reason" rows="2" required
                            maxlength=crate::domain::round::CHANGE_REASON_MAX></textarea>
                        <label class="check">
                            <input type="checkbox" name="confirm" value="on" required/>
                            " " {end_label}
                        </label>
                        <button type="submit" class="danger" disabled=move || end_pending.get()>{end_submit}</button>
                    </ActionForm>
                </details>
            })}
        </section>
    }
}

/// The selected text if the selection lies inside `element`; empty otherwise.
fn selection_inside(element: Option<&web_sys::HtmlDivElement>) -> String {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        let Some(element) = element else {
            return String::new();
        };
        let Ok(Some(selection)) = window().get_selection() else {
            return String::new();
        };
        let inside = |node: Option<web_sys::Node>| {
            node.is_some_and(|n| element.unchecked_ref::<web_sys::Node>().contains(Some(&n)))
        };
        if selection.is_collapsed()
            || !inside(selection.anchor_node())
            || !inside(selection.focus_node())
        {
            return String::new();
        }
        selection
            .to_string()
            .as_string()
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = element;
        String::new()
    }
}

/// The comment count of the paragraph a component belongs to (replies raise it).
#[derive(Clone, Copy)]
struct BlockCount(RwSignal<u64>);

/// "Weitere 5 Kommentare anzeigen".
fn more_text(n: u64) -> String {
    let t = texts();
    let suffix = if n == 1 {
        t.more_suffix_one
    } else {
        t.more_suffix_many
    };
    format!("{} {n} {suffix}", t.more_prefix)
}

/// One paragraph with its comment button, count, form and comments: the first comments come
/// with the page, the rest load in batches.
#[component]
fn Block(block: BlockView, ctx: RoundCtx, open: bool) -> impl IntoView {
    let t = texts();
    let text_ref = NodeRef::<leptos::html::Div>::new();
    let count = RwSignal::new(block.comments);
    let threads = RwSignal::new(block.threads);
    let form_open = RwSignal::new(open);
    // "Ihr Kommentar wurde gespeichert." beside the paragraph once the form has closed.
    let sent = RwSignal::new(false);
    // 0: the comments that came with the page; after any change the paragraph's comments are
    // loaded afresh (and reloaded after each further change).
    let reload = RwSignal::new(0u32);
    let quote = RwSignal::new(String::new());
    // A mouse press moves the focus and may clear the selection; remember it first.
    let remembered = StoredValue::new(String::new());
    let block_id = block.id.clone();
    let form_id = format!("kommentar-{}", block.id);
    let label = format!(
        "{}: {} {} „{}“",
        t.comment_button, t.paragraph_word, block.position, block.snippet
    );
    let on_pointer = move |_| {
        remembered.set_value(selection_inside(text_ref.get_untracked().as_ref()));
    };
    let on_comment = move |ev: leptos::ev::MouseEvent| {
        // With JavaScript the form opens in place; without, the `GET` form reloads the page.
        ev.prevent_default();
        let now = selection_inside(text_ref.get_untracked().as_ref());
        let chosen = if now.is_empty() {
            remembered.get_value()
        } else {
            now
        };
        remembered.set_value(String::new());
        quote.set(chosen);
        sent.set(false);
        form_open.set(true);
    };
    let comment_button = ctx.can_comment.then(|| {
        view! {
            <form method="get" action=format!("{}#{form_id}", ctx.page()) class="inline-form">
                <input type="hidden" name="kommentieren" value=block_id.clone()/>
                <button type="submit" class="secondary comment-button" aria-label=label
                    aria-expanded=move || form_open.get().to_string() aria-controls=form_id.clone()
                    on:pointerdown=on_pointer on:click=on_comment>
                    {t.comment_button}
                </button>
            </form>
        }
    });
    let form_id2 = format!("kommentar-{}", block.id);
    let block_for_form = block_id.clone();
    // The passages to choose from (`passages`): in the browser from the paragraph on the page
    // (the hydration data carries no paragraph HTML), on the server for a form opened by the
    // address (`?kommentieren=b3`, no JavaScript).
    let server_html = StoredValue::new(if open {
        block.html.clone()
    } else {
        String::new()
    });
    let passages_now = move || {
        let html = text_ref
            .get_untracked()
            .map(|el| el.inner_html())
            .unwrap_or_else(|| server_html.get_value());
        super::passages(&html)
    };

    let block_for_list = block_id.clone();
    let list_label = format!("{} {}", t.comments_on, block.position);
    let first_len = block.first.len() as u64;
    let first = StoredValue::new(block.first);
    let last_first = first.with_value(|f| f.last().map_or(0, |c| c.id));
    let more = RwSignal::new(false);
    let fresh = Memo::new(move |_| reload.get() > 0);
    let comments = move || {
        let block_id = block_for_list.clone();
        if !fresh.get() {
            let items = first
                .get_value()
                .into_iter()
                .map(|c| view! { <CommentItem comment=c ctx reload/> })
                .collect_view();
            let rest = threads.get_untracked().saturating_sub(first_len);
            let next = (rest > 0).then(|| {
                view! {
                    {move || if more.get() {
                        view! { <CommentBatch ctx block_id=block_id.clone() after=last_first reload remaining=rest/> }.into_any()
                    } else {
                        view! {
                            <button type="button" class="link more-comments" on:click=move |_| more.set(true)>{more_text(rest)}</button>
                        }.into_any()
                    }}
                }
            });
            view! {
                {(first_len > 0).then(|| view! { <ol class="comments" aria-label=list_label.clone()>{items}</ol> })}
                {next}
            }
            .into_any()
        } else {
            view! { <CommentBatch ctx block_id after=0 reload remaining=threads.get_untracked() label=list_label.clone()/> }.into_any()
        }
    };
    // Each paragraph's own count for the reply forms below it (a `Provider`, so the paragraphs
    // do not shadow one another's context).
    view! {
        <Provider value=BlockCount(count)>
        <section class="round-block" id=format!("absatz-{}", block.id)>
            // Sanitised when the version was published (`domain::markdown::render`).
            <div class="block-text" node_ref=text_ref inner_html=block.html></div>
            <div class="block-side">
                <div class="block-actions">
                    {comment_button}
                    {move || (count.get() > 0).then(|| view! {
                        <p class="comment-count">{move || count_text(count.get())}</p>
                    })}
                    {move || sent.get().then(|| view! { <p class="sent" role="status">{t.sent}</p> })}
                </div>
                <div id=form_id2>
                    {move || form_open.get().then(|| view! {
                        <CommentForm ctx block_id=block_for_form.clone() quote passages=passages_now() form_open on_sent=Callback::new(move |_| {
                            count.update(|n| *n += 1);
                            threads.update(|n| *n += 1);
                            reload.update(|n| *n += 1);
                            // The form closes and the keyboard is back at the paragraph.
                            form_open.set(false);
                            sent.set(true);
                            focus_paragraph(text_ref.get_untracked().as_ref());
                        })/>
                    }.into_any())}
                </div>
                <div class="block-comments">{comments}</div>
            </div>
        </section>
        </Provider>
    }
    .into_any()
}

/// Moves the keyboard focus to a paragraph's text (focusable only by script: `tabindex=-1`).
fn focus_paragraph(element: Option<&web_sys::HtmlDivElement>) {
    #[cfg(feature = "hydrate")]
    if let Some(element) = element {
        let _ = element.set_attribute("tabindex", "-1");
        let _ = element.focus();
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = element;
}

/// "Textstelle wählen": the sentences (or cells) of a paragraph as options to quote, for the
/// keyboard and for phones; the passage marked with the mouse, if any, is chosen. The options
/// are the form's `quote` field, so the choice needs no JavaScript.
#[component]
fn PassageChoice(passages: Vec<String>, marked: String) -> impl IntoView {
    let t = texts();
    let extra = (!marked.is_empty() && !passages.contains(&marked)).then(|| marked.clone());
    let options = passages
        .into_iter()
        .map(|passage| {
            let checked = passage == marked;
            view! {
                <label class="check"><input type="radio" name="quote" value=passage.clone() checked=checked/> <q>{passage}</q></label>
            }
        })
        .collect_view();
    view! {
        <details class="passages" open=!marked.is_empty()>
            <summary>{t.passage_choose}</summary>
            <fieldset>
                <legend class="visually-hidden">{t.passage_choose}</legend>
                <label class="check"><input type="radio" name="quote" value="" checked=marked.is_empty()/> {t.passage_whole}</label>
                {extra.map(|m| view! {
                    <label class="check"><input type="radio" name="quote" value=m.clone() checked=true/> {t.passage_marked} " " <q>{m.clone()}</q></label>
                })}
                {options}
            </fieldset>
        </details>
    }
}

/// The form for a new comment on a paragraph; `passages` are what "Textstelle wählen" offers
/// (none for a paragraph of one sentence).
#[component]
fn CommentForm(
    ctx: RoundCtx,
    block_id: String,
    quote: RwSignal<String>,
    passages: Vec<String>,
    form_open: RwSignal<bool>,
    on_sent: Callback<()>,
) -> impl IntoView {
    let t = texts();
    let post = ServerAction::<PostComment>::new();
    let pending = post.pending();
    let text = RwSignal::new(String::new());
    let body_id = format!("kommentar-text-{block_id}");
    let counter_id = format!("kommentar-zaehler-{block_id}");
    Effect::new(move |_| {
        if let Some(Ok(_)) = post.value().get() {
            text.set(String::new());
            quote.set(String::new());
            on_sent.run(());
        }
    });
    let textarea_ref = NodeRef::<leptos::html::Textarea>::new();
    Effect::new(move |_| {
        if let Some(el) = textarea_ref.get() {
            let _ = el.focus();
        }
    });
    view! {
        <ActionForm action=post attr:class="stack comment-form">
            <FormResult value=post.value() success=t.sent/>
            <input type="hidden" name="round_id" value=ctx.round_id.to_string()/>
            <input type="hidden" name="version_id" value=ctx.version_id.to_string()/>
            <input type="hidden" name="block_id" value=block_id.clone()/>
            {if passages.is_empty() {
                view! {
                    <input type="hidden" name="quote" prop:value=move || quote.get()/>
                    {move || {
                        let q = quote.get();
                        if q.is_empty() {
                            view! { <p class="hint">{t.quote_hint}</p> }.into_any()
                        } else {
                            view! { <p class="quote-preview">{t.quote_label} " " <q>{q}</q></p> }.into_any()
                        }
                    }}
                }
                .into_any()
            } else {
                // Re-drawn only when a passage is marked with the mouse again, so an option
                // chosen with the arrow keys keeps its focus.
                let passages = StoredValue::new(passages);
                (move || view! { <PassageChoice passages=passages.get_value() marked=quote.get()/> }).into_any()
            }}
            <label for=body_id.clone()>{t.body_label}</label>
            <textarea id=body_id name="body" rows="4" required maxlength=BODY_MAX
                aria-describedby=counter_id.clone() node_ref=textarea_ref
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <p id=counter_id class="hint counter" aria-live="polite">
                {move || text.with(|s| crate::domain::german::number_u(s.chars().count()))} " / " {crate::domain::german::number_u(BODY_MAX)} " " {t.chars}
            </p>
            {ctx.anonymous_allowed.then(|| view! {
                <label class="check"><input type="checkbox" name="anonymous"/> {t.anonymous_label}</label>
            })}
            <div class="actions">
                <button type="submit" disabled=move || pending.get()>{t.send}</button>
                <button type="button" class="secondary" on:click=move |_| form_open.set(false)>{t.cancel}</button>
            </div>
        </ActionForm>
    }
    .into_any()
}

/// One page of a paragraph's comments after the comment `after`, with a button that loads the
/// next page; `remaining` is how many threads are still to come from here on.
#[component]
fn CommentBatch(
    ctx: RoundCtx,
    block_id: String,
    after: i64,
    reload: RwSignal<u32>,
    remaining: u64,
    /// The accessible name of the list ("Kommentare zu Absatz 3"), for the first batch.
    #[prop(optional)]
    label: Option<String>,
) -> impl IntoView {
    let t = texts();
    let block = block_id.clone();
    let page = Resource::new(
        move || reload.get(),
        move |_| list_comments(ctx.round_id, block.clone(), after),
    );
    let more = RwSignal::new(false);
    view! {
        <Transition fallback=loading>
            {move || {
                let block_id = block_id.clone();
                let label = label.clone();
                Suspend::new(async move {
                    match page.await {
                        Ok(page) => {
                            let empty = page.comments.is_empty() && after == 0;
                            let rest = remaining.saturating_sub(page.comments.len() as u64);
                            let items = page
                                .comments
                                .into_iter()
                                .map(|c| view! { <CommentItem comment=c ctx reload/> })
                                .collect_view();
                            let next = page.next_after.map(|next| {
                                let block_id = block_id.clone();
                                let more_label = if rest > 0 { more_text(rest) } else { t.more.to_owned() };
                                view! {
                                    {move || if more.get() {
                                        view! { <CommentBatch ctx block_id=block_id.clone() after=next reload remaining=rest/> }.into_any()
                                    } else {
                                        let more_label = more_label.clone();
                                        view! {
                                            <button type="button" class="link more-comments" on:click=move |_| more.set(true)>{more_label}</button>
                                        }.into_any()
                                    }}
                                }
                            });
                            view! {
                                {empty.then(|| view! { <p class="hint">{t.no_comments}</p> })}
                                <ol class="comments" aria-label=label.clone()>{items}</ol>
                                {next}
                            }
                            .into_any()
                        }
                        Err(err) => view! { <p class="alert error" role="alert">{err.to_string()}</p> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
    .into_any()
}

/// One comment with its actions and replies.
#[component]
fn CommentItem(comment: CommentView, ctx: RoundCtx, reload: RwSignal<u32>) -> impl IntoView {
    let t = texts();
    let replies = comment
        .replies
        .clone()
        .into_iter()
        .map(|r| view! { <CommentItem comment=r ctx reload/> })
        .collect_view();
    let has_replies = !comment.replies.is_empty();
    let is_top = comment.parent_id.is_none();
    let author = match (&comment.author, comment.anonymous) {
        (Some(name), _) => name.clone(),
        (None, _) => t.anonymous_author.to_owned(),
    };
    let body = if comment.hidden && comment.hidden_reason.is_none() {
        view! { <p class="hint">{t.hidden_notice}</p> }.into_any()
    } else {
        let reason = comment.hidden_reason.clone().map(|r| {
            view! { <p class="alert warning">{t.hidden_reason} " " {r}</p> }
        });
        view! {
            {reason}
            {comment.quote.clone().map(|q| view! { <blockquote class="comment-quote">{q}</blockquote> })}
            <p class="comment-body">{comment.body.clone()}</p>
        }
        .into_any()
    };
    let actions = view! { <CommentActions comment=comment.clone() ctx reload is_top/> };
    let article_label = format!("{} {}", t.body_label, author);
    view! {
        <li class="comment" id=format!("kommentar-{}", comment.id) class:hidden-comment=comment.hidden>
            <article aria-label=article_label>
                <p class="comment-meta">
                    <strong>{author}</strong>
                    {comment.mine.then(|| view! { " " {t.you} })}
                    " · " {comment.created_at.clone()}
                    {comment.edited.then(|| view! { " · " {t.edited} })}
                    {comment.answered.then(|| view! { " · " {t.answered} })}
                </p>
                {body}
                {actions}
            </article>
            {has_replies.then(|| view! { <ol class="comments replies" aria-label=t.replies_label>{replies}</ol> })}
            {(comment.more_replies > 0).then(|| {
                let after = comment.replies.last().map_or(0, |r| r.id);
                view! { <MoreReplies ctx reload comment_id=comment.id after remaining=comment.more_replies/> }
            })}
        </li>
    }
    .into_any()
}

/// "Weitere 7 Antworten anzeigen": loads the next page of a thread's replies when pressed,
/// with the same button for the page after it.
#[component]
fn MoreReplies(
    ctx: RoundCtx,
    reload: RwSignal<u32>,
    comment_id: i64,
    after: i64,
    remaining: u64,
) -> impl IntoView {
    let t = texts();
    let open = RwSignal::new(false);
    let label = if remaining == 1 {
        t.more_replies_one.to_owned()
    } else {
        t.more_replies_many.replace("{n}", &remaining.to_string())
    };
    let page = Resource::new(
        move || (open.get(), reload.get()),
        move |(open, _)| async move {
            if open {
                list_replies(comment_id, after).await.map(Some)
            } else {
                Ok(None)
            }
        },
    );
    view! {
        {move || if open.get() {
            view! {
                <Transition fallback=loading>
                    {move || Suspend::new(async move {
                        match page.await {
                            Ok(Some(page)) => {
                                let shown = page.replies.len() as u64;
                                let last = page.replies.last().map_or(after, |r| r.id);
                                let items = page
                                    .replies
                                    .into_iter()
                                    .map(|r| view! { <CommentItem comment=r ctx reload/> })
                                    .collect_view();
                                let next = page.next_after.map(|_| view! {
                                    <MoreReplies ctx reload comment_id after=last remaining=remaining.saturating_sub(shown)/>
                                });
                                view! {
                                    <ol class="comments replies" aria-label=t.replies_label>{items}</ol>
                                    {next}
                                }
                                .into_any()
                            }
                            Ok(None) => ().into_any(),
                            Err(err) => view! { <p class="alert error" role="alert">{err.to_string()}</p> }.into_any(),
                        }
                    })}
                </Transition>
            }
            .into_any()
        } else {
            let label = label.clone();
            view! {
                <button type="button" class="link more-comments" on:click=move |_| open.set(true)>{label}</button>
            }
            .into_any()
        }}
    }
    .into_any()
}

/// Support, reply, edit and hide for one comment.
#[component]
fn CommentActions(
    comment: CommentView,
    ctx: RoundCtx,
    reload: RwSignal<u32>,
    is_top: bool,
) -> impl IntoView {
    let t = texts();
    let support = ServerAction::<SupportComment>::new();
    let supports = RwSignal::new(comment.supports);
    let supported = RwSignal::new(comment.supported);
    Effect::new(move |_| {
        if let Some(Ok(result)) = support.value().get() {
            supports.set(result.supports);
            supported.set(result.change == crate::domain::comment::SupportChange::Add);
        }
    });
    let id = comment.id;
    let open = RwSignal::new((ctx.reply_to == Some(id)).then_some("reply"));
    let can_support = ctx.can_comment && !comment.mine && !comment.hidden;
    let can_reply = ctx.can_comment && is_top && !comment.hidden;
    let can_edit = ctx.can_comment && comment.mine && !comment.answered;
    let can_hide = ctx.can_moderate && !comment.hidden;
    let support_view = if can_support {
        view! {
            <ActionForm action=support attr:class="inline-form">
                <input type="hidden" name="comment_id" value=id.to_string()/>
                <button type="submit" class="secondary" aria-pressed=move || supported.get().to_string()>
                    {move || if supported.get() { t.withdraw } else { t.support }}
                    " (" {move || supports.get()} ")"
                </button>
            </ActionForm>
        }
        .into_any()
    } else {
        view! {
            <span class="support-count">{move || supporters_text(supports.get())}</span>
        }
        .into_any()
    };
    let toggle = move |which: &'static str| {
        move |_| open.update(|o| *o = if *o == Some(which) { None } else { Some(which) })
    };
    let body = comment.body.clone();
    view! {
        <div class="comment-actions">
            <FormResult value=support.value()/>
            {support_view}
            {can_reply.then(|| {
                // Without JavaScript this `GET` form reloads the page with the reply form open.
                let toggle_reply = toggle("reply");
                view! {
                    <form method="get" action=format!("{}#antwort-{id}", ctx.page()) class="inline-form">
                        <input type="hidden" name="antworten" value=id.to_string()/>
                        <button type="submit" class="secondary" aria-expanded=move || (open.get() == Some("reply")).to_string()
                            on:click=move |ev: leptos::ev::MouseEvent| { ev.prevent_default(); toggle_reply(ev); }>{t.reply}</button>
                    </form>
                }
            })}
            {can_edit.then(|| view! { <button type="button" class="secondary" on:click=toggle("edit")>{t.edit}</button> })}
            {can_hide.then(|| view! { <button type="button" class="secondary" on:click=toggle("hide")>{t.hide}</button> })}
        </div>
        {move || match open.get() {
            Some("reply") => view! { <ReplyForm ctx parent_id=id reload/> }.into_any(),
            Some("edit") => view! { <EditForm comment_id=id body=body.clone() reload/> }.into_any(),
            Some("hide") => view! { <HideForm comment_id=id reload/> }.into_any(),
            _ => ().into_any(),
        }}
    }
    .into_any()
}

#[component]
fn ReplyForm(ctx: RoundCtx, parent_id: i64, reload: RwSignal<u32>) -> impl IntoView {
    let t = texts();
    let post = ServerAction::<PostComment>::new();
    let count = use_context::<BlockCount>();
    Effect::new(move |_| {
        if let Some(Ok(_)) = post.value().get() {
            if let Some(BlockCount(count)) = count {
                count.update(|n| *n += 1);
            }
            reload.update(|n| *n += 1);
        }
    });
    let field = format!("antwort-{parent_id}");
    view! {
        <ActionForm action=post attr:class="stack reply-form">
            <FormResult value=post.value()/>
            <input type="hidden" name="round_id" value=ctx.round_id.to_string()/>
            <input type="hidden" name="version_id" value=ctx.version_id.to_string()/>
            <input type="hidden" name="block_id" value=""/>
            <input type="hidden" name="parent_id" value=parent_id.to_string()/>
            <label for=field.clone()>{t.reply_label}</label>
            <textarea id=field name="body" rows="3" required maxlength=BODY_MAX></textarea>
            {ctx.anonymous_allowed.then(|| view! {
                <label class="check"><input type="checkbox" name="anonymous"/> {t.anonymous_label}</label>
            })}
            <button type="submit">{t.reply_send}</button>
        </ActionForm>
    }
    .into_any()
}

#[component]
fn EditForm(comment_id: i64, body: String, reload: RwSignal<u32>) -> impl IntoView {
    let t = texts();
    let edit = ServerAction::<EditComment>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = edit.value().get() {
            reload.update(|n| *n += 1);
        }
    });
    let field = format!("bearbeiten-{comment_id}");
    view! {
        <ActionForm action=edit attr:class="stack edit-form">
            <FormResult value=edit.value()/>
            <input type="hidden" name="comment_id" value=comment_id.to_string()/>
            <label for=field.clone()>{t.edit_label}</label>
            <textarea id=field name="body" rows="4" required maxlength=BODY_MAX inner_html=crate::components::textarea_text(&body)></textarea>
            <button type="submit">{t.edit_save}</button>
        </ActionForm>
    }
    .into_any()
}

#[component]
fn HideForm(comment_id: i64, reload: RwSignal<u32>) -> impl IntoView {
    let t = texts();
    let hide = ServerAction::<HideComment>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = hide.value().get() {
            reload.update(|n| *n += 1);
        }
    });
    let field = format!("ausblenden-{comment_id}");
    view! {
        <ActionForm action=hide attr:class="stack hide-form">
            <FormResult value=hide.value()/>
            <input type="hidden" name="comment_id" value=comment_id.to_string()/>
            <label for=field.clone()>{t.hide_label}</label>
            <textarea id=field name="reason" rows="2" required maxlength=HIDE_REASON_MAX></textarea>
            <button type="submit">{t.hide_submit}</button>
        </ActionForm>
    }
    .into_any()
}

// ---------------------------------------------------------------------------------------------
// All comments of a round as a list
// ---------------------------------------------------------------------------------------------

/// The list's filter as it is in the address (`?abschnitt=b4&status=offen&meine=1&seite=2`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct ListQuery {
    section: String,
    status: CommentStatus,
    mine: bool,
    page: usize,
}

impl ListQuery {
    /// The list's address for page `page` with this filter.
    fn href(&self, process_id: i64, round_id: i64, page: usize) -> String {
        let mut href = format!("/prozesse/{process_id}/runden/{round_id}/kommentare?seite={page}");
        if !self.section.is_empty() {
            href.push_str(&format!("&abschnitt={}", self.section));
        }
        if self.status != CommentStatus::All {
            href.push_str(&format!("&status={}", self.status.as_str()));
        }
        if self.mine {
            href.push_str("&meine=1");
        }
        href
    }
}

/// `/prozesse/:id/runden/:round/kommentare`: every comment of the round with what became of
/// it, filtered by section, status and "nur meine", 50 per page. The filter is in the address,
/// so the back button and shared links keep it.
#[component]
pub fn RoundCommentsPage() -> impl IntoView {
    let id = use_process_id();
    let params = use_params_map();
    let round = Memo::new(move |_| {
        params
            .read()
            .get("round")
            .and_then(|n| n.parse::<i64>().ok())
            .unwrap_or(0)
    });
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let q = query_map.read();
        ListQuery {
            section: q.get("abschnitt").unwrap_or_default(),
            status: CommentStatus::parse(&q.get("status").unwrap_or_default()),
            mine: q.get("meine").is_some_and(|v| v == "1"),
            page: q
                .get("seite")
                .and_then(|p| p.parse().ok())
                .unwrap_or(1)
                .max(1),
        }
    });
    let data = Resource::new(
        move || (id.get(), round.get(), query.get()),
        |(id, round, q)| {
            list_round_comments(
                id,
                round,
                q.section,
                q.status.as_str().to_owned(),
                q.mine,
                q.page,
            )
        },
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => {
                        let q = query.get_untracked();
                        view! { <RoundCommentsContent list query=q/> }.into_any()
                    }
                    Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RoundCommentsContent(list: RoundComments, query: ListQuery) -> impl IntoView {
    let t = texts();
    let process = list.process.clone();
    let id = process.id;
    let round_id = list.round.id;
    let version_number = list.round.version_number;
    let found = format!(
        "{} {}",
        list.matching,
        if list.matching == 1 {
            t.found_one
        } else {
            t.found_many
        }
    );
    let reset = format!("/prozesse/{id}/runden/{round_id}/kommentare");
    let items = if list.total == 0 {
        view! { <p class="empty">{t.list_empty_round}</p> }.into_any()
    } else if list.items.is_empty() {
        view! {
            <p class="empty">{t.list_empty_filter} " " <a href=reset.clone()>{t.filter_reset}</a></p>
        }
        .into_any()
    } else {
        let items = list
            .items
            .into_iter()
            .map(|item| view! { <ListedCommentItem item process_id=id round_id/> })
            .collect_view();
        view! { <ol class="comment-list">{items}</ol> }.into_any()
    };
    let pager = (list.pages > 1).then(|| {
        let prev = (list.page > 1).then(|| {
            view! { <a href=query.href(id, round_id, list.page - 1) rel="prev">{t.page_prev}</a> }
        });
        let next = (list.page < list.pages).then(|| {
            view! { <a href=query.href(id, round_id, list.page + 1) rel="next">{t.page_next}</a> }
        });
        view! {
            <nav class="pagination" aria-label=t.page_label>
                {prev} " " <span>{t.page_word} " " {list.page} " " {t.page_of} " " {list.pages}</span> " " {next}
            </nav>
        }
    });
    view! {
        <Title text=format!("{} – {} {} – {}", t.list_title, t.round_on_version, version_number, process.title)/>
        <ProcessHeader id title=process.title.clone() step=process.step current=ProcessTab::Rounds roles=process.roles/>
        <h2>{t.list_title} " · " {t.round_on_version} " " {version_number}</h2>
        <p>{t.list_intro}</p>
        <p>
            <a href=format!("/prozesse/{id}/runden/{round_id}")>{t.back_to_round}</a>
            {list.can_moderate.then(|| view! {
                " · " <a href=format!("/prozesse/{id}/runden/{round_id}/rueckmeldungen")>{crate::i18n::disposition::texts().dispositions_link}</a>
            })}
        </p>
        <CommentFilterForm action=reset.clone() sections=list.sections query=query.clone()/>
        <p class="hint" role="status">{found}</p>
        {items}
        {pager}
    }
    .into_any()
}

#[component]
fn CommentFilterForm(
    action: String,
    sections: Vec<crate::round::SectionRef>,
    query: ListQuery,
) -> impl IntoView {
    let t = texts();
    let options = sections
        .into_iter()
        .map(|s| {
            let selected = s.id == query.section;
            view! { <option value=s.id selected=selected>{s.title}</option> }
        })
        .collect_view();
    let statuses = CommentStatus::choices()
        .into_iter()
        .map(|c| {
            view! { <option value=c.as_str() selected=c == query.status>{c.label_de()}</option> }
        })
        .collect_view();
    view! {
        <form method="get" action=action class="filter-form">
            <fieldset>
                <legend>{t.filter_legend}</legend>
                <label>
                    {t.filter_section} " "
                    <select name="abschnitt">
                        <option value="">{t.filter_all_sections}</option>
                        {options}
                    </select>
                </label>
                <label>
                    {t.filter_status} " "
                    <select name="status">{statuses}</select>
                </label>
                <label class="check">
                    <input type="checkbox" name="meine" value="1" checked=query.mine/>
                    " " {t.filter_mine}
                </label>
                <button type="submit">{t.filter_submit}</button>
            </fieldset>
        </form>
    }
}

/// One comment in the list: where, who, what, and the project group's answer.
#[component]
fn ListedCommentItem(item: ListedComment, process_id: i64, round_id: i64) -> impl IntoView {
    let t = texts();
    let c = item.comment;
    let author = c
        .author
        .clone()
        .unwrap_or_else(|| t.anonymous_author.to_owned());
    let in_text = format!(
        "/prozesse/{process_id}/runden/{round_id}#absatz-{}",
        c.block_id
    );
    let body = if c.hidden && c.hidden_reason.is_none() {
        view! { <p class="hint">{t.hidden_notice}</p> }.into_any()
    } else {
        view! {
            {c.hidden_reason.clone().map(|r| view! { <p class="alert warning">{t.hidden_reason} " " {r}</p> })}
            {c.quote.clone().map(|q| view! { <blockquote class="comment-quote">{q}</blockquote> })}
            <p class="comment-body">{c.body.clone()}</p>
        }
        .into_any()
    };
    let (status_class, status) = match (c.hidden, item.disposition) {
        (true, _) => ("badge", t.status_hidden.to_owned()),
        (false, Some(d)) => (
            match d {
                Disposition::Accepted => "badge disposition accepted",
                Disposition::PartlyAccepted => "badge disposition partly",
                Disposition::NotAccepted => "badge disposition rejected",
                Disposition::Deferred => "badge disposition deferred",
            },
            d.label_de().to_owned(),
        ),
        (false, None) => ("badge disposition open", t.status_open.to_owned()),
    };
    let links = (!item.links.is_empty()).then(|| {
        let links = item
            .links
            .into_iter()
            .map(|link| {
                let href = link.href();
                view! { <li><a href=href>{t.version_word} " " {link.version_number} ": " {link.title}</a></li> }
            })
            .collect_view();
        view! { <div class="change-links"><span>{t.changed_in}</span><ul>{links}</ul></div> }
    });
    let label = format!("{} {author}", t.body_label);
    view! {
        <li class="card listed-comment" id=format!("kommentar-{}", c.id)>
            <article aria-label=label>
                <p class="comment-meta">
                    {t.paragraph_word} " " {item.position} " · " {item.section} " · "
                    <strong>{author}</strong>
                    {c.mine.then(|| view! { " " {t.you} })}
                    " · " {c.created_at.clone()}
                    {c.edited.then(|| view! { " · " {t.edited} })}
                </p>
                {body}
                <p>
                    <span class=status_class>{status}</span>
                    {item.reason.map(|r| view! { " " <span class="reason">{t.answer_label} " " {r}</span> })}
                </p>
                {links}
                <p class="hint">
                    {supporters_text(c.supports)} " · " {t.replies_count} " " {item.replies} " · "
                    <a href=in_text>{t.show_in_text}</a>
                </p>
            </article>
        </li>
    }
    .into_any()
}
