//! The bell in the header, the inbox (`/benachrichtigungen`), the mail preferences
//! (`/konto/benachrichtigungen`), the unsubscribe page (`/abbestellen/:token`) and the
//! coordinators' outbox (`/admin/mails`). Every form is a plain form posting to a server
//! function (or, for unsubscribing, to `/abbestellen/:token`) with a redirect back, so all of
//! it works without JavaScript.

use super::{
    get_inbox, get_notification_preferences, list_mails, unread_notifications, unsubscribe_info,
    InboxItem, MarkAllNotificationsRead, MarkNotificationRead, RetryMail,
    SaveNotificationPreferences,
};
use crate::components::layout::{ErrorPage, FormResult};
use crate::domain::notification::Frequency;
use crate::i18n::{self, notification::texts};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

/// Bumped by the inbox after marking read, so the bell counts again.
#[derive(Clone, Copy)]
pub struct InboxVersion(pub RwSignal<u32>);

/// The unread count for the header's bell: reloaded on every navigation and after the inbox
/// marked something read. Created by the header outside its `Transition`, read inside it (a
/// resource of its own inside the header's suspense broke hydration).
pub fn unread_resource() -> Resource<Result<u64, crate::error::AppError>> {
    let location = use_location();
    let version = use_context::<InboxVersion>().map(|v| v.0);
    Resource::new(
        move || (location.pathname.get(), version.map(|v| v.get())),
        |_| unread_notifications(),
    )
}

/// The bell with the number of unread notifications, a link to the inbox.
#[component]
pub fn Bell(count: u64) -> impl IntoView {
    let t = texts();
    let label = if count == 0 {
        t.bell_label_none.to_owned()
    } else {
        t.bell_label.replace("{n}", &count.to_string())
    };
    view! {
        <a class="bell" href="/benachrichtigungen" aria-label=label data-testid="bell">
            // A bell drawn by the stylesheet: an emoji needs a font that shared PCs often lack.
            <span class="bell-icon" aria-hidden="true"></span>
            {(count > 0).then(|| view! { <span class="bell-count" aria-hidden="true">{count}</span> })}
        </a>
    }
}

/// The page number of the `seite` query parameter.
fn page_param() -> Memo<u64> {
    let query = use_query_map();
    Memo::new(move |_| {
        query
            .read()
            .get("seite")
            .and_then(|p| p.parse::<u64>().ok())
            .unwrap_or(1)
            .max(1)
    })
}

