//! The import form on the draft page, the import preview, and the download links.

use super::{get_import, ApplyImport, DiscardImport, ImportPreview};
use crate::components::layout::{ErrorPage, FormResult};
use crate::i18n::{self, document::texts};
use crate::process::pages::{use_process_id, ProcessHeader, ProcessTab};
use leptos::prelude::*;
use leptos_meta::Title;

fn loading() -> impl IntoView {
    view! { <p>{i18n::texts().loading}</p> }
}

/// The upload form: a plain multipart form, so it works without JavaScript too.
#[component]
pub fn ImportForm(process_id: i64, has_draft: bool) -> impl IntoView {
    let t = texts();
    view! {
        <section class="card import" aria-labelledby="import-title">
            <h3 id="import-title">{t.import_title}</h3>
            <p>{if has_draft { t.import_intro_replace } else { t.import_intro_start }}</p>
            <form method="post" action=format!("/prozesse/{process_id}/entwurf/import") enctype="multipart/form-data">
                <label for="import-file">{t.import_file_label}</label>
                <input id="import-file" type="file" name="datei" required
                    accept=".docx,.odt,.md,.markdown,.txt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text,text/markdown"
                    aria-describedby="import-hint"/>
                <p class="hint" id="import-hint">{t.import_hint}</p>
                <button type="submit" class="secondary">{t.import_submit}</button>
            </form>
        </section>
    }
}

/// `/prozesse/:id/entwurf/import`: what the uploaded file became, before it replaces anything
/// (project group only).
#[component]
pub fn ImportPage() -> impl IntoView {
    let id = use_process_id();
    let data = Resource::new(move || id.get(), get_import);
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(preview) => view! { <ImportContent preview/> }.into_any(),
                    Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ImportContent(preview: ImportPreview) -> impl IntoView {
    let t = texts();
    let process = preview.process.clone();
    let id = process.id;
    let apply = ServerAction::<ApplyImport>::new();
    let discard = ServerAction::<DiscardImport>::new();
    let pending_apply = apply.pending();
    let body = match preview.pending {
        None => view! {
            <p class="empty">{t.import_nothing}</p>
            <p><a href=format!("/prozesse/{id}/entwurf")>{t.back_to_draft}</a></p>
        }
        .into_any(),
        Some(pending) => {
            let dropped = if pending.dropped.is_empty() {
                view! { <p class="alert success" role="status">{t.import_nothing_dropped}</p> }
                    .into_any()
            } else {
                let items = pending
                    .dropped
                    .iter()
                    .map(|d| view! { <li>{d.clone()}</li> })
                    .collect_view();
                view! {
                    <div class="alert info" role="status">
                        <p>{t.import_dropped_intro}</p>
                        <ul>{items}</ul>
                    </div>
                }
                .into_any()
            };
            let warning = if pending.edit_count.is_some() {
                t.import_replaces
            } else {
                t.import_starts
            };
            view! {
                <p>{t.import_file_prefix} " " <strong>{pending.file_name.clone()}</strong> " · "
                    {format!("{} {}", preview.words, if preview.words == 1 { t.word_one } else { t.word_many })}</p>
                {dropped}
                <FormResult value=apply.value()/>
                <FormResult value=discard.value()/>
                <p>{warning}</p>
                <div class="actions">
                    <ActionForm action=apply>
                        <input type="hidden" name="process_id" value=id.to_string()/>
                        <button type="submit" disabled=move || pending_apply.get()>{t.import_apply}</button>
                    </ActionForm>
                    <ActionForm action=discard>
                        <input type="hidden" name="process_id" value=id.to_string()/>
                        <button type="submit" class="secondary">{t.import_discard}</button>
                    </ActionForm>
                </div>
                <h3>{t.import_preview_title}</h3>
                // Sanitised by `domain::markdown::render` on the server.
                <article class="markdown import-preview" inner_html=preview.html></article>
            }
            .into_any()
        }
    };
    view! {
        <Title text=format!("{} – {}", t.import_page_title, process.title)/>
        <ProcessHeader id title=process.title.clone() step=process.step current=ProcessTab::Draft roles=process.roles/>
        <h2>{t.import_page_title}</h2>
        {body}
    }
}

/// The downloads of the adopted guideline: PDF (with and without line numbers), Word, source.
#[component]
pub fn GuidelineDownloads(process_id: i64) -> impl IntoView {
    let t = texts();
    let base = format!("/prozesse/{process_id}/leitlinie");
    view! {
        <DownloadLinks links=vec![
            (t.guideline_pdf, format!("{base}.pdf")),
            (t.guideline_pdf_lines, format!("{base}.pdf?zeilennummern=ja")),
            (t.guideline_docx, format!("{base}.docx")),
            (t.guideline_source, format!("{base}.md")),
        ]/>
    }
}

/// "Als PDF" / "Als Word-Datei" links for a document (plain links: the browser downloads).
#[component]
pub fn DownloadLinks(links: Vec<(&'static str, String)>) -> impl IntoView {
    let t = texts();
    let items = links
        .into_iter()
        .map(|(label, href)| view! { <li><a href=href download>{label}</a></li> })
        .collect_view();
    view! {
        <nav class="downloads no-print" aria-label=t.downloads_label>
            <ul>{items}</ul>
        </nav>
    }
}
