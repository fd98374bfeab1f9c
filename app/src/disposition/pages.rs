//! The disposition list of a round (project group), the feedback report, "Meine Kommentare"
//! and the comments shown beside a changed section on the compare page.

use super::{
    get_report, list_dispositions, my_comments, ChangeLink, CloseRound, DecideComments,
    DispositionItem, DispositionList, LinkCommentChange, LinkTarget, LinkedComment, MyComment,
    Report, ReportComment, ReportSection, StatusFilter,
};
use crate::components::layout::{ErrorPage, FormResult};
use crate::domain::disposition::{Disposition, DispositionTotals, REASON_MAX};
use crate::i18n::{self, disposition::texts};
use crate::process::pages::{use_process_id, ProcessHeader, ProcessTab};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The loading text shown while data arrives.
fn loading() -> impl IntoView {
    view! { <p>{i18n::texts().loading}</p> }
}

/// The `:round` path parameter.
fn use_round_id() -> Memo<i64> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("round")
            .and_then(|n| n.parse::<i64>().ok())
            .unwrap_or(0)
    })
}

/// "teilweise übernommen: Wir haben …" — the label and, if given, the reason.
pub fn answer_text(disposition: Disposition, reason: Option<&str>) -> String {
    match reason {
        Some(reason) => format!("{}: {reason}", disposition.label_de()),
        None => disposition.label_de().to_owned(),
    }
}

/// The CSS class of a disposition badge.
fn badge_class(disposition: Option<Disposition>) -> &'static str {
    match disposition {
        Some(Disposition::Accepted) => "badge disposition accepted",
        Some(Disposition::PartlyAccepted) => "badge disposition partly",
        Some(Disposition::NotAccepted) => "badge disposition rejected",
        Some(Disposition::Deferred) => "badge disposition deferred",
        None => "badge disposition open",
    }
}

/// The filter of the disposition list as it is in the address.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct ListQuery {
    section: String,
    status: StatusFilter,
    mine: bool,
    page: usize,
}

impl ListQuery {
    fn href(&self, process_id: i64, round_id: i64, page: usize) -> String {
        let mut href =
            format!("/prozesse/{process_id}/runden/{round_id}/rueckmeldungen?seite={page}");
        if !self.section.is_empty() {
            href.push_str(&format!("&abschnitt={}", self.section));
        }
        if self.status != StatusFilter::All {
            href.push_str(&format!("&status={}", self.status.as_str()));
        }
        if self.mine {
            href.push_str("&meine=1");
        }
        href
    }
}

/// The actions of the disposition page, created once per page.
#[derive(Clone, Copy)]
struct Actions {
    /// Bumped after an answer to one comment was saved (each card has its own action, so its
    /// error shows at the comment and its text stays).
    answered: RwSignal<u32>,
    /// The comment whose answer was saved last, for the message on top of the list.
    saved: RwSignal<Option<i64>>,
    bulk: ServerAction<DecideComments>,
    close: ServerAction<CloseRound>,
    link: ServerAction<LinkCommentChange>,
    selected: RwSignal<Vec<i64>>,
}

// ---------------------------------------------------------------------------------------------
// The disposition list
// ---------------------------------------------------------------------------------------------

