//! The data-protection pages: own data (`/konto/meine-daten`), deleting a person
//! (`/admin/benutzer/:id/loeschen`) and what is stored (`/datenschutz`).

use super::{deletion_preview, my_data, DeletePerson};
use crate::components::layout::{ErrorPage, FormResult};
use crate::i18n::identity::texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Where the own data are downloaded as JSON (a plain route: a file download).
pub const EXPORT_PATH: &str = "/konto/meine-daten.json";

/// `/konto/meine-daten`: everything stored about the signed-in person, readable, with the JSON
/// download.
#[component]
pub fn MyDataPage() -> impl IntoView {
    let t = texts();
    let data = Resource::new(|| (), |_| my_data());
    view! {
        <Title text=t.my_data_title/>
        <Suspense fallback=move || view! { <p>{crate::i18n::texts().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => {
                        let account = data.account.clone();
                        let sections = data.sections.into_iter().map(|section| {
                            let count = section.items.len();
                            let items = section.items.into_iter().map(|item| view! {
                                <li>
                                    <p class="meta">
                                        {item.at} " · " {item.place}
                                        {item.anonymous.then(|| view! { " · " <strong>{t.my_data_anonymous}</strong> })}
                                    </p>
                                    <p class="text">{item.text}</p>
                                    {(!item.note.is_empty()).then(|| view! { <p class="hint">{item.note}</p> })}
                                </li>
                            }).collect_view();
                            view! {
                                <section class="card" data-section=section.key>
                                    <h2>{format!("{} ({count})", section.title)}</h2>
                                    {if count == 0 {
                                        view! { <p class="empty">{t.my_data_none}</p> }.into_any()
                                    } else {
                                        view! { <ul class="data-items">{items}</ul> }.into_any()
                                    }}
                                </section>
                            }
                        }).collect_view();
                        view! {
                            <h1>{t.my_data_title}</h1>
                            <p>{t.my_data_intro} " " {format!("(Stand: {})", data.exported_at)}</p>
                            <p><a class="button" href=EXPORT_PATH download="meine-daten.json">{t.my_data_download}</a></p>
                            <section class="card">
                                <h2>{t.my_data_account}</h2>
                                <dl>
                                    <dt>{crate::i18n::texts().field_name}</dt><dd>{account.name}</dd>
                                    <dt>{crate::i18n::texts().field_email}</dt><dd>{account.email}</dd>
                                    <dt>{crate::i18n::team::texts().col_team}</dt><dd>{account.team.unwrap_or_else(|| "–".into())}</dd>
                                    <dt>{crate::i18n::texts().col_roles}</dt><dd>{account.roles.join(", ")}</dd>
                                    <dt>{t.my_data_created}</dt><dd>{account.created_at}</dd>
                                    <dt>{t.my_data_login}</dt>
                                    <dd>{match (account.organisation_login, account.has_password) {
                                        (Some(issuer), _) => format!("{} ({issuer})", t.sso_linked),
                                        (None, true) => t.my_data_password.to_owned(),
                                        (None, false) => t.my_data_no_login.to_owned(),
                                    }}</dd>
                                </dl>
                            </section>
                            {sections}
                            <p><a href="/datenschutz">{t.privacy_title}</a></p>
                        }
                        .into_any()
                    }
                    Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/admin/benutzer/:id/loeschen`: what deleting a person does, and the confirmation.
#[component]
pub fn DeletePersonPage() -> impl IntoView {
    let t = texts();
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let preview = Resource::new(id, deletion_preview);
    let action = ServerAction::<DeletePerson>::new();
    let pending = action.pending();
    view! {
        <Title text=t.delete_title/>
        <Suspense fallback=move || view! { <p>{crate::i18n::texts().loading}</p> }>
            {move || Suspend::new(async move {
                match preview.await {
                    Ok(p) if p.deleted => view! {
                        <h1>{t.delete_title}</h1>
                        <p class="alert">{t.delete_already}</p>
                        <p><a href="/admin/benutzer">{t.import_back_to_users}</a></p>
                    }.into_any(),
                    Ok(p) => view! {
                        <section class="narrow">
                            <h1>{t.delete_title}</h1>
                            <p><strong>{p.name.clone()}</strong> " · " {p.email.clone()}</p>
                            <p>{t.delete_explain}</p>
                            <p>{format!(
                                "{} ({} {})",
                                if p.remove_texts { t.delete_texts_removed } else { t.delete_texts_kept },
                                p.texts,
                                if p.texts == 1 { "Text" } else { "Texte" },
                            )}</p>
                            <ActionForm action=action attr:class="stack">
                                <FormResult value=action.value()/>
                                <input type="hidden" name="user_id" value=p.user_id.to_string()/>
                                <label class="check">
                                    <input type="checkbox" name="confirm" required/>
                                    {t.delete_confirm}
                                </label>
                                <button type="submit" class="danger" disabled=move || pending.get()>
                                    {format!("{} ({})", t.delete_submit, p.name)}
                                </button>
                            </ActionForm>
                            <p><a href="/admin/benutzer">{t.delete_cancel}</a></p>
                        </section>
                    }.into_any(),
                    Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/datenschutz`: what Mitsprache stores, why and for how long; open to everyone.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let t = texts();
    let rows = crate::domain::privacy::stored_data()
        .into_iter()
        .map(|d| view! { <tr><td>{d.what}</td><td>{d.purpose}</td><td>{d.kept}</td></tr> })
        .collect_view();
    view! {
        <Title text=t.privacy_title/>
        <h1>{t.privacy_title}</h1>
        <p>{t.privacy_intro}</p>
        <table class="privacy">
            <caption>{t.privacy_caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{t.privacy_col_what}</th>
                    <th scope="col">{t.privacy_col_purpose}</th>
                    <th scope="col">{t.privacy_col_kept}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <h2>{t.privacy_rights_title}</h2>
        <p>{t.privacy_rights}</p>
        <p><a href="/konto/meine-daten">{t.my_data_title}</a></p>
    }
}
