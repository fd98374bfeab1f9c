//! `/prozesse/:id/erfahrungen`: the dialogue space of the adopted guideline — the report form,
//! a filter by kind, the reports with their replies, and pagination. The project group and
//! coordinators can hide a post with a reason. Posting and hiding work without JavaScript (a
//! plain form post, then a redirect back to the page).

use super::{get_dialogue, DialoguePostView, DialogueView, HideExperience, PostExperience};
use crate::components::layout::{ErrorPage, FormResult};
use crate::domain::comment::HIDE_REASON_MAX;
use crate::domain::dialogue::{PostKind, POST_MAX};
use crate::i18n::{self, review::texts};
use crate::process::pages::{use_process_id, ProcessHeader, ProcessTab};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The page's address for a kind filter and page.
fn href(process_id: i64, kind: Option<&str>, page: u64) -> String {
    let mut parts = Vec::new();
    if let Some(kind) = kind {
        parts.push(format!("art={kind}"));
    }
    if page > 1 {
        parts.push(format!("seite={page}"));
    }
    let query = if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    };
    format!("/prozesse/{process_id}/erfahrungen{query}")
}

/// The address of one report with a page of its replies.
fn thread_href(process_id: i64, post_id: i64, replies_page: u64) -> String {
    let page = if replies_page > 1 {
        format!("&antworten={replies_page}")
    } else {
        String::new()
    };
    format!("/prozesse/{process_id}/erfahrungen?beitrag={post_id}{page}#erfahrung-{post_id}")
}