/// `/prozesse/:id/runden/:round/rueckmeldungen`: every comment of the round with its answer,
/// filters, a bulk answer, the progress and closing the round. Project group only.
#[component]
pub fn DispositionsPage() -> impl IntoView {
    let round = use_round_id();
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let q = query_map.read();
        ListQuery {
            section: q.get("abschnitt").unwrap_or_default(),
            status: StatusFilter::parse(&q.get("status").unwrap_or_default()),
            mine: q.get("meine").is_some_and(|v| v == "1"),
            page: q
                .get("seite")
                .and_then(|p| p.parse().ok())
                .unwrap_or(1)
                .max(1),
        }
    });
    let actions = Actions {
        answered: RwSignal::new(0),
        saved: RwSignal::new(None),
        bulk: ServerAction::new(),
        close: ServerAction::new(),
        link: ServerAction::new(),
        selected: RwSignal::new(Vec::new()),
    };
    Effect::new(move |_| {
        if actions.bulk.version().get() > 0 {
            actions.selected.set(Vec::new());
        }
    });
    let data = Resource::new(
        move || {
            (
                round.get(),
                query.get(),
                actions.answered.get(),
                actions.bulk.version().get(),
                actions.close.version().get(),
                actions.link.version().get(),
            )
        },
        |(round, q, ..)| {
            list_dispositions(
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
                        view! { <DispositionsContent list query=q actions/> }.into_any()
                    }
                    Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DispositionsContent(list: DispositionList, query: ListQuery, actions: Actions) -> impl IntoView {
    let t = texts();
    let process = list.process.clone();
    let id = process.id;
    let round_id = list.round.id;
    let version_number = list.round.version_number;
    let page_ids: Vec<i64> = list.items.iter().map(|i| i.id).collect();
    let items = if list.items.is_empty() {
        view! { <p class="empty">{t.no_comments}</p> }.into_any()
    } else {
        let targets = list.link_targets.clone();
        list.items
            .into_iter()
            .map(|item| {
                view! {
                    <DispositionCard item round_id can_decide=list.can_decide targets=targets.clone() actions/>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <Title text=format!("{} – {}", t.dispositions_title, process.title)/>
        <ProcessHeader id title=process.title.clone() step=process.step current=ProcessTab::Rounds roles=process.roles/>
        <h2>{t.dispositions_title} " · " {t.version_word} " " {version_number}</h2>
        <p class="no-print">
            <a href=format!("/prozesse/{id}/runden/{round_id}")>{t.back_to_round}</a> " · "
            <a href=format!("/prozesse/{id}/runden/{round_id}/bericht")>{t.report_link}</a>
        </p>
        <Progress totals=list.totals progress=list.progress.clone()/>
        <FilterForm id round_id sections=list.sections.clone() query=query.clone()/>
        <p class="hint">{list.matching} " " {t.matching}</p>
        {move || actions.saved.get().map(|id| view! {
            <p class="alert success" role="status">{t.saved} " (" {t.comment_word} " " {id} ")"</p>
        })}
        <FormResult value=actions.link.value()/>
        {list.can_decide.then(|| view! { <BulkForm round_id page_ids actions/> })}
        <div class="disposition-list">{items}</div>
        <Pager id round_id query page=list.page pages=list.pages/>
        <CloseSection round_id can_decide=list.can_decide can_close=list.can_close hint=list.close_hint actions/>
    }
    .into_any()
}

#[component]
fn Progress(totals: DispositionTotals, progress: String) -> impl IntoView {
    let t = texts();
    view! {
        <div class="disposition-progress">
            <progress
                max=totals.needing().max(1).to_string()
                value=totals.answered().to_string()
                aria-label=t.progress_label
            ></progress>
            " "
            <strong role="status">{progress}</strong>
        </div>
    }
}

#[component]
fn FilterForm(
    id: i64,
    round_id: i64,
    sections: Vec<super::SectionRef>,
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
    let status = query.status;
    view! {
        <form method="get" action=format!("/prozesse/{id}/runden/{round_id}/rueckmeldungen") class="filter-form no-print">
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
                    <select name="status">
                        <option value="" selected=status == StatusFilter::All>{t.status_all}</option>
                        <option value="offen" selected=status == StatusFilter::Open>{t.status_open}</option>
                        <option value="beantwortet" selected=status == StatusFilter::Answered>{t.status_answered}</option>
                    </select>
                </label>
                <label>
                    <input type="checkbox" name="meine" value="1" checked=query.mine/>
                    " " {t.filter_mine}
                </label>
                <button type="submit" class="secondary">{t.filter_submit}</button>
            </fieldset>
        </form>
    }
}

/// The select of the four dispositions. Without an answer yet, nothing is preselected: the
/// group must choose ("Bitte wählen"), so no comment is answered "übernommen" by accident.
#[component]
fn KindSelect(select_id: String, selected: Option<Disposition>) -> impl IntoView {
    let t = texts();
    let options = Disposition::ALL
        .into_iter()
        .map(|d| {
            view! { <option value=d.as_str() selected=Some(d) == selected>{d.label_de()}</option> }
        })
        .collect_view();
    view! {
        <select id=select_id name="kind" required>
            <option value="" disabled selected=selected.is_none()>{t.choose}</option>
            {options}
        </select>
    }
}

#[component]
fn BulkForm(round_id: i64, page_ids: Vec<i64>, actions: Actions) -> impl IntoView {
    let t = texts();
    let selected = actions.selected;
    let ids_value = move || {
        selected
            .get()
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",")
    };
    let select_all = move |_| selected.set(page_ids.clone());
    view! {
        <section class="card bulk-form no-print" aria-labelledby="bulk-title">
            <h3 id="bulk-title">{t.bulk_title}</h3>
            <ActionForm action=actions.bulk attr:class="stack">
                <FormResult value=actions.bulk.value() success=t.bulk_saved/>
                <input type="hidden" name="round_id" value=round_id.to_string()/>
                <input type="hidden" name="comment_ids" prop:value=ids_value/>
                <p role="status">{move || selected.with(Vec::len)} " " {t.bulk_selected}</p>
                <button type="button" class="secondary" on:click=select_all>{t.status_all} " ✓"</button>
                <label for="bulk-kind">{t.field_kind}</label>
                <KindSelect select_id="bulk-kind".to_owned() selected=None/>
                <label for="bulk-reason">{t.field_reason}</label>
                <textarea id="bulk-reason" name="reason" rows="2" maxlength=REASON_MAX.to_string() aria-describedby="bulk-reason-hint"></textarea>
                <p id="bulk-reason-hint" class="hint">{t.reason_hint}</p>
                <button type="submit">{t.bulk_submit}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn DispositionCard(
    item: DispositionItem,
    round_id: i64,
    can_decide: bool,
    targets: Vec<LinkTarget>,
    actions: Actions,
) -> impl IntoView {
    let t = texts();
    let id = item.id;
    let selected = actions.selected;
    let toggle = move |_| {
        selected.update(|s| {
            if let Some(pos) = s.iter().position(|x| *x == id) {
                s.remove(pos);
            } else {
                s.push(id);
            }
        })
    };
    let heading = format!("{} {id}", t.comment_word);
    let answer = item.disposition.map_or_else(
        || t.no_answer.to_owned(),
        |d| answer_text(d, item.reason.as_deref()),
    );
    let linkable =
        item.disposition.is_some_and(Disposition::may_link_change) && !targets.is_empty();
    let decide = ServerAction::<DecideComments>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = decide.value().get() {
            actions.saved.set(Some(id));
            actions.answered.update(|n| *n += 1);
        }
    });
    let decide_form = can_decide.then(|| {
        view! {
            <ActionForm action=decide attr:class="decide-form no-print">
                <FormResult value=decide.value() success=t.saved/>
                <input type="hidden" name="round_id" value=round_id.to_string()/>
                <input type="hidden" name="comment_ids" value=id.to_string()/>
                <label for=format!("kind-{id}")>{t.field_kind}</label>
                <KindSelect select_id=format!("kind-{id}") selected=item.disposition/>
                <label for=format!("reason-{id}")>{t.field_reason}</label>
                <textarea id=format!("reason-{id}") name="reason" rows="2" maxlength=REASON_MAX.to_string()
                    inner_html=crate::components::textarea_text(&item.reason.clone().unwrap_or_default())></textarea>
                <button type="submit">{t.decide_submit}</button>
            </ActionForm>
        }
    });
    let link_form = linkable.then(|| {
        let options = targets
            .into_iter()
            .map(|target| {
                view! {
                    <option value=format!("{}:{}", target.version_number, target.anchor)>
                        {t.version_word} " " {target.version_number} ": " {target.title}
                    </option>
                }
            })
            .collect_view();
        view! {
            <ActionForm action=actions.link attr:class="link-form no-print">
                <input type="hidden" name="comment_id" value=id.to_string()/>
                <label for=format!("target-{id}")>{t.link_field}</label>
                <select id=format!("target-{id}") name="target">{options}</select>
                <button type="submit" class="secondary">{t.link_submit}</button>
            </ActionForm>
        }
    });
    view! {
        <article class="card disposition-card" id=format!("kommentar-{id}") aria-labelledby=format!("kommentar-titel-{id}")>
            <header class="disposition-head">
                {can_decide.then(|| view! {
                    <label class="select-comment">
                        <input type="checkbox" prop:checked=move || selected.with(|s| s.contains(&id)) on:change=toggle/>
                        " " {t.select_comment} " " {id}
                    </label>
                })}
                <h3 id=format!("kommentar-titel-{id}")>{heading}</h3>
                <span class="hint">{item.section} " · " {item.author.unwrap_or_else(|| t.anonymous.to_owned())}</span>
            </header>
            {item.quote.map(|q| view! { <p class="quote">{t.quote_label} " " <q>{q}</q></p> })}
            <p class="comment-body">{item.body}</p>
            <p class="hint">{t.supports_label} " " {item.supports} " · " {t.replies_label} " " {item.replies}</p>
            <p><span class=badge_class(item.disposition)>{answer}</span></p>
            <ChangeLinks links=item.links/>
            {decide_form}
            {link_form}
        </article>
    }
    .into_any()
}

#[component]
fn ChangeLinks(links: Vec<ChangeLink>) -> impl IntoView {
    let t = texts();
    (!links.is_empty()).then(|| {
        let items = links
            .into_iter()
            .map(|link| {
                let href = link.href();
                view! {
                    <li><a href=href>{t.version_word} " " {link.version_number} ": " {link.title}</a></li>
                }
            })
            .collect_view();
        view! {
            <div class="change-links">
                <span>{t.linked_to}</span>
                <ul>{items}</ul>
            </div>
        }
    })
}

#[component]
fn Pager(id: i64, round_id: i64, query: ListQuery, page: usize, pages: usize) -> impl IntoView {
    let t = texts();
    (pages > 1).then(|| {
        let prev = (page > 1).then(|| {
            view! { <a href=query.href(id, round_id, page - 1) rel="prev">{t.page_prev}</a> }
        });
        let next = (page < pages).then(|| {
            view! { <a href=query.href(id, round_id, page + 1) rel="next">{t.page_next}</a> }
        });
        view! {
            <nav class="pagination no-print" aria-label=t.page_label>
                {prev} " " <span>{t.page_of} " " {page} " " {t.page_of_total} " " {pages}</span> " " {next}
            </nav>
        }
    })
}

#[component]
fn CloseSection(
    round_id: i64,
    can_decide: bool,
    can_close: bool,
    hint: Option<String>,
    actions: Actions,
) -> impl IntoView {
    let t = texts();
    if !can_decide {
        return view! { <p class="alert info" role="status">{t.closed_notice}</p> }.into_any();
    }
    view! {
        <section class="card close-round no-print" aria-labelledby="close-title">
            <h3 id="close-title">{t.close_title}</h3>
            <p>{t.close_intro}</p>
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            <ActionForm action=actions.close>
                <FormResult value=actions.close.value()/>
                <input type="hidden" name="round_id" value=round_id.to_string()/>
                <button type="submit" class=if can_close { "" } else { "secondary" }>{t.close_submit}</button>
            </ActionForm>
        </section>
    }
    .into_any()
}

// ---------------------------------------------------------------------------------------------
// The feedback report
// ---------------------------------------------------------------------------------------------

/// `/prozesse/:id/runden/:round/bericht`: every comment grouped by section with its answer,
/// totals per disposition; printable.
#[component]
pub fn ReportPage() -> impl IntoView {
    let id = use_process_id();
    let round = use_round_id();
    let data = Resource::new(
        move || (id.get(), round.get()),
        |(id, round)| get_report(id, round),
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(report) => view! { <ReportContent report/> }.into_any(),
                    Err(err) => view! { <ErrorPage error=err title=texts().report_title.to_owned()/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReportContent(report: Report) -> impl IntoView {
    let t = texts();
    let process = report.process.clone();
    let id = process.id;
    let round_id = report.round.id;
    let sections = if report.sections.is_empty() {
        view! { <p class="empty">{t.no_comments}</p> }.into_any()
    } else {
        report
            .sections
            .into_iter()
            .map(|section| view! { <ReportSectionView section/> })
            .collect_view()
            .into_any()
    };
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let _ = window().print();
        }
    };
    view! {
        <Title text=format!("{} – {}", t.report_title, process.title)/>
        <div class="no-print">
            <ProcessHeader id title=process.title.clone() step=process.step current=ProcessTab::Rounds roles=process.roles/>
        </div>
        <article class="report">
            <h2>{t.report_title} ": " {process.title.clone()} ", " {t.version_word} " " {report.round.version_number}</h2>
            {(!report.final_report).then(|| view! { <p class="alert info" role="status">{t.report_draft}</p> })}
            <p>{t.report_intro}</p>
            <p class="hint">{report.round.starts_at.clone()} " – " {report.round.deadline.clone()} " · " {report.round.audience.clone()}</p>
            <p class="no-print">
                <a href=format!("/prozesse/{id}/runden/{round_id}")>{t.back_to_round}</a> " "
                <button type="button" class="secondary" on:click=print>{t.print}</button>
            </p>
            <crate::document::pages::DownloadLinks links=vec![(crate::i18n::document::texts().report_pdf, format!("/prozesse/{id}/runden/{round_id}/bericht.pdf"))]/>
            <TotalsTable totals=report.totals/>
            {sections}
        </article>
    }
    .into_any()
}

#[component]
fn TotalsTable(totals: DispositionTotals) -> impl IntoView {
    let t = texts();
    let rows = Disposition::ALL
        .into_iter()
        .map(|d| view! { <tr><th scope="row">{d.label_de()}</th><td>{totals.count(d)}</td></tr> })
        .collect_view();
    view! {
        <table class="report-totals">
            <caption>{t.totals_caption}</caption>
            <thead><tr><th scope="col">{t.col_disposition}</th><th scope="col">{t.col_count}</th></tr></thead>
            <tbody>
                {rows}
                {(totals.open > 0).then(|| view! { <tr><th scope="row">{t.open_label}</th><td>{totals.open}</td></tr> })}
                <tr><th scope="row">{t.hidden_label}</th><td>{totals.hidden}</td></tr>
            </tbody>
        </table>
    }
}

#[component]
fn ReportSectionView(section: ReportSection) -> impl IntoView {
    let comments = section
        .comments
        .into_iter()
        .map(|comment| view! { <ReportCommentView comment/> })
        .collect_view();
    view! {
        <section class="report-section">
            <h3>{section.title}</h3>
            {comments}
        </section>
    }
}

#[component]
fn ReportCommentView(comment: ReportComment) -> impl IntoView {
    let t = texts();
    let id = comment.id;
    if let Some(reason) = comment.hidden_reason {
        return view! {
            <div class="report-comment hidden-comment" id=format!("kommentar-{id}")>
                <p><span class="badge">{t.hidden_label}</span> " " {t.hidden_reason_label} " " {reason}</p>
            </div>
        }
        .into_any();
    }
    let answer = comment
        .disposition
        .map_or_else(|| t.no_answer.to_owned(), |d| d.label_de().to_owned());
    view! {
        <div class="report-comment" id=format!("kommentar-{id}")>
            {comment.quote.map(|q| view! { <p class="quote">{t.quote_label} " " <q>{q}</q></p> })}
            <p class="comment-body">{comment.body}</p>
            <p class="hint">{t.supports_label} " " {comment.supports}</p>
            <p>
                <span class=badge_class(comment.disposition)>{answer}</span>
                {comment.reason.map(|r| view! { " " <span class="reason">{t.reason_label} " " {r}</span> })}
            </p>
        </div>
    }
    .into_any()
}

// ---------------------------------------------------------------------------------------------
// Meine Kommentare
// ---------------------------------------------------------------------------------------------

/// `/meine-kommentare`: the signed-in person's comments with what became of them.
#[component]
pub fn MyCommentsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| my_comments());
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => view! { <MyCommentsContent list/> }.into_any(),
                    Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MyCommentsContent(list: Vec<MyComment>) -> impl IntoView {
    let t = texts();
    let body = if list.is_empty() {
        view! { <p class="empty">{t.my_empty}</p> }.into_any()
    } else {
        let items = list
            .into_iter()
            .map(|comment| view! { <MyCommentItem comment/> })
            .collect_view();
        view! { <ul class="my-comments">{items}</ul> }.into_any()
    };
    view! {
        <Title text=t.my_title/>
        <h1>{t.my_title}</h1>
        <p>{t.my_intro}</p>
        {body}
    }
}

#[component]
fn MyCommentItem(comment: MyComment) -> impl IntoView {
    let t = texts();
    let round_href = format!(
        "/prozesse/{}/runden/{}",
        comment.process_id, comment.round_id
    );
    let status = if let Some(reason) = comment.hidden_reason {
        view! {
            <p><span class="badge">{t.hidden_label}</span> " " {t.hidden_reason_label} " " {reason}</p>
        }
        .into_any()
    } else if comment.reply {
        ().into_any()
    } else {
        let text = comment.disposition.map_or_else(
            || t.no_answer.to_owned(),
            |d| answer_text(d, comment.reason.as_deref()),
        );
        view! { <p><span class=badge_class(comment.disposition)>{text}</span></p> }.into_any()
    };
    view! {
        <li class="card my-comment" id=format!("kommentar-{}", comment.id)>
            <p class="hint">
                <a href=round_href>
                    {comment.process_title} " · " {t.in_round} " " {comment.version_number}
                </a>
                " · " {comment.created_at}
                {comment.reply.then(|| view! { " " <span class="badge">{t.reply_badge}</span> })}
                {comment.anonymous.then(|| view! { " " <span class="badge">{t.anonymous_badge}</span> })}
            </p>
            {comment.quote.map(|q| view! { <p class="quote">{t.quote_label} " " <q>{q}</q></p> })}
            <p class="comment-body">{comment.body}</p>
            {status}
            <ChangeLinks links=comment.links/>
        </li>
    }
    .into_any()
}

// ---------------------------------------------------------------------------------------------
// The compare page
// ---------------------------------------------------------------------------------------------

/// The comments that led to a changed section, shown below it on the compare page.
#[component]
pub fn LinkedComments(comments: Vec<LinkedComment>) -> impl IntoView {
    let t = texts();
    (!comments.is_empty()).then(|| {
        let items = comments
            .into_iter()
            .map(|c| {
                let href = format!(
                    "/prozesse/{}/runden/{}/bericht#kommentar-{}",
                    c.process_id, c.round_id, c.id
                );
                view! {
                    <li>
                        <a href=href>{t.comment_word} " " {c.id}</a>
                        " (" {c.disposition.label_de()} "): " {c.snippet}
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="linked-comments">
                <h4>{t.led_to}</h4>
                <ul>{items}</ul>
            </div>
        }
    })
}
