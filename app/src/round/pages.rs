//! The rounds page (list and "open a round"), the round page with comments beside every
//! paragraph, and the dashboard banner of open rounds.

use super::{
    get_round, list_comments, list_rounds, my_open_rounds, BlockView, CommentView, EditComment,
    HideComment, OpenRound, PostComment, RoundList, RoundSummary, RoundView, SupportComment,
};
use crate::components::layout::{ErrorPage, FormResult};
use crate::domain::comment::{BODY_MAX, HIDE_REASON_MAX};
use crate::domain::process::Step;
use crate::i18n::{self, round::texts};
use crate::process::pages::{use_process_id, ProcessHeader, ProcessTab};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The loading text shown while data arrives.
fn loading() -> impl IntoView {
    view! { <p>{i18n::texts().loading}</p> }
}

/// "1 Kommentar" / "3 Kommentare".
fn count_text(n: u64) -> String {
    let t = texts();
    format!(
        "{n} {}",
        if n == 1 {
            t.comments_one
        } else {
            t.comments_many
        }
    )
}

// ---------------------------------------------------------------------------------------------
// The dashboard banner
// ---------------------------------------------------------------------------------------------

/// The open rounds the viewer may comment in, as banners; nothing for visitors.
#[component]
pub fn OpenRoundBanners() -> impl IntoView {
    let t = texts();
    let banners = Resource::new(|| (), |_| my_open_rounds());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match banners.await {
                    Ok(list) if !list.is_empty() => {
                        let items = list
                            .into_iter()
                            .map(|b| {
                                view! {
                                    <li class="round-banner">
                                        <a href=format!("/prozesse/{}/runden/{}", b.process_id, b.round_id)>
                                            {t.banner_prefix} " " {b.title} ", " {t.version_word} " " {b.version_number}
                                            " — " {b.remaining}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view();
                        view! { <ul class="round-banners" aria-label=t.banners_label>{items}</ul> }.into_any()
                    }
                    _ => ().into_any(),
                }
            })}
        </Suspense>
    }
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
        view! { <OpenRoundForm process_id=id latest open/> }.into_any()
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
fn OpenRoundForm(process_id: i64, latest: i32, open: ServerAction<OpenRound>) -> impl IntoView {
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
                        <label>{t.field_date} <input type="date" name="start_date" aria-describedby="start-hint"/></label>
                        <label>{t.field_time} <input type="time" name="start_time"/></label>
                    </div>
                    <p id="start-hint" class="hint">{t.open_start_hint}</p>
                </fieldset>
                <fieldset>
                    <legend>{t.open_end}</legend>
                    <div class="date-time">
                        <label>{t.field_date} <input type="date" name="deadline_date" required aria-describedby="end-hint"/></label>
                        <label>{t.field_time} <input type="time" name="deadline_time"/></label>
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
                    <label for="round-teams">{t.teams_label}</label>
                    <input id="round-teams" type="text" name="teams" aria-describedby="teams-hint"
                        required=move || teams_chosen.get()/>
                    <p id="teams-hint" class="hint">{t.teams_hint}</p>
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
    let data = Resource::new(
        move || (id.get(), round.get()),
        |(id, round)| get_round(id, round),
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <RoundContent view/> }.into_any(),
                    Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What every paragraph of a round page needs to know.
#[derive(Clone, Copy)]
struct RoundCtx {
    round_id: i64,
    version_id: i64,
    can_comment: bool,
    can_moderate: bool,
    anonymous_allowed: bool,
}

#[component]
fn RoundContent(view: RoundView) -> impl IntoView {
    let t = texts();
    let dt = crate::i18n::disposition::texts();
    let process = view.process.clone();
    let id = process.id;
    let ctx = RoundCtx {
        round_id: view.round.id,
        version_id: view.version_id,
        can_comment: view.can_comment,
        can_moderate: view.can_moderate,
        anonymous_allowed: view.round.anonymous_allowed,
    };
    let version_number = view.round.version_number;
    let blocks = view
        .blocks
        .into_iter()
        .map(|block| view! { <Block block ctx/> })
        .collect_view();
    view! {
        <Title text=format!("{} {} – {}", t.round_on_version, version_number, process.title)/>
        <ProcessHeader id title=process.title.clone() step=process.step current=ProcessTab::Rounds roles=process.roles/>
        <div class="round-head">
            <h2>{t.round_on_version} " " {version_number}</h2>
            <RoundFacts round=view.round.clone()/>
            <p class="no-print">
                <a href=format!("/prozesse/{id}/runden")>{t.all_rounds}</a>
                " · " <a href=format!("/prozesse/{id}/runden/{}/bericht", ctx.round_id)>{dt.report_link}</a>
                {ctx.can_moderate.then(|| view! {
                    " · " <a href=format!("/prozesse/{id}/runden/{}/rueckmeldungen", ctx.round_id)>{dt.dispositions_link}</a>
                })}
            </p>
            {view.closed_message.map(|m| view! { <p class="alert info" role="status">{m}</p> })}
            {view.can_comment.then(|| view! { <p class="hint">{t.round_intro}</p> })}
        </div>
        <div class="round-text guideline">{blocks}</div>
    }
    .into_any()
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

/// One paragraph with its comment button, count, form and comments.
#[component]
fn Block(block: BlockView, ctx: RoundCtx) -> impl IntoView {
    let t = texts();
    let text_ref = NodeRef::<leptos::html::Div>::new();
    let count = RwSignal::new(block.comments);
    provide_context(BlockCount(count));
    let form_open = RwSignal::new(false);
    let list_open = RwSignal::new(false);
    let reload = RwSignal::new(0u32);
    let quote = RwSignal::new(String::new());
    // A mouse press moves the focus and may clear the selection; remember it first.
    let remembered = StoredValue::new(String::new());
    let block_id = block.id.clone();
    let form_id = format!("kommentar-{}", block.id);
    let list_id = format!("kommentare-{}", block.id);
    let label = format!(
        "{}: {} {} „{}“",
        t.comment_button, t.paragraph_word, block.position, block.snippet
    );
    let count_label = {
        let position = block.position;
        move || {
            format!(
                "{} zu {} {} {}",
                count_text(count.get()),
                t.paragraph_word,
                position,
                t.show_comments
            )
        }
    };
    let on_pointer = move |_| {
        remembered.set_value(selection_inside(text_ref.get_untracked().as_ref()));
    };
    let on_comment = move |_| {
        let now = selection_inside(text_ref.get_untracked().as_ref());
        let chosen = if now.is_empty() {
            remembered.get_value()
        } else {
            now
        };
        remembered.set_value(String::new());
        quote.set(chosen);
        form_open.set(true);
    };
    let comment_button = ctx.can_comment.then(|| {
        view! {
            <button type="button" class="secondary comment-button" aria-label=label
                aria-expanded=move || form_open.get().to_string() aria-controls=form_id.clone()
                on:pointerdown=on_pointer on:click=on_comment>
                {t.comment_button}
            </button>
        }
    });
    let form_id2 = format!("kommentar-{}", block.id);
    let list_id2 = list_id.clone();
    let block_for_form = block_id.clone();
    let block_for_list = block_id.clone();
    view! {
        <section class="round-block" id=format!("absatz-{}", block.id)>
            // Sanitised when the version was published (`domain::markdown::render`).
            <div class="block-text" node_ref=text_ref inner_html=block.html></div>
            <div class="block-actions">
                {comment_button}
                {move || (count.get() > 0).then(|| view! {
                    <button type="button" class="link comment-count" aria-expanded=move || list_open.get().to_string()
                        aria-controls=list_id2.clone() aria-label=count_label
                        on:click=move |_| list_open.update(|o| *o = !*o)>
                        {move || count_text(count.get())}
                    </button>
                })}
            </div>
            <div id=form_id2>
                {move || form_open.get().then(|| view! {
                    <CommentForm ctx block_id=block_for_form.clone() quote form_open on_sent=Callback::new(move |_| {
                        count.update(|n| *n += 1);
                        list_open.set(true);
                        reload.update(|n| *n += 1);
                    })/>
                }.into_any())}
            </div>
            <div id=list_id class="block-comments">
                {move || list_open.get().then(|| view! {
                    <CommentBatch ctx block_id=block_for_list.clone() after=0 reload/>
                }.into_any())}
            </div>
        </section>
    }
    .into_any()
}

/// The form for a new comment on a paragraph.
#[component]
fn CommentForm(
    ctx: RoundCtx,
    block_id: String,
    quote: RwSignal<String>,
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
            <input type="hidden" name="quote" prop:value=move || quote.get()/>
            {move || {
                let q = quote.get();
                if q.is_empty() {
                    view! { <p class="hint">{t.quote_hint}</p> }.into_any()
                } else {
                    view! { <p class="quote-preview">{t.quote_label} " " <q>{q}</q></p> }.into_any()
                }
            }}
            <label for=body_id.clone()>{t.body_label}</label>
            <textarea id=body_id name="body" rows="4" required maxlength=BODY_MAX
                aria-describedby=counter_id.clone() node_ref=textarea_ref
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <p id=counter_id class="hint counter" aria-live="polite">
                {move || text.with(|s| s.chars().count())} " / " {BODY_MAX} " " {t.chars}
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

/// One page of a paragraph's comments, with a button that loads the next page.
#[component]
fn CommentBatch(
    ctx: RoundCtx,
    block_id: String,
    after: i64,
    reload: RwSignal<u32>,
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
                Suspend::new(async move {
                    match page.await {
                        Ok(page) => {
                            let empty = page.comments.is_empty() && after == 0;
                            let items = page
                                .comments
                                .into_iter()
                                .map(|c| view! { <CommentItem comment=c ctx reload/> })
                                .collect_view();
                            let next = page.next_after.map(|next| {
                                let block_id = block_id.clone();
                                view! {
                                    {move || if more.get() {
                                        view! { <CommentBatch ctx block_id=block_id.clone() after=next reload/> }.into_any()
                                    } else {
                                        view! {
                                            <button type="button" class="secondary" on:click=move |_| more.set(true)>{t.more}</button>
                                        }.into_any()
                                    }}
                                }
                            });
                            view! {
                                {empty.then(|| view! { <p class="hint">{t.no_comments}</p> })}
                                <ol class="comments">{items}</ol>
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
        <li class="comment" class:hidden-comment=comment.hidden>
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
        </li>
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
    let open = RwSignal::new(None::<&'static str>);
    let id = comment.id;
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
            <span class="support-count">{move || supports.get()} " " {t.supporters}</span>
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
            {can_reply.then(|| view! { <button type="button" class="secondary" on:click=toggle("reply")>{t.reply}</button> })}
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
            <textarea id=field name="body" rows="4" required maxlength=BODY_MAX>{body}</textarea>
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