/// The dialogue page.
#[component]
pub fn DialoguePage() -> impl IntoView {
    let id = use_process_id();
    let query = use_query_map();
    let kind = Memo::new(move |_| {
        query
            .read()
            .get("art")
            .filter(|k| PostKind::parse(k).is_ok())
    });
    let page = Memo::new(move |_| {
        query
            .read()
            .get("seite")
            .and_then(|p| p.parse::<u64>().ok())
            .unwrap_or(1)
            .max(1)
    });
    let number = move |name: &str| query.read().get(name).and_then(|p| p.parse::<u64>().ok());
    let thread = Memo::new(move |_| number("beitrag").map(|id| id as i64));
    let replies_page = Memo::new(move |_| number("antworten"));
    let post = ServerAction::<PostExperience>::new();
    let hide = ServerAction::<HideExperience>::new();
    let data = Resource::new(
        move || {
            (
                id.get(),
                kind.get(),
                page.get(),
                thread.get(),
                replies_page.get(),
                post.version().get(),
                hide.version().get(),
            )
        },
        |(id, kind, page, thread, replies_page, _, _)| {
            get_dialogue(id, kind, Some(page), thread, replies_page)
        },
    );
    let actions = Actions { post, hide };
    view! {
        <Suspense fallback=move || view! { <p>{i18n::texts().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <DialogueContent view actions/> }.into_any(),
                    Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The page's two forms.
#[derive(Clone, Copy)]
struct Actions {
    post: ServerAction<PostExperience>,
    hide: ServerAction<HideExperience>,
}

#[component]
fn DialogueContent(view: DialogueView, actions: Actions) -> impl IntoView {
    let t = texts();
    let post = actions.post;
    let can_moderate = view.can_moderate;
    let process = view.process.clone();
    let id = process.id;
    let Some(version) = view.version_number else {
        return view! {
            <Title text=format!("{} – {}", t.dialogue_title, process.title)/>
            <ProcessHeader id title=process.title.clone() step=process.step current=ProcessTab::Dialogue roles=process.roles/>
            <h2>{t.dialogue_title}</h2>
            <p class="empty">{t.dialogue_not_adopted}</p>
        }
        .into_any();
    };
    let filter = view.filter.clone();
    let filter_links = std::iter::once((None, t.filter_all))
        .chain(
            PostKind::ALL
                .into_iter()
                .map(|k| (Some(k.as_str()), k.label_de())),
        )
        .map(|(kind, label)| {
            let current = (filter.as_deref() == kind).then_some("page");
            view! { <li><a href=href(id, kind, 1) aria-current=current>{label}</a></li> }
        })
        .collect_view();
    let list = if view.posts.is_empty() {
        view! { <p class="empty">{if view.filter.is_some() { t.dialogue_empty_filtered } else { t.dialogue_empty }}</p> }.into_any()
    } else {
        view.posts
            .into_iter()
            .map(|p| view! { <PostItem post=p process_id=id actions can_moderate/> })
            .collect_view()
            .into_any()
    };
    let thread_nav = view.thread.clone().map(|thread| {
        let common = i18n::texts();
        let label = common
            .page_of
            .replace("{page}", &thread.page.to_string())
            .replace("{pages}", &thread.pages.to_string());
        let (post_id, page, pages) = (thread.post_id, thread.page, thread.pages);
        view! {
            <p><a href=href(id, None, 1)>{t.thread_back}</a></p>
            {(pages > 1).then(|| view! {
                <nav class="pagination" aria-label=t.thread_pages_label>
                    {(page > 1).then(|| view! { <a href=thread_href(id, post_id, page - 1) rel="prev">{common.page_prev}</a> })}
                    <span>{label}</span>
                    {(page < pages).then(|| view! { <a href=thread_href(id, post_id, page + 1) rel="next">{common.page_next}</a> })}
                </nav>
            })}
        }
    });
    let pagination = (view.pages > 1).then(|| {
        let common = i18n::texts();
        let label = common
            .page_of
            .replace("{page}", &view.page.to_string())
            .replace("{pages}", &view.pages.to_string());
        let kind = view.filter.clone();
        let (page, pages) = (view.page, view.pages);
        view! {
            <nav class="pagination" aria-label=common.pagination_label>
                {(page > 1).then(|| view! { <a href=href(id, kind.as_deref(), page - 1) rel="prev">{common.page_prev}</a> })}
                <span>{label}</span>
                {(page < pages).then(|| view! { <a href=href(id, kind.as_deref(), page + 1) rel="next">{common.page_next}</a> })}
            </nav>
        }
    });
    let kinds = PostKind::ALL
        .into_iter()
        .map(|k| {
            let input_id = format!("kind-{}", k.as_str());
            view! {
                <div class="choice">
                    <input type="radio" id=input_id.clone() name="kind" value=k.as_str() required/>
                    <label for=input_id>{k.label_de()}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <Title text=format!("{} – {}", t.dialogue_title, process.title)/>
        <ProcessHeader id title=process.title.clone() step=process.step current=ProcessTab::Dialogue roles=process.roles/>
        <h2>{t.dialogue_title}</h2>
        <p>{t.dialogue_intro}</p>
        <p>
            <a href=format!("/prozesse/{id}/leitlinie")>{t.read_guideline} " " {version}</a>
        </p>
        {view.under_review.then(|| view! { <p class="alert info" role="status">{t.dialogue_under_review}</p> })}
        <section class="card" aria-labelledby="report-title">
            <h2 id="report-title">{t.report_title}</h2>
            <ActionForm action=post attr:class="stack">
                <FormResult value=post.value()/>
                <input type="hidden" name="process_id" value=id.to_string()/>
                <fieldset>
                    <legend>{t.kind_legend}</legend>
                    {kinds}
                </fieldset>
                <label for="report-body">{t.report_body}</label>
                <textarea id="report-body" name="body" rows="5" required maxlength=POST_MAX.to_string()
                    aria-describedby="report-hint"></textarea>
                <p id="report-hint" class="hint">{t.report_hint}</p>
                <div class="choice">
                    <input type="checkbox" id="report-anonymous" name="anonymous" value="on"/>
                    <label for="report-anonymous">{t.anonymous_label}</label>
                </div>
                <button type="submit" disabled=move || post.pending().get()>{t.report_submit}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="posts-title">
            <h2 id="posts-title">{t.posts_title} " (" {view.total} ")"</h2>
            <FormResult value=actions.hide.value()/>
            <nav class="filter-links" aria-label=t.filter_label>
                <ul>{filter_links}</ul>
            </nav>
            <div class="dialogue-posts">{list}</div>
            {pagination}
            {thread_nav}
        </section>
    }
    .into_any()
}

/// The byline of a post: name (or "anonym"), time, and the version it refers to.
fn byline(p: &DialoguePostView) -> String {
    let t = texts();
    let who = match (&p.author, p.anonymous, p.mine) {
        (_, true, true) => t.anonymous_mine.to_owned(),
        (_, true, false) => t.anonymous_author.to_owned(),
        (Some(name), false, _) => name.clone(),
        (None, false, _) => "Unbekannt".to_owned(),
    };
    format!("{who} · {}", p.created_at)
}

/// A post's text, or for a hidden post the notice (others) or the reason above the text (its
/// author and the moderators).
fn post_body(p: &DialoguePostView) -> impl IntoView {
    let t = texts();
    if p.hidden && p.hidden_reason.is_none() {
        return view! { <p class="hint">{t.post_hidden_notice}</p> }.into_any();
    }
    let reason = p
        .hidden_reason
        .clone()
        .map(|r| view! { <p class="alert warning">{t.post_hidden_reason} " " {r}</p> });
    view! {
        {reason}
        <p class="pre-wrap">{p.body.clone()}</p>
    }
    .into_any()
}

/// The moderators' form to hide a post or reply, folded away until opened.
#[component]
fn HideForm(post_id: i64, action: ServerAction<HideExperience>) -> impl IntoView {
    let t = texts();
    let field = format!("ausblenden-{post_id}");
    view! {
        <details class="hide-post">
            <summary>{t.post_hide}</summary>
            <ActionForm action attr:class="stack hide-form">
                <input type="hidden" name="post_id" value=post_id.to_string()/>
                <label for=field.clone()>{t.post_hide_label}</label>
                <textarea id=field name="reason" rows="2" required maxlength=HIDE_REASON_MAX.to_string()></textarea>
                <button type="submit" class="secondary">{t.post_hide_submit}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn PostItem(
    post: DialoguePostView,
    process_id: i64,
    actions: Actions,
    can_moderate: bool,
) -> impl IntoView {
    let t = texts();
    let heading_id = format!("erfahrung-{}-titel", post.id);
    let labelled_by = heading_id.clone();
    let reply_id = format!("antwort-{}", post.id);
    let anon_id = format!("antwort-{}-anonym", post.id);
    let hide_form = |p: &DialoguePostView| {
        (can_moderate && !p.hidden).then(|| view! { <HideForm post_id=p.id action=actions.hide/> })
    };
    let replies = post
        .replies
        .iter()
        .map(|r| {
            view! {
                <li id=format!("erfahrung-{}", r.id) class="dialogue-reply">
                    <p class="byline">{byline(r)}</p>
                    {post_body(r)}
                    {hide_form(r)}
                </li>
            }
        })
        .collect_view();
    view! {
        <article id=format!("erfahrung-{}", post.id) class="card dialogue-post" aria-labelledby=labelled_by>
            <h3 id=heading_id class="dialogue-kind">
                <span class=format!("badge kind-{}", post.kind.clone().unwrap_or_default())>{post.kind_label.clone().unwrap_or_default()}</span>
            </h3>
            <p class="byline">{byline(&post)} " · " {t.version_word} " " {post.version_number}</p>
            {post_body(&post)}
            {hide_form(&post)}
            {(!post.replies.is_empty()).then(|| view! { <ul class="dialogue-replies">{replies}</ul> })}
            {(post.more_replies > 0).then(|| {
                let label = if post.more_replies == 1 {
                    t.more_replies_one.to_owned()
                } else {
                    t.more_replies_many.replace("{n}", &post.more_replies.to_string())
                };
                view! { <p><a href=thread_href(process_id, post.id, 1)>{label}</a></p> }
            })}
            <details>
                <summary>{t.reply_summary}</summary>
                <ActionForm action=actions.post attr:class="stack">
                    <input type="hidden" name="process_id" value=process_id.to_string()/>
                    <input type="hidden" name="parent_id" value=post.id.to_string()/>
                    <label for=reply_id.clone()>{t.reply_body}</label>
                    <textarea id=reply_id name="body" rows="3" required maxlength=POST_MAX.to_string()></textarea>
                    <div class="choice">
                        <input type="checkbox" id=anon_id.clone() name="anonymous" value="on"/>
                        <label for=anon_id>{t.anonymous_label}</label>
                    </div>
                    <button type="submit" class="secondary">{t.reply_submit}</button>
                </ActionForm>
            </details>
        </article>
    }
}
