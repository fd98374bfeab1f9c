//! The audit page (coordinators): the log newest first, 50 per page, filtered by action,
//! person, object and date range, and the chain verification. Filters and verification are
//! plain GET forms, so the page works the same without JavaScript.

use super::{list_audit, verify_audit, AuditPage as AuditPageData, AuditRow, VerifyReport};
use crate::components::layout::ErrorPage;
use crate::domain::audit::AuditAction;
use crate::error::AppError;
use crate::i18n::{self, audit::texts};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

/// The page's address parameters (German names, like the other pages).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct AuditQuery {
    action: String,
    actor: Option<i64>,
    object_type: String,
    object_id: Option<i64>,
    from: String,
    to: String,
    page: u64,
    verify: bool,
}

impl AuditQuery {
    fn from_map(map: &ParamsMap) -> Self {
        let text = |key: &str| {
            map.get(key)
                .map(|v| v.trim().to_owned())
                .unwrap_or_default()
        };
        let number = |key: &str| map.get(key).and_then(|v| v.trim().parse::<i64>().ok());
        Self {
            action: text("aktion"),
            actor: number("person"),
            object_type: text("objekt"),
            object_id: number("objekt_nr"),
            from: text("von"),
            to: text("bis"),
            page: map
                .get("seite")
                .and_then(|p| p.parse::<u64>().ok())
                .unwrap_or(1)
                .max(1),
            verify: map.get("pruefen").is_some_and(|v| v == "1"),
        }
    }

    /// The filter part of the address (without page and verification).
    fn filter_params(&self) -> Vec<(&'static str, String)> {
        let mut params = Vec::new();
        if !self.action.is_empty() {
            params.push(("aktion", self.action.clone()));
        }
        if let Some(actor) = self.actor {
            params.push(("person", actor.to_string()));
        }
        if !self.object_type.is_empty() {
            params.push(("objekt", self.object_type.clone()));
        }
        if let Some(id) = self.object_id {
            params.push(("objekt_nr", id.to_string()));
        }
        if !self.from.is_empty() {
            params.push(("von", self.from.clone()));
        }
        if !self.to.is_empty() {
            params.push(("bis", self.to.clone()));
        }
        params
    }

    /// The address of `page` with the same filter.
    fn href(&self, page: u64) -> String {
        let mut parts: Vec<String> = self
            .filter_params()
            .into_iter()
            .map(|(k, v)| format!("{k}={}", encode(&v)))
            .collect();
        parts.push(format!("seite={page}"));
        format!("/audit?{}", parts.join("&"))
    }

    fn is_filtered(&self) -> bool {
        !self.filter_params().is_empty()
    }
}

/// Percent-encodes a query value.
fn encode(value: &str) -> String {
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

fn none_if_empty(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_owned())
}

