//! User administration for coordinators: list, invite, re-invite, deactivate.

use super::{
    list_users, AccountStatus, CreateUser, CreatedInvitation, DeactivateUser, ReinviteUser,
    UserSummary,
};
use crate::components::layout::{ErrorPage, FormResult};
use crate::domain::account::Role;
use crate::i18n::texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The list of accounts with the form to invite a new person.
#[component]
pub fn UsersPage() -> impl IntoView {
    let t = texts();
    let query = use_query_map();
    let page = move || {
        query
            .read()
            .get("seite")
            .and_then(|p| p.parse::<u64>().ok())
            .unwrap_or(1)
    };
    let create = ServerAction::<CreateUser>::new();
    let reinvite = ServerAction::<ReinviteUser>::new();
    let deactivate = ServerAction::<DeactivateUser>::new();
    let users = Resource::new(
        move || {
            (
                page(),
                create.version().get(),
                reinvite.version().get(),
                deactivate.version().get(),
            )
        },
        |(page, ..)| list_users(page),
    );
    view! {
        <Title text=t.users_title/>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match users.await {
                    Ok(list) => view! {
                        <h1>{t.users_title}</h1>
                        <CreateUserForm action=create/>
                        <InvitationLink value=create.value()/>
                        <InvitationLink value=reinvite.value()/>
                        <FormResult value=reinvite.value()/>
                        <FormResult value=deactivate.value()/>
                        <UserTable users=list.users viewer_id=list.viewer_id reinvite deactivate/>
                        <Pagination page=list.page pages=list.pages/>
                    }
                    .into_any(),
                    Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CreateUserForm(action: ServerAction<CreateUser>) -> impl IntoView {
    let t = texts();
    let pending = action.pending();
    // After a successful invitation the form is emptied for the next person; after an error
    // everything typed stays.
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let (Some(Ok(_)), Some(form)) = (action.value().get(), form.get()) {
            form.reset();
        }
    });
    view! {
        <section class="card">
            <h2>{t.create_user_title}</h2>
            <ActionForm action=action node_ref=form attr:class="stack">
                <Show when=move || matches!(action.value().get(), Some(Err(_)))>
                    <FormResult value=action.value()/>
                </Show>
                <label for="new-user-name">{t.field_name}</label>
                <input id="new-user-name" type="text" name="display_name" autocomplete="off" maxlength="100" required/>
                <label for="new-user-email">{t.field_email}</label>
                <input id="new-user-email" type="email" name="email" autocomplete="off" required/>
                <fieldset>
                    <legend>{t.field_roles}</legend>
                    <label class="check">
                        <input type="checkbox" name="role_staff" checked/>
                        {Role::Staff.label_de()}
                    </label>
                    <label class="check">
                        <input type="checkbox" name="role_coordinator"/>
                        {Role::Coordinator.label_de()}
                    </label>
                </fieldset>
                <button type="submit" disabled=move || pending.get()>{t.create_user_submit}</button>
            </ActionForm>
        </section>
    }
}

/// Shows a freshly created invitation link once, with a copy button.
#[component]
fn InvitationLink(
    #[prop(into)] value: Signal<Option<Result<CreatedInvitation, crate::error::AppError>>>,
) -> impl IntoView {
    let t = texts();
    let copied = RwSignal::new(false);
    move || match value.get() {
        Some(Ok(invitation)) => {
            let link = invitation.link.clone();
            let copy = move |_| {
                #[cfg(feature = "hydrate")]
                {
                    let _ = window().navigator().clipboard().write_text(&link);
                }
                #[cfg(not(feature = "hydrate"))]
                let _ = &link;
                copied.set(true);
            };
            view! {
                <section class="card invitation" role="status">
                    <h2>{t.invitation_created} ": " {invitation.display_name.clone()}</h2>
                    <p>{t.invitation_explain}</p>
                    <label for="invitation-link" class="visually-hidden">{t.invitation_created}</label>
                    <input id="invitation-link" type="text" readonly value=invitation.link.clone() data-testid="invitation-link"/>
                    <button type="button" on:click=copy>
                        {move || if copied.get() { t.copied } else { t.copy_link }}
                    </button>
                </section>
            }
            .into_any()
        }
        _ => ().into_any(),
    }
}

#[component]
fn UserTable(
    users: Vec<UserSummary>,
    viewer_id: i64,
    reinvite: ServerAction<ReinviteUser>,
    deactivate: ServerAction<DeactivateUser>,
) -> impl IntoView {
    let t = texts();
    if users.is_empty() {
        return view! { <p class="empty">{t.users_empty}</p> }.into_any();
    }
    let rows = users
        .into_iter()
        .map(|user| {
            let roles = user
                .roles
                .iter()
                .map(|r| r.label_de())
                .collect::<Vec<_>>()
                .join(", ");
            let status = match user.status {
                AccountStatus::Active => t.status_active,
                AccountStatus::Invited => t.status_invited,
                AccountStatus::Deactivated => t.status_deactivated,
            };
            let can_reinvite = user.status == AccountStatus::Invited;
            let can_deactivate = user.status != AccountStatus::Deactivated && user.id != viewer_id;
            let id = user.id.to_string();
            let id2 = id.clone();
            let name = user.display_name.clone();
            view! {
                <tr>
                    <td>{user.display_name.clone()}</td>
                    <td>{user.email.clone()}</td>
                    <td>{roles}</td>
                    <td><span class=format!("badge status-{status}")>{status}</span></td>
                    <td><div class="actions">
                        {can_reinvite.then(|| view! {
                            <ActionForm action=reinvite>
                                <input type="hidden" name="user_id" value=id/>
                                <button type="submit" class="secondary">{t.reinvite}</button>
                            </ActionForm>
                        })}
                        {can_deactivate.then(|| view! {
                            <details class="confirm">
                                <summary>{t.deactivate}</summary>
                                <p>{t.deactivate_confirm} " " <strong>{name.clone()}</strong></p>
                                <ActionForm action=deactivate>
                                    <input type="hidden" name="user_id" value=id2/>
                                    <button type="submit" class="danger">
                                        {format!("{} ({})", t.deactivate, name)}
                                    </button>
                                </ActionForm>
                            </details>
                        })}
                    </div></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="users">
            <caption>{t.users_caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{t.col_name}</th>
                    <th scope="col">{t.col_email}</th>
                    <th scope="col">{t.col_roles}</th>
                    <th scope="col">{t.col_status}</th>
                    <th scope="col">{t.col_actions}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// Previous/next links for a paged list (`?seite=N`).
#[component]
pub fn Pagination(page: u64, pages: u64) -> impl IntoView {
    let t = texts();
    (pages > 1).then(|| {
        let label = t.page_of.replace("{page}", &page.to_string()).replace("{pages}", &pages.to_string());
        view! {
            <nav class="pagination" aria-label=t.pagination_label>
                {(page > 1).then(|| view! { <a href=format!("?seite={}", page - 1) rel="prev">{t.page_prev}</a> })}
                <span>{label}</span>
                {(page < pages).then(|| view! { <a href=format!("?seite={}", page + 1) rel="next">{t.page_next}</a> })}
            </nav>
        }
    })
}
