//! User administration for coordinators: list, invite, re-invite, deactivate.

use super::{
    list_users, AccountStatus, CreateUser, CreatedInvitation, DeactivateUser, ReinviteUser,
    SetUserTeam, TeamFilter, UserSummary, TEAM_FILTER_NONE,
};
use crate::components::layout::{ErrorPage, FormResult};
use crate::domain::account::Role;
use crate::domain::round::TEAM_NAME_MAX;
use crate::i18n::team::texts as tt;
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
    let team = move || query.read().get("team").unwrap_or_default();
    let search = move || query.read().get("suche").unwrap_or_default();
    let create = ServerAction::<CreateUser>::new();
    let set_team = ServerAction::<SetUserTeam>::new();
    let reinvite = ServerAction::<ReinviteUser>::new();
    let deactivate = ServerAction::<DeactivateUser>::new();
    let users = Resource::new(
        move || {
            (
                page(),
                team(),
                search(),
                create.version().get(),
                reinvite.version().get(),
                deactivate.version().get(),
                set_team.version().get(),
            )
        },
        |(page, team, search, ..)| list_users(page, Some(team), Some(search)),
    );
    view! {
        <Title text=t.users_title/>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match users.await {
                    Ok(list) => {
                        let filter_query = list.filter.to_query();
                        let filtered = list.filter != TeamFilter::All || !list.search.is_empty();
                        let search_query = list.search.clone();
                        view! {
                            <h1>{t.users_title}</h1>
                            <p><a href="/admin/benutzer/import">{crate::i18n::identity::texts().users_import_link}</a></p>
                            <TeamSuggestions teams=list.teams.clone()/>
                            <CreateUserForm action=create/>
                            <InvitationLink value=create.value()/>
                            <InvitationLink value=reinvite.value()/>
                            <FormResult value=reinvite.value()/>
                            <FormResult value=deactivate.value()/>
                            <FormResult value=set_team.value() success=tt().team_saved/>
                            <TeamFilterForm teams=list.teams filter=list.filter search=list.search/>
                            <UserTable users=list.users viewer_id=list.viewer_id reinvite deactivate set_team filtered/>
                            <Pagination page=list.page pages=list.pages team=filter_query search=search_query/>
                        }
                        .into_any()
                    }
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
    crate::components::layout::reset_after_success(action, form);
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
                <label for="new-user-team">{tt().field_team}</label>
                <input id="new-user-team" type="text" name="team" list="known-teams" autocomplete="off"
                    maxlength=TEAM_NAME_MAX.to_string() aria-describedby="new-user-team-hint"/>
                <p id="new-user-team-hint" class="hint">{tt().team_hint}</p>
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
                <label class="check">
                    <input type="checkbox" name="send_mail" checked/>
                    {crate::i18n::notification::texts().send_invitation_mail}
                </label>
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
                    <p>{if invitation.mailed { crate::i18n::notification::texts().invitation_mailed } else { t.invitation_explain }}</p>
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
    set_team: ServerAction<SetUserTeam>,
    filtered: bool,
) -> impl IntoView {
    let t = texts();
    if users.is_empty() {
        let text = if filtered {
            tt().filter_empty
        } else {
            t.users_empty
        };
        return view! { <p class="empty">{text}</p> }.into_any();
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
            let id3 = id.clone();
            let name = user.display_name.clone();
            let team_input = format!("team-{}", user.id);
            let team_label = format!("{} {}", tt().new_team_for, user.display_name);
            let team_shown = user.team.clone().unwrap_or_else(|| tt().no_team.to_owned());
            view! {
                <tr>
                    <td>{user.display_name.clone()}</td>
                    <td>{user.email.clone()}</td>
                    <td>{roles}</td>
                    <td>
                        <span class=if user.team.is_some() { "team" } else { "team hint" }>{team_shown}</span>
                        <details class="change-team">
                            <summary>{tt().change_team}</summary>
                            <ActionForm action=set_team attr:class="team-form">
                                <input type="hidden" name="user_id" value=id3/>
                                <label for=team_input.clone() class="visually-hidden">{team_label}</label>
                                <input id=team_input type="text" name="team" list="known-teams" autocomplete="off"
                                    maxlength=TEAM_NAME_MAX.to_string() value=user.team.clone().unwrap_or_default()/>
                                <button type="submit" class="secondary">{tt().save_team}</button>
                            </ActionForm>
                        </details>
                    </td>
                    <td><span class=format!("badge status-{status}")>{status}</span></td>
                    <td><div class="actions">
                        {can_reinvite.then(|| view! {
                            <ActionForm action=reinvite>
                                <input type="hidden" name="user_id" value=id/>
                                <input type="hidden" name="send_mail" value="on"/>
                                <button type="submit" class="secondary">{t.reinvite}</button>
                            </ActionForm>
                        })}
                        {(user.id != viewer_id).then(|| view! {
                            <a href=format!("/admin/benutzer/{}/loeschen", user.id) class="danger-link">
                                {crate::i18n::identity::texts().delete_link}
                                <span class="visually-hidden">{format!(" ({})", user.display_name)}</span>
                            </a>
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
                    <th scope="col">{tt().col_team}</th>
                    <th scope="col">{t.col_status}</th>
                    <th scope="col">{t.col_actions}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// The known team names as a `<datalist id="known-teams">` for team fields.
#[component]
pub fn TeamSuggestions(teams: Vec<String>) -> impl IntoView {
    view! {
        <datalist id="known-teams">
            {teams.into_iter().map(|name| view! { <option value=name/> }).collect_view()}
        </datalist>
    }
}

/// The team filter: a plain GET form, so it works without JavaScript.
#[component]
fn TeamFilterForm(teams: Vec<String>, filter: TeamFilter, search: String) -> impl IntoView {
    let t = tt();
    let options = teams
        .into_iter()
        .map(|name| {
            let selected = matches!(&filter, TeamFilter::Team(f) if crate::domain::team::team_key(f) == crate::domain::team::team_key(&name));
            view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
        })
        .collect_view();
    view! {
        <form method="get" class="team-filter">
            <label for="team-filter">{t.filter_label}</label>
            <select id="team-filter" name="team">
                <option value="" selected=filter == TeamFilter::All>{t.filter_all}</option>
                <option value=TEAM_FILTER_NONE selected=filter == TeamFilter::WithoutTeam>{t.filter_none}</option>
                {options}
            </select>
            <label for="user-search">{t.search_label}</label>
            <input id="user-search" type="search" name="suche" value=search maxlength="254"
                aria-describedby="user-search-hint"/>
            <p id="user-search-hint" class="hint">{t.search_hint}</p>
            <button type="submit" class="secondary">{t.filter_submit}</button>
        </form>
    }
}

/// Previous/next links for a paged list (`?seite=N`, keeping a `team` filter and a `suche`
/// text when not empty).
#[component]
pub fn Pagination(
    page: u64,
    pages: u64,
    #[prop(optional)] team: String,
    #[prop(optional)] search: String,
) -> impl IntoView {
    let t = texts();
    let mut team = if team.is_empty() {
        String::new()
    } else {
        format!("&team={}", urlencoding_component(&team))
    };
    if !search.is_empty() {
        team.push_str(&format!("&suche={}", urlencoding_component(&search)));
    }
    (pages > 1).then(|| {
        let label = t.page_of.replace("{page}", &page.to_string()).replace("{pages}", &pages.to_string());
        view! {
            <nav class="pagination" aria-label=t.pagination_label>
                {(page > 1).then(|| view! { <a href=format!("?seite={}{team}", page - 1) rel="prev">{t.page_prev}</a> })}
                <span>{label}</span>
                {(page < pages).then(|| view! { <a href=format!("?seite={}{team}", page + 1) rel="next">{t.page_next}</a> })}
            </nav>
        }
    })
}

/// Percent-encodes a query value (everything but unreserved characters).
fn urlencoding_component(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