/// `/benachrichtigungen`: the person's notifications, newest first, 20 per page.
#[component]
pub fn InboxPage() -> impl IntoView {
    let t = texts();
    let page = page_param();
    let mark = ServerAction::<MarkNotificationRead>::new();
    let mark_all = ServerAction::<MarkAllNotificationsRead>::new();
    if let Some(InboxVersion(version)) = use_context::<InboxVersion>() {
        Effect::new(move |_| {
            if mark.version().get() + mark_all.version().get() > 0 {
                version.update(|v| *v += 1);
            }
        });
    }
    let data = Resource::new(
        move || (page.get(), mark.version().get(), mark_all.version().get()),
        |(page, _, _)| get_inbox(Some(page)),
    );
    view! {
        <Title text=t.inbox_title/>
        <section>
            <h1>{t.inbox_title}</h1>
            <p>{t.inbox_intro} " " <a href="/konto/benachrichtigungen">{t.settings_link}</a></p>
            <FormResult value=mark.value()/>
            <FormResult value=mark_all.value()/>
            <Suspense fallback=move || view! { <p>{i18n::texts().loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(inbox) => {
                            let summary = if inbox.unread == 0 {
                                t.inbox_all_read.to_owned()
                            } else {
                                t.inbox_unread.replace("{n}", &inbox.unread.to_string())
                            };
                            let list = if inbox.items.is_empty() {
                                view! { <p class="empty">{t.inbox_empty}</p> }.into_any()
                            } else {
                                let current = inbox.page;
                                view! {
                                    <ul class="inbox">
                                        {inbox.items.into_iter().map(|item| view! { <InboxEntry item page=current action=mark/> }).collect_view()}
                                    </ul>
                                }
                                .into_any()
                            };
                            let pagination = (inbox.pages > 1).then(|| {
                                let common = i18n::texts();
                                let label = common
                                    .page_of
                                    .replace("{page}", &inbox.page.to_string())
                                    .replace("{pages}", &inbox.pages.to_string());
                                let (page, pages) = (inbox.page, inbox.pages);
                                view! {
                                    <nav class="pagination" aria-label=common.pagination_label>
                                        {(page > 1).then(|| view! { <a href=format!("/benachrichtigungen?seite={}", page - 1) rel="prev">{common.page_prev}</a> })}
                                        <span>{label}</span>
                                        {(page < pages).then(|| view! { <a href=format!("/benachrichtigungen?seite={}", page + 1) rel="next">{common.page_next}</a> })}
                                    </nav>
                                }
                            });
                            view! {
                                <p role="status" data-testid="inbox-summary">{summary}</p>
                                {(inbox.unread > 0).then(|| view! {
                                    <ActionForm action=mark_all>
                                        <button type="submit" class="secondary">{t.mark_all_read}</button>
                                    </ActionForm>
                                })}
                                {list}
                                {pagination}
                            }
                            .into_any()
                        }
                        Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn InboxEntry(
    item: InboxItem,
    page: u64,
    action: ServerAction<MarkNotificationRead>,
) -> impl IntoView {
    let t = texts();
    let heading = format!("benachrichtigung-{}", item.id);
    let labelled_by = heading.clone();
    let class = if item.read {
        "card inbox-item"
    } else {
        "card inbox-item unread"
    };
    view! {
        <li class=class aria-labelledby=labelled_by>
            <h2 id=heading class="inbox-title">
                {(!item.read).then(|| view! { <span class="badge">{t.unread_badge}</span> " " })}
                {item.title.clone()}
            </h2>
            <p class="byline">{item.group.clone()} " · " {item.at.clone()}</p>
            <p class="pre-wrap">{item.body.clone()}</p>
            <p class="inbox-actions">
                <a href=item.link.clone()>{t.open_place}</a>
                {(!item.read).then(|| view! {
                    <ActionForm action attr:class="inline-form">
                        <input type="hidden" name="id" value=item.id.to_string()/>
                        <input type="hidden" name="page" value=page.to_string()/>
                        <button type="submit" class="secondary">{t.mark_read}</button>
                    </ActionForm>
                })}
            </p>
        </li>
    }
}

/// `/konto/benachrichtigungen`: the mail frequency per group.
#[component]
pub fn PreferencesPage() -> impl IntoView {
    let t = texts();
    let save = ServerAction::<SaveNotificationPreferences>::new();
    let query = use_query_map();
    let saved_by_redirect = Memo::new(move |_| query.read().get("gespeichert").is_some());
    let data = Resource::new(
        move || save.version().get(),
        |_| get_notification_preferences(),
    );
    view! {
        <Title text=t.prefs_title/>
        <section class="narrow">
            <h1>{t.prefs_title}</h1>
            <p>{t.prefs_intro}</p>
            {move || (saved_by_redirect.get() && save.value().get().is_none())
                .then(|| view! { <p class="alert success" role="status">{t.prefs_saved}</p> })}
            <Suspense fallback=move || view! { <p>{i18n::texts().loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(rows) => view! {
                            <ActionForm action=save attr:class="stack">
                                <FormResult value=save.value() success=t.prefs_saved/>
                                {rows.into_iter().map(|row| {
                                    let options = Frequency::ALL.into_iter().map(|f| {
                                        let id = format!("pref-{}-{}", row.group, f.as_str());
                                        view! {
                                            <div class="choice">
                                                <input type="radio" id=id.clone() name=row.group.clone() value=f.as_str()
                                                    checked=row.frequency == f.as_str()/>
                                                <label for=id>{f.label_de()}</label>
                                            </div>
                                        }
                                    }).collect_view();
                                    let hint = format!("pref-{}-hint", row.group);
                                    let described_by = hint.clone();
                                    view! {
                                        <fieldset aria-describedby=described_by>
                                            <legend>{row.label.clone()}</legend>
                                            <p id=hint class="hint">{row.hint.clone()}</p>
                                            {options}
                                        </fieldset>
                                    }
                                }).collect_view()}
                                <button type="submit">{t.prefs_submit}</button>
                            </ActionForm>
                        }
                        .into_any(),
                        Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// `/abbestellen/:token`: what the link stops, and the button (a plain form posting to the
/// same address, which also takes RFC 8058 one-click posts from mail programs).
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let t = texts();
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let done = Memo::new(move |_| query.read().get("erledigt").is_some());
    let info = Resource::new(token, unsubscribe_info);
    view! {
        <Title text=t.unsubscribe_title/>
        <section class="narrow">
            <h1>{t.unsubscribe_title}</h1>
            <Suspense fallback=move || view! { <p>{i18n::texts().loading}</p> }>
                {move || Suspend::new(async move {
                    match info.await {
                        Ok(info) => view! {
                            {move || done.get().then(|| view! { <p class="alert success" role="status">{t.unsubscribe_done}</p> })}
                            <p>{t.unsubscribe_intro}</p>
                            <ul>{info.groups.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}</ul>
                            <p class="hint">{t.unsubscribe_hint}</p>
                            {move || (!done.get()).then(|| view! {
                                <form method="post" action=format!("/abbestellen/{}", token())>
                                    <input type="hidden" name="List-Unsubscribe" value="One-Click"/>
                                    <button type="submit">{t.unsubscribe_submit}</button>
                                </form>
                            })}
                        }
                        .into_any(),
                        Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// `/admin/mails`: the outbox for coordinators.
#[component]
pub fn MailsPage() -> impl IntoView {
    let t = texts();
    let page = page_param();
    let retry = ServerAction::<RetryMail>::new();
    let data = Resource::new(
        move || (page.get(), retry.version().get()),
        |(page, _)| list_mails(Some(page)),
    );
    view! {
        <Title text=t.mails_title/>
        <section>
            <h1>{t.mails_title}</h1>
            <p>{t.mails_intro}</p>
            <FormResult value=retry.value()/>
            <Suspense fallback=move || view! { <p>{i18n::texts().loading}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(view) => {
                            let rows = view.mails.into_iter().map(|m| {
                                let confidential = m.to.is_none();
                                view! {
                                    <tr class=if m.failed { "failed" } else { "" }>
                                        <td>{m.created_at.clone()}</td>
                                        <td>{m.kind.clone()}</td>
                                        <td>{m.to.clone().unwrap_or_else(|| t.mails_confidential.to_owned())}</td>
                                        <td>
                                            {m.subject.clone().unwrap_or_else(|| t.mails_confidential.to_owned())}
                                            {(!confidential).then(|| view! {
                                                <details>
                                                    <summary>{t.mails_show_text}</summary>
                                                    <pre class="mail-text">{m.text.clone().unwrap_or_default()}</pre>
                                                </details>
                                            })}
                                        </td>
                                        <td>
                                            {m.status.clone()}
                                            <br/>{t.mails_attempts} " " {m.attempts}
                                            {m.sent_at.clone().map(|at| view! { <br/>{at} })}
                                            {m.last_error.clone().map(|e| view! { <br/><span class="hint">{t.mails_error} " " {e}</span> })}
                                            {m.failed.then(|| view! {
                                                <ActionForm action=retry>
                                                    <input type="hidden" name="mail_id" value=m.id.to_string()/>
                                                    <button type="submit" class="secondary">{t.mails_retry}</button>
                                                </ActionForm>
                                            })}
                                        </td>
                                        <td>{m.file_name.clone().unwrap_or_default()}</td>
                                    </tr>
                                }
                            }).collect_view();
                            let files = view.files.into_iter().map(|f| view! {
                                <tr><td>{f.name}</td><td>{format!("{} KB", f.bytes.div_ceil(1024))}</td><td>{f.at}</td></tr>
                            }).collect_view();
                            let common = i18n::texts();
                            let (page, pages) = (view.page, view.pages);
                            view! {
                                <p>{t.mails_transport} " " <strong>{view.transport.clone()}</strong></p>
                                <p role="status">
                                    {t.mails_pending.replace("{n}", &view.pending.to_string())} " · "
                                    {t.mails_failed.replace("{n}", &view.failed.to_string())}
                                </p>
                                {if view.total == 0 {
                                    view! { <p class="empty">{t.mails_empty}</p> }.into_any()
                                } else {
                                    view! {
                                        <div class="table-scroll">
                                            <table class="mails">
                                                <caption class="visually-hidden">{t.mails_title}</caption>
                                                <thead><tr>
                                                    <th scope="col">{t.mails_col_when}</th>
                                                    <th scope="col">{t.mails_col_kind}</th>
                                                    <th scope="col">{t.mails_col_to}</th>
                                                    <th scope="col">{t.mails_col_subject}</th>
                                                    <th scope="col">{t.mails_col_status}</th>
                                                    <th scope="col">{t.mails_col_file}</th>
                                                </tr></thead>
                                                <tbody>{rows}</tbody>
                                            </table>
                                        </div>
                                    }.into_any()
                                }}
                                {(pages > 1).then(|| view! {
                                    <nav class="pagination" aria-label=common.pagination_label>
                                        {(page > 1).then(|| view! { <a href=format!("/admin/mails?seite={}", page - 1) rel="prev">{common.page_prev}</a> })}
                                        <span>{common.page_of.replace("{page}", &page.to_string()).replace("{pages}", &pages.to_string())}</span>
                                        {(page < pages).then(|| view! { <a href=format!("/admin/mails?seite={}", page + 1) rel="next">{common.page_next}</a> })}
                                    </nav>
                                })}
                                {(view.files_total > 0).then(|| view! {
                                    <h2>{t.mails_files_title}</h2>
                                    <p>{t.mails_files_intro} " (" {view.files_total} ")"</p>
                                    <div class="table-scroll">
                                        <table>
                                            <thead><tr>
                                                <th scope="col">{t.mails_col_file}</th>
                                                <th scope="col">{t.mails_col_size}</th>
                                                <th scope="col">{t.mails_col_when}</th>
                                            </tr></thead>
                                            <tbody>{files}</tbody>
                                        </table>
                                    </div>
                                })}
                            }
                            .into_any()
                        }
                        Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
