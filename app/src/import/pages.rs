//! The staff import pages: the upload form with the file format, and the preview (then the
//! result) of one upload.

use super::{import_preview, ApplyImport, ImportView, PreviewList};
use crate::components::layout::{ErrorPage, FormResult};
use crate::i18n::identity::texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Where the upload form posts (a plain route of the server: a file upload without JavaScript).
pub const UPLOAD_PATH: &str = "/admin/benutzer/import/hochladen";

/// `/admin/benutzer/import`: the upload form and the file format.
#[component]
pub fn ImportPage() -> impl IntoView {
    let t = texts();
    let auth = expect_context::<crate::AuthContext>();
    view! {
        <Title text=t.import_title/>
        <Suspense fallback=move || view! { <p>{crate::i18n::texts().loading}</p> }>
            {move || Suspend::new(async move {
                let allowed = match auth.user.await {
                    Ok(Some(me)) if me.can(crate::domain::account::Permission::ManageUsers) => Ok(()),
                    Ok(Some(_)) => Err(crate::error::AppError::Forbidden),
                    Ok(None) => Err(crate::error::AppError::Unauthenticated),
                    Err(err) => Err(err),
                };
                match allowed {
                    Ok(()) => view! {
                        <section class="narrow">
                            <h1>{t.import_title}</h1>
                            <p>{t.import_intro}</p>
                            <form method="post" action=UPLOAD_PATH enctype="multipart/form-data" class="stack">
                                <label for="import-file">{t.import_file_label}</label>
                                <input id="import-file" type="file" name="datei" accept=".csv,.txt,text/csv,text/plain" required
                                    aria-describedby="import-format"/>
                                <button type="submit">{t.import_upload}</button>
                            </form>
                            <h2>{t.import_format_title}</h2>
                            <div id="import-format">
                                <p>{t.import_format}</p>
                                <pre class="example">"Name;E-Mail;Team;Rolle\nAnna Alt;anna.alt@beispiel.de;Pflege;\nBen Berg;ben.berg@beispiel.de;Kita;Koordination"</pre>
                                <p>{t.import_format_details}</p>
                            </div>
                            <p><a href="/admin/benutzer">{t.import_back_to_users}</a></p>
                        </section>
                    }
                    .into_any(),
                    Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/admin/benutzer/import/:id`: the preview of an upload, with the confirmation; once applied,
/// what it did and the invitation links for download.
#[component]
pub fn ImportPreviewPage() -> impl IntoView {
    let t = texts();
    let params = use_params_map();
    let query = use_query_map();
    let apply = ServerAction::<ApplyImport>::new();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let view_data = Resource::new(
        move || {
            (
                id(),
                query.read().get("liste"),
                query
                    .read()
                    .get("seite")
                    .and_then(|p| p.parse::<u64>().ok()),
                apply.version().get(),
            )
        },
        |(id, list, page, _)| import_preview(id, list, page),
    );
    view! {
        <Title text=t.import_preview_title/>
        <Suspense fallback=move || view! { <p>{crate::i18n::texts().loading}</p> }>
            {move || Suspend::new(async move {
                match view_data.await {
                    Ok(data) => match data.outcome.clone() {
                        Some(_) => view! { <ImportDone data/> }.into_any(),
                        None => view! { <ImportPreview data apply/> }.into_any(),
                    },
                    Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn list_label(list: PreviewList) -> &'static str {
    let t = texts();
    match list {
        PreviewList::New => t.import_new,
        PreviewList::Changed => t.import_changed,
        PreviewList::Unchanged => t.import_unchanged,
        PreviewList::Deactivated => t.import_deactivated,
        PreviewList::Invalid => t.import_invalid,
        PreviewList::Missing => t.import_missing,
    }
}

#[component]
fn ImportPreview(data: ImportView, apply: ServerAction<ApplyImport>) -> impl IntoView {
    let t = texts();
    let counts = data.counts;
    let id = data.id;
    let tabs = PreviewList::ALL
        .into_iter()
        .map(|list| {
            let count = list.count(&counts);
            let current = list == data.list;
            view! {
                <li>
                    <a href=format!("?liste={}", list.code())
                        aria-current=if current { Some("page") } else { None }>
                        {format!("{} ({count})", list_label(list))}
                    </a>
                </li>
            }
        })
        .collect_view();
    let rows = data
        .rows
        .iter()
        .map(|row| {
            view! {
                <tr>
                    <td>{row.line.map(|l| l.to_string()).unwrap_or_default()}</td>
                    <td>{row.name.clone()}</td>
                    <td>{row.email.clone()}</td>
                    <td>{row.team.clone()}</td>
                    <td>{row.note.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let empty = data.rows.is_empty();
    let pending = apply.pending();
    let list = data.list;
    let page = data.page;
    let pages = data.pages;
    let missing = counts.missing;
    view! {
        <h1>{t.import_preview_title}</h1>
        <p>{format!("{} · {} · {}", data.file_name, data.uploaded_at, data.encoding)}</p>
        <p class="alert" role="status" data-testid="import-summary">
            {format!(
                "{} neu, {} geändert, {} unverändert, {} ungültig, {} nicht in der Liste. Es wurde noch nichts gespeichert.",
                counts.new, counts.changed, counts.unchanged, counts.invalid, counts.missing
            )}
        </p>
        <nav aria-label=t.import_lists_label><ul class="tabs">{tabs}</ul></nav>
        <h2>{list_label(list)}</h2>
        {if empty {
            view! { <p class="empty">{t.import_list_empty}</p> }.into_any()
        } else {
            view! {
                <table class="import-preview">
                    <caption class="visually-hidden">{list_label(list)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.import_col_line}</th>
                            <th scope="col">{t.import_col_name}</th>
                            <th scope="col">{t.import_col_email}</th>
                            <th scope="col">{t.import_col_team}</th>
                            <th scope="col">{t.import_col_note}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }.into_any()
        }}
        {(pages > 1).then(|| view! {
            <nav class="pagination" aria-label=crate::i18n::texts().pagination_label>
                {(page > 1).then(|| view! { <a href=format!("?liste={}&seite={}", list.code(), page - 1) rel="prev">{crate::i18n::texts().page_prev}</a> })}
                <span>{format!("Seite {page} von {pages}")}</span>
                {(page < pages).then(|| view! { <a href=format!("?liste={}&seite={}", list.code(), page + 1) rel="next">{crate::i18n::texts().page_next}</a> })}
            </nav>
        })}
        <section class="card">
            <h2>{t.import_apply_title}</h2>
            <ActionForm action=apply attr:class="stack">
                <FormResult value=apply.value()/>
                <input type="hidden" name="import_id" value=id.to_string()/>
                <input type="hidden" name="fingerprint" value=data.fingerprint.clone()/>
                {(missing > 0).then(|| view! {
                    <fieldset>
                        <legend>{t.import_sync_legend}</legend>
                        <label class="check">
                            <input type="checkbox" name="sync"/>
                            {format!("{} ({missing})", t.import_sync)}
                        </label>
                        <label class="check">
                            <input type="checkbox" name="confirm_sync"/>
                            {format!("Ich bestätige: {missing} Konten, die nicht in der Liste stehen, werden deaktiviert. Die Personen können sich dann nicht mehr anmelden.")}
                        </label>
                    </fieldset>
                })}
                <button type="submit" disabled=move || pending.get()>{t.import_apply}</button>
            </ActionForm>
            <p><a href="/admin/benutzer/import">{t.import_other_file}</a></p>
        </section>
    }
}

#[component]
fn ImportDone(data: ImportView) -> impl IntoView {
    let t = texts();
    let query = use_query_map();
    let invited = query
        .read_untracked()
        .get("eingeladen")
        .and_then(|n| n.parse::<u64>().ok());
    let outcome = data.outcome.clone().unwrap_or_default();
    view! {
        <h1>{t.import_done_title}</h1>
        <p class="alert success" role="status" data-testid="import-outcome">
            {format!(
                "Übernommen am {}: {} Konten angelegt, {} geändert, {} unverändert, {} deaktiviert, {} Zeilen ungültig (nicht übernommen).",
                outcome.applied_at, outcome.created, outcome.changed, outcome.unchanged, outcome.deactivated, outcome.invalid
            )}
        </p>
        {invited.map(|n| view! {
            <p class="alert success" role="status" data-testid="import-invited">
                {match n {
                    0 => t.import_invited_none.to_owned(),
                    1 => t.import_invited_one.to_owned(),
                    n => t.import_invited_many.replace("{n}", &crate::domain::german::number(n as i64)),
                }}
            </p>
        })}
        {if data.invitation_links {
            view! {
                <section class="card">
                    <h2>{t.import_invitations_title}</h2>
                    <p>{t.import_invitations_explain}</p>
                    <form method="post" action=format!("/admin/benutzer/import/{}/einladungen", data.id)>
                        <button type="submit" name="art" value="mail">{t.import_invitations_mail}</button>
                        " "
                        <button type="submit" name="art" value="datei" class="secondary">{t.import_invitations_download}</button>
                    </form>
                </section>
            }.into_any()
        } else {
            view! { <p>{t.import_invitations_sso}</p> }.into_any()
        }}
        <p><a href="/admin/benutzer">{t.import_back_to_users}</a></p>
    }
}