/// The audit log page.
#[component]
pub fn AuditPage() -> impl IntoView {
    let t = texts();
    let query = use_query_map();
    let current = Memo::new(move |_| AuditQuery::from_map(&query.read()));
    let entries = Resource::new(
        move || current.get(),
        |q| {
            list_audit(
                none_if_empty(&q.action),
                q.actor,
                none_if_empty(&q.object_type),
                q.object_id,
                none_if_empty(&q.from),
                none_if_empty(&q.to),
                Some(q.page),
            )
        },
    );
    let check = Resource::new(
        move || current.get().verify,
        |verify| async move {
            if verify {
                Some(verify_audit().await)
            } else {
                None
            }
        },
    );
    view! {
        <Title text=t.title/>
        <Suspense fallback=move || view! { <p>{i18n::texts().loading}</p> }>
            {move || Suspend::new(async move {
                let q = current.get_untracked();
                match entries.await {
                    Ok(data) => {
                        let result = check.await;
                        view! {
                            <h1>{t.title}</h1>
                            <p class="intro">{t.intro}</p>
                            <VerifyBox query=q.clone() result/>
                            <FilterForm query=q.clone() data=data.clone()/>
                            <AuditTable query=q data/>
                        }
                        .into_any()
                    }
                    Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The "Kette prüfen" form and its result.
#[component]
fn VerifyBox(query: AuditQuery, result: Option<Result<VerifyReport, AppError>>) -> impl IntoView {
    let t = texts();
    let hidden = query
        .filter_params()
        .into_iter()
        .map(|(name, value)| view! { <input type="hidden" name=name value=value/> })
        .collect_view();
    let outcome = result.map(|result| match result {
        Ok(VerifyReport {
            broken: Some(broken),
            checked,
            ..
        }) => {
            view! {
                <div class="alert error" role="alert" data-testid="verify-result">
                    <p><strong>{t.verify_broken}</strong></p>
                    <p>{broken.message}</p>
                    <p>{format!("{checked} {}.", t.verify_intact_before)}</p>
                </div>
            }
            .into_any()
        }
        Ok(VerifyReport {
            head: Some(head),
            checked,
            ..
        }) => view! {
            <div class="alert success" role="status" data-testid="verify-result">
                <p>
                    <strong>{t.verify_ok}</strong>
                    {format!(" {checked} {}, {} {}, {} ", t.verify_entries, t.verify_last_entry, head.seq, t.verify_last_hash)}
                    <code class="hash">{head.hash}</code>
                </p>
                <p>{t.verify_note}</p>
            </div>
        }
        .into_any(),
        Ok(_) => view! {
            <p class="alert success" role="status" data-testid="verify-result">{t.verify_empty}</p>
        }
        .into_any(),
        Err(err) => view! {
            <p class="alert error" role="alert" data-testid="verify-result">{err.to_string()}</p>
        }
        .into_any(),
    });
    view! {
        <section class="card verify-box" aria-labelledby="verify-title">
            <h2 id="verify-title">{t.verify_title}</h2>
            <p>{t.verify_intro}</p>
            <form method="get" action="/audit">
                {hidden}
                <input type="hidden" name="pruefen" value="1"/>
                <button type="submit">{t.verify_submit}</button>
            </form>
            {outcome}
        </section>
    }
}

/// The filter form (a GET form: the filter is part of the address).
#[component]
fn FilterForm(query: AuditQuery, data: AuditPageData) -> impl IntoView {
    let t = texts();
    let actions = AuditAction::ALL
        .into_iter()
        .map(|a| {
            let selected = query.action == a.as_str();
            view! { <option value=a.as_str() selected=selected>{a.label_de()}</option> }
        })
        .collect_view();
    let people = data
        .actors
        .into_iter()
        .map(|(id, name)| {
            let selected = query.actor == Some(id);
            view! { <option value=id.to_string() selected=selected>{name}</option> }
        })
        .collect_view();
    let types = data
        .object_types
        .into_iter()
        .map(|(value, label)| {
            let selected = query.object_type == value;
            view! { <option value=value selected=selected>{label}</option> }
        })
        .collect_view();
    view! {
        <form method="get" action="/audit" class="filter-form audit-filter">
            <fieldset>
                <legend>{t.filter_legend}</legend>
                <div class="field">
                    <label for="audit-action">{t.filter_action}</label>
                    <select id="audit-action" name="aktion">
                        <option value="">{t.filter_all}</option>
                        {actions}
                    </select>
                </div>
                <div class="field">
                    <label for="audit-person">{t.filter_person}</label>
                    <select id="audit-person" name="person">
                        <option value="">{t.filter_all}</option>
                        {people}
                    </select>
                </div>
                <div class="field">
                    <label for="audit-object">{t.filter_object_type}</label>
                    <select id="audit-object" name="objekt">
                        <option value="">{t.filter_all}</option>
                        {types}
                    </select>
                </div>
                <div class="field">
                    <label for="audit-object-id">{t.filter_object_id}</label>
                    <input id="audit-object-id" type="number" name="objekt_nr" min="1" inputmode="numeric"
                        value=query.object_id.map(|id| id.to_string()).unwrap_or_default()/>
                </div>
                <div class="field">
                    <label for="audit-from">{t.filter_from}</label>
                    <input id="audit-from" type="text" autocomplete="off" placeholder="TT.MM.JJJJ" name="von" value=query.from.clone()/>
                </div>
                <div class="field">
                    <label for="audit-to">{t.filter_to}</label>
                    <input id="audit-to" type="text" autocomplete="off" placeholder="TT.MM.JJJJ" name="bis" value=query.to.clone()/>
                </div>
                <button type="submit">{t.filter_submit}</button>
                <a href="/audit">{t.filter_reset}</a>
            </fieldset>
        </form>
    }
}

/// The entries and the page navigation.
#[component]
fn AuditTable(query: AuditQuery, data: AuditPageData) -> impl IntoView {
    let t = texts();
    if data.rows.is_empty() {
        let text = if query.is_filtered() {
            t.empty_filter
        } else {
            t.empty
        };
        return view! { <p class="empty">{text}</p> }.into_any();
    }
    let rows = data.rows.into_iter().map(row_view).collect_view();
    let (page, pages) = (data.page, data.pages);
    let pager = (pages > 1).then(|| {
        let label = format!("{} {page} {} {pages}", t.page_word, t.page_of);
        view! {
            <nav class="pagination" aria-label=t.pagination_label>
                {(page > 1).then(|| view! { <a href=query.href(page - 1) rel="prev">{t.page_prev}</a> })}
                <span>{label}</span>
                {(page < pages).then(|| view! { <a href=query.href(page + 1) rel="next">{t.page_next}</a> })}
            </nav>
        }
    });
    view! {
        <div class="table-scroll">
            <table class="audit-log">
                <caption>{format!("{} {} {}", t.caption, data.total, t.hits)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.col_seq}</th>
                        <th scope="col">{t.col_at}</th>
                        <th scope="col">{t.col_actor}</th>
                        <th scope="col">{t.col_action}</th>
                        <th scope="col">{t.col_object}</th>
                        <th scope="col">{t.col_details}</th>
                        <th scope="col">{t.col_hash}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {pager}
    }
    .into_any()
}

fn row_view(row: AuditRow) -> impl IntoView {
    let details = match row.details.as_slice() {
        [only] if only.label.is_empty() => view! { <span>{only.value.clone()}</span> }.into_any(),
        items => {
            let pairs = items
                .iter()
                .map(|item| {
                    let value = match item.href.clone() {
                        Some(href) => view! { <a href=href>{item.value.clone()}</a> }.into_any(),
                        None => view! { {item.value.clone()} }.into_any(),
                    };
                    view! { <div><dt>{item.label.clone()}</dt><dd>{value}</dd></div> }
                })
                .collect_view();
            view! { <dl class="audit-details">{pairs}</dl> }.into_any()
        }
    };
    let short = row.hash.chars().take(12).collect::<String>();
    view! {
        <tr id=format!("eintrag-{}", row.seq)>
            <td>{row.seq}</td>
            <td>{row.at}</td>
            <td>{row.actor}</td>
            <td><span title=row.action.clone()>{row.action_label}</span></td>
            <td>{match row.object_href {
                Some(href) => view! { <a href=href>{row.object}</a> }.into_any(),
                None => view! { {row.object} }.into_any(),
            }}</td>
            <td>{details}</td>
            <td><code class="hash" title=row.hash>{short} "…"</code></td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_links_keep_the_filter() {
        let q = AuditQuery {
            action: "round.closed".into(),
            actor: Some(3),
            from: "2026-11-01".into(),
            ..Default::default()
        };
        assert_eq!(
            q.href(2),
            "/audit?aktion=round.closed&person=3&von=2026-11-01&seite=2"
        );
        assert!(q.is_filtered());
        assert!(!AuditQuery::default().is_filtered());
    }
}
