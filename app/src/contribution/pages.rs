//! The contributions page of a process (`/prozesse/:id/beitraege`): submit form, own
//! contributions, the filtered list with counts, and the project group's tools.

use super::{
    list_contributions, AssignCluster, ClusterSummary, ContributionFilter, ContributionOverview,
    ContributionPage, ContributionView, CreateCluster, EnterWorkshopResults, LinkSection,
    SectionRef, SubmitContribution, TagContribution, UnlinkSection, UntagContribution,
};
use crate::components::layout::{ErrorPage, FormResult};
use crate::domain::access::ProcessAction;
use crate::domain::contribution::{Kind, CLUSTER_TITLE_MAX, TEAM_MAX, TEXT_MAX};
use crate::domain::german::{count_u, number_u};
use crate::error::AppError;
use crate::i18n::{self, contribution::texts};
use crate::process::get_process;
use crate::process::pages::{use_process_id, ProcessHeader, ProcessTab};
use crate::process::ProcessDetail;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

/// `/prozesse/:id/beitraege`.
///
/// All resources and actions are created here, outside any `Suspend`, so a refetch never
/// disposes the owner a running server call depends on.
#[component]
pub fn ContributionsPage() -> impl IntoView {
    let id = use_process_id();
    let submit = ServerAction::<SubmitContribution>::new();
    let workshop = ServerAction::<EnterWorkshopResults>::new();
    let tools = Tools::new();
    let (filter, page) = use_filter();
    let process = Resource::new(move || id.get(), get_process);
    let list = Resource::new(
        move || {
            (
                id.get(),
                filter.get(),
                page.get(),
                submit.version().get(),
                workshop.version().get(),
                tools.versions(),
            )
        },
        |(id, filter, page, ..)| {
            list_contributions(
                id,
                filter.kind.map(|k| k.as_str().to_owned()),
                filter.team,
                filter.tag,
                filter.cluster.map(|c| c.to_string()),
                Some(page),
            )
        },
    );
    view! {
        <Suspense fallback=move || view! { <p>{i18n::texts().loading}</p> }>
            {move || Suspend::new(async move {
                match process.await {
                    Ok(detail) => view! {
                        <Title text=format!("{} · {}", texts().page_title, detail.title)/>
                        <ProcessHeader id=detail.id title=detail.title.clone() step=detail.step
                            current=ProcessTab::Contributions roles=detail.roles/>
                        <Top detail submit/>
                    }
                    .into_any(),
                    Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                }
            })}
        </Suspense>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(overview) => view! {
                        <Lists overview process_id=id.get_untracked() filter=filter.get_untracked() tools/>
                    }
                    .into_any(),
                    // Missing rights or process: the page above already says so.
                    Err(AppError::NotFound | AppError::Forbidden | AppError::Unauthenticated) => ().into_any(),
                    Err(err) => view! { <p class="alert error" role="alert">{err.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                process
                    .await
                    .ok()
                    .filter(|d| d.can(ProcessAction::EnterWorkshopResults))
                    .map(|d| view! { <WorkshopForm process_id=d.id action=workshop/> })
            })}
        </Suspense>
    }
}

/// The intro and the submit form (or why submitting is closed).
#[component]
fn Top(detail: ProcessDetail, submit: ServerAction<SubmitContribution>) -> impl IntoView {
    let t = texts();
    let form = if detail.can(ProcessAction::SubmitContribution) {
        view! { <SubmitForm process_id=detail.id action=submit/> }.into_any()
    } else {
        view! { <p class="alert info">{t.submit_closed}</p> }.into_any()
    };
    view! {
        <p class="lead">{t.intro}</p>
        {form}
    }
}

/// The actions of the project group's tools, and which contribution the last one was about
/// (so its error shows beside that contribution).
#[derive(Clone, Copy)]
struct Tools {
    tag: ServerAction<TagContribution>,
    untag: ServerAction<UntagContribution>,
    assign: ServerAction<AssignCluster>,
    link: ServerAction<LinkSection>,
    unlink: ServerAction<UnlinkSection>,
    cluster: ServerAction<CreateCluster>,
    target: RwSignal<Option<i64>>,
}

impl Tools {
    fn new() -> Self {
        Self {
            tag: ServerAction::new(),
            untag: ServerAction::new(),
            assign: ServerAction::new(),
            link: ServerAction::new(),
            unlink: ServerAction::new(),
            cluster: ServerAction::new(),
            target: RwSignal::new(None),
        }
    }

    /// Called when a tool button of contribution `id` is pressed: forget older results.
    fn begin(self, id: i64) {
        self.target.set(Some(id));
        self.tag.value().set(None);
        self.untag.value().set(None);
        self.assign.value().set(None);
        self.link.value().set(None);
        self.unlink.value().set(None);
    }

    fn versions(self) -> [usize; 6] {
        [
            self.tag.version().get(),
            self.untag.version().get(),
            self.assign.version().get(),
            self.link.version().get(),
            self.unlink.version().get(),
            self.cluster.version().get(),
        ]
    }

    /// The latest error of any tool, if it was about contribution `id`.
    fn error_for(self, id: i64) -> Option<String> {
        if self.target.get() != Some(id) {
            return None;
        }
        let err = |e: Option<Result<(), crate::error::AppError>>| match e {
            Some(Err(err)) => Some(err.to_string()),
            _ => None,
        };
        err(self.tag.value().get())
            .or_else(|| err(self.untag.value().get()))
            .or_else(|| err(self.assign.value().get()))
            .or_else(|| err(self.link.value().get()))
            .or_else(|| err(self.unlink.value().get()))
    }
}

/// The list's filter and page from the query string (`?art=…&team=…&schlagwort=…&cluster=…&seite=…`).
fn use_filter() -> (Memo<ContributionFilter>, Memo<u64>) {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        let text = |key: &str| q.get(key).filter(|v| !v.trim().is_empty());
        ContributionFilter {
            kind: text("art").and_then(|k| Kind::parse(&k).ok()),
            team: text("team"),
            tag: text("schlagwort"),
            cluster: text("cluster").and_then(|c| c.parse().ok()),
        }
    });
    let page = Memo::new(move |_| {
        query
            .read()
            .get("seite")
            .and_then(|p| p.parse::<u64>().ok())
            .unwrap_or(1)
            .max(1)
    });
    (filter, page)
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

/// The list's address for a filter and page.
fn list_href(process_id: i64, filter: &ContributionFilter, page: u64) -> String {
    let mut parts = Vec::new();
    if let Some(kind) = filter.kind {
        parts.push(format!("art={}", kind.as_str()));
    }
    if let Some(team) = &filter.team {
        parts.push(format!("team={}", encode(team)));
    }
    if let Some(tag) = &filter.tag {
        parts.push(format!("schlagwort={}", encode(tag)));
    }
    if let Some(cluster) = filter.cluster {
        parts.push(format!("cluster={cluster}"));
    }
    if page > 1 {
        parts.push(format!("seite={page}"));
    }
    let base = format!("/prozesse/{process_id}/beitraege");
    if parts.is_empty() {
        format!("{base}#alle")
    } else {
        format!("{base}?{}#alle", parts.join("&"))
    }
}

#[component]
fn SubmitForm(process_id: i64, action: ServerAction<SubmitContribution>) -> impl IntoView {
    let t = texts();
    let pending = action.pending();
    let count = RwSignal::new(0usize);
    let form = NodeRef::<leptos::html::Form>::new();
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    // A text the browser restored (back button) is counted as soon as the page is live.
    Effect::new(move |_| {
        if let Some(area) = textarea.get() {
            count.set(area.value().chars().count());
        }
    });
    // After success the form is emptied for the next contribution; after an error all stays.
    crate::components::layout::reset_after_success(action, form);
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            count.set(0);
        }
    });
    let kinds = Kind::ALL
        .into_iter()
        .map(|kind| {
            let hint = match kind {
                Kind::Experience => t.kind_hint_experience,
                Kind::Expectation => t.kind_hint_expectation,
                Kind::Concern => t.kind_hint_concern,
            };
            view! {
                <label class="kind-option">
                    <input type="radio" name="kind" value=kind.as_str() required/>
                    <span><strong>{kind.label_de()}</strong> <span class="hint">{hint}</span></span>
                </label>
            }
        })
        .collect_view();
    let counter = move || {
        let n = count.get();
        let text = t
            .counter
            .replace("{count}", &number_u(n))
            .replace("{max}", &number_u(TEXT_MAX));
        if n > TEXT_MAX {
            format!("{text} {}", t.counter_too_long)
        } else {
            text
        }
    };
    view! {
        <section class="card contribution-form" aria-labelledby="submit-title">
            <h2 id="submit-title">{t.submit_title}</h2>
            <ActionForm action node_ref=form attr:class="stack">
                <FormResult value=action.value() success=t.submitted/>
                <input type="hidden" name="process_id" value=process_id.to_string()/>
                <fieldset class="kinds">
                    <legend>{t.field_kind}</legend>
                    {kinds}
                </fieldset>
                <label for="contribution-text">{t.field_text}</label>
                <textarea id="contribution-text" name="text" rows="7" required node_ref=textarea
                    aria-describedby="contribution-text-hint contribution-text-counter"
                    on:input=move |ev| count.set(event_target_value(&ev).chars().count())></textarea>
                <p id="contribution-text-hint" class="hint">{t.text_hint}</p>
                <p id="contribution-text-counter" class=move || { if count.get() > TEXT_MAX { "counter over" } else { "counter" } }>
                    {counter}
                </p>
                <label for="contribution-team">{t.field_team}</label>
                <input id="contribution-team" type="text" name="team" maxlength=TEAM_MAX
                    aria-describedby="contribution-team-hint"/>
                <p id="contribution-team-hint" class="hint">{t.team_hint}</p>
                <label class="check">
                    <input type="checkbox" name="anonymous" aria-describedby="contribution-anonymous-hint"/>
                    {t.field_anonymous}
                </label>
                <p id="contribution-anonymous-hint" class="hint anonymous-hint">{t.anonymous_hint}</p>
                <button type="submit" disabled=move || pending.get()>{t.submit}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Lists(
    overview: ContributionOverview,
    process_id: i64,
    filter: ContributionFilter,
    tools: Tools,
) -> impl IntoView {
    let t = texts();
    let manage = overview.can_manage.then(|| ManageData {
        clusters: overview.clusters.clone(),
        sections: overview.has_draft.then(|| overview.sections.clone()),
    });
    let mine = if overview.mine.is_empty() {
        view! { <p class="empty">{t.mine_empty}</p> }.into_any()
    } else {
        let items = overview
            .mine
            .into_iter()
            .map(|c| view! { <ContributionItem c process_id manage=None tools/> })
            .collect_view();
        view! { <ol class="contributions">{items}</ol> }.into_any()
    };
    let all = match overview.all {
        Some(page) => view! {
            <AllContributions page process_id filter clusters=overview.clusters.clone()
                manage=manage.clone() tools/>
        }
        .into_any(),
        None => view! {
            <section aria-labelledby="all-title">
                <h2 id="all-title">{t.all_title}</h2>
                <p class="alert info">{t.others_hidden}</p>
            </section>
        }
        .into_any(),
    };
    view! {
        <section aria-labelledby="mine-title">
            <h2 id="mine-title">{t.mine_title}</h2>
            {mine}
        </section>
        {all}
        {manage.map(|_| view! { <Clusters process_id clusters=overview.clusters tools/> })}
    }
}

/// What the project group's tools on each contribution need.
#[derive(Clone)]
struct ManageData {
    clusters: Vec<ClusterSummary>,
    /// `None` when there is no draft yet.
    sections: Option<Vec<SectionRef>>,
}

#[component]
fn AllContributions(
    page: ContributionPage,
    process_id: i64,
    filter: ContributionFilter,
    clusters: Vec<ClusterSummary>,
    manage: Option<ManageData>,
    tools: Tools,
) -> impl IntoView {
    let t = texts();
    let body = if page.total == 0 {
        view! { <p class="empty">{t.all_empty}</p> }.into_any()
    } else {
        // "1 von 1 Beitrag", "12 von 31 Beiträgen".
        let result = format!(
            "{} von {} {}",
            number_u(page.matching),
            number_u(page.total),
            if page.total == 1 {
                "Beitrag"
            } else {
                "Beiträgen"
            }
        );
        let list = if page.items.is_empty() {
            view! { <p class="empty">{t.filtered_empty}</p> }.into_any()
        } else {
            let items = page
                .items
                .clone()
                .into_iter()
                .map(|c| view! { <ContributionItem c process_id manage=manage.clone() tools/> })
                .collect_view();
            view! { <ol class="contributions">{items}</ol> }.into_any()
        };
        view! {
            <Counts process_id kinds=page.kinds.clone() tags=page.tags.clone()/>
            <FilterForm process_id filter=filter.clone() page=page.clone() clusters/>
            <p class="filter-result" role="status">{result}</p>
            {list}
            <ListPagination process_id filter page=page.page pages=page.pages/>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="all-title" id="alle">
            <h2 id="all-title">{t.all_title}</h2>
            {body}
        </section>
    }
}

#[component]
fn Counts(
    process_id: i64,
    kinds: Vec<super::KindCount>,
    tags: Vec<super::TagCount>,
) -> impl IntoView {
    let t = texts();
    let kind_items = kinds
        .into_iter()
        .map(|k| {
            let filter = ContributionFilter {
                kind: Some(k.kind),
                ..Default::default()
            };
            view! {
                <li>
                    <a href=list_href(process_id, &filter, 1) class=format!("kind-count kind-{}", k.kind.as_str())>
                        <span class="count">{number_u(k.count)}</span> " " {k.kind.count_word_de(k.count)}
                    </a>
                </li>
            }
        })
        .collect_view();
    let tag_part = if tags.is_empty() {
        view! { <p class="hint">{t.tags_none}</p> }.into_any()
    } else {
        let items = tags
            .into_iter()
            .map(|tag| {
                let filter = ContributionFilter {
                    tag: Some(tag.tag.clone()),
                    ..Default::default()
                };
                view! {
                    <li><a class="tag" href=list_href(process_id, &filter, 1)>{tag.tag} " (" {tag.count} ")"</a></li>
                }
            })
            .collect_view();
        view! { <ul class="tag-counts" aria-label=t.tag_counts_label>{items}</ul> }.into_any()
    };
    view! {
        <div class="counts" role="group" aria-labelledby="counts-title">
            <h3 id="counts-title">{t.counts_title}</h3>
            <ul class="kind-counts">{kind_items}</ul>
            <h4>{t.tag_counts_label}</h4>
            {tag_part}
        </div>
    }
}

#[component]
fn FilterForm(
    process_id: i64,
    filter: ContributionFilter,
    page: ContributionPage,
    clusters: Vec<ClusterSummary>,
) -> impl IntoView {
    let t = texts();
    let kind_options = page
        .kinds
        .iter()
        .map(|k| {
            view! {
                <option value=k.kind.as_str() selected=filter.kind == Some(k.kind)>
                    {k.kind.plural_de()} " (" {k.count} ")"
                </option>
            }
        })
        .collect_view();
    let team_options = page
        .teams
        .iter()
        .map(|team| {
            let selected = filter.team.as_deref() == Some(team.as_str());
            view! { <option value=team.clone() selected=selected>{team.clone()}</option> }
        })
        .collect_view();
    let tag_options = page
        .tags
        .iter()
        .map(|tag| {
            let selected = filter.tag.as_deref() == Some(tag.tag.as_str());
            view! { <option value=tag.tag.clone() selected=selected>{tag.tag.clone()} " (" {tag.count} ")"</option> }
        })
        .collect_view();
    let cluster_select = (!clusters.is_empty()).then(|| {
        let options = clusters
            .iter()
            .map(|c| {
                view! {
                    <option value=c.id.to_string() selected=filter.cluster == Some(c.id)>
                        {c.title.clone()} " (" {c.count} ")"
                    </option>
                }
            })
            .collect_view();
        view! {
            <div class="field">
                <label for="filter-cluster">{t.filter_cluster}</label>
                <select id="filter-cluster" name="cluster">
                    <option value="">{t.filter_all}</option>
                    {options}
                </select>
            </div>
        }
    });
    let action = format!("/prozesse/{process_id}/beitraege");
    let reset = list_href(process_id, &ContributionFilter::default(), 1);
    view! {
        <Form method="GET" action=action>
            <fieldset class="filters">
                <legend>{t.filter_title}</legend>
                <div class="field">
                    <label for="filter-kind">{t.filter_kind}</label>
                    <select id="filter-kind" name="art">
                        <option value="">{t.filter_all}</option>
                        {kind_options}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-team">{t.filter_team}</label>
                    <select id="filter-team" name="team">
                        <option value="">{t.filter_all}</option>
                        {team_options}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-tag">{t.filter_tag}</label>
                    <select id="filter-tag" name="schlagwort">
                        <option value="">{t.filter_all}</option>
                        {tag_options}
                    </select>
                </div>
                {cluster_select}
                <div class="filter-actions">
                    <button type="submit" class="secondary">{t.filter_submit}</button>
                    {filter.is_active().then(|| view! { <a href=reset>{t.filter_reset}</a> })}
                </div>
            </fieldset>
        </Form>
    }
}

#[component]
fn ListPagination(
    process_id: i64,
    filter: ContributionFilter,
    page: u64,
    pages: u64,
) -> impl IntoView {
    let t = i18n::texts();
    (pages > 1).then(|| {
        let label = t
            .page_of
            .replace("{page}", &page.to_string())
            .replace("{pages}", &pages.to_string());
        view! {
            <nav class="pagination" aria-label=t.pagination_label>
                {(page > 1).then(|| view! {
                    <a href=list_href(process_id, &filter, page - 1) rel="prev">{t.page_prev}</a>
                })}
                <span>{label}</span>
                {(page < pages).then(|| view! {
                    <a href=list_href(process_id, &filter, page + 1) rel="next">{t.page_next}</a>
                })}
            </nav>
        }
    })
}

#[component]
fn ContributionItem(
    c: ContributionView,
    process_id: i64,
    manage: Option<ManageData>,
    tools: Tools,
) -> impl IntoView {
    let t = texts();
    let id = c.id;
    let byline = match (&c.workshop_date, &c.author) {
        (Some(date), _) => format!(
            "{} {}, {}",
            t.workshop_result,
            c.team.clone().unwrap_or_default(),
            date
        ),
        (None, Some(author)) => format!("{} {}", t.by, author),
        (None, None) => t.anonymous.to_owned(),
    };
    let mine = c.mine.then(|| {
        let label = if c.anonymous {
            t.yours_anonymous
        } else {
            t.yours
        };
        view! { <span class="badge mine">{label}</span> }
    });
    let team = c
        .team
        .clone()
        .filter(|_| c.workshop_date.is_none())
        .map(|team| view! { <span class="team">{t.team_label} " " {team}</span> });
    let tags = (!c.tags.is_empty()).then(|| {
        let items = c
            .tags
            .iter()
            .map(|tag| view! { <li class="tag">{tag.clone()}</li> })
            .collect_view();
        view! {
            <div class="meta-row">
                <span class="meta-label">{t.tags_label}</span>
                <ul class="tags">{items}</ul>
            </div>
        }
    });
    let cluster = c.cluster.clone().map(|cl| {
        view! {
            <div class="meta-row">
                <span class="meta-label">{t.cluster_label}</span> " " {cl.title}
            </div>
        }
    });
    let sections = c
        .sections
        .iter()
        .map(|s| {
            let template = if c.mine { t.taken_up_mine } else { t.taken_up };
            view! { <p class="taken-up">{template.replace("{title}", &s.title)}</p> }
        })
        .collect_view();
    let kind = c.kind;
    let tools_view =
        manage.map(|data| view! { <ItemTools c=c.clone() process_id data tools/> }.into_any());
    view! {
        <li class=format!("contribution kind-{}", kind.as_str())>
            <article>
                <header class="contribution-head">
                    <span class=format!("kind-badge kind-{}", kind.as_str())>{kind.label_de()}</span>
                    <span class="byline">{byline}</span>
                    {team}
                    {mine}
                </header>
                <p class="contribution-text">{c.text.clone()}</p>
                <p class="when">{t.submitted_at} " " {c.created_at.clone()}</p>
                {tags}
                {cluster}
                {sections}
                {move || tools.error_for(id).map(|e| view! { <p class="alert error" role="alert">{e}</p> })}
                {tools_view}
            </article>
        </li>
    }
}

#[component]
fn ItemTools(
    c: ContributionView,
    process_id: i64,
    data: ManageData,
    tools: Tools,
) -> impl IntoView {
    let t = texts();
    let id = c.id;
    let begin = move |_| tools.begin(id);
    let remove_tags = c
        .tags
        .clone()
        .into_iter()
        .map(|tag| {
            view! {
                <li>
                    <ActionForm action=tools.untag attr:class="inline">
                        <input type="hidden" name="process_id" value=process_id.to_string()/>
                        <input type="hidden" name="contribution_id" value=id.to_string()/>
                        <input type="hidden" name="tag" value=tag.clone()/>
                        <button type="submit" class="chip" on:click=begin>
                            {tag} " " <span aria-hidden="true">"×"</span>
                            <span class="visually-hidden">" " {t.remove_tag}</span>
                        </button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    let current_cluster = c.cluster.as_ref().map(|cl| cl.id);
    let cluster_options = data
        .clusters
        .iter()
        .map(|cl| {
            view! {
                <option value=cl.id.to_string() selected=current_cluster == Some(cl.id)>{cl.title.clone()}</option>
            }
        })
        .collect_view();
    let cluster_form = (!data.clusters.is_empty()).then(|| {
        view! {
            <ActionForm action=tools.assign attr:class="tool-row">
                <input type="hidden" name="process_id" value=process_id.to_string()/>
                <input type="hidden" name="contribution_id" value=id.to_string()/>
                <label for=format!("cluster-{id}")>{t.field_cluster}</label>
                <select id=format!("cluster-{id}") name="cluster_id">
                    <option value="" selected=current_cluster.is_none()>{t.no_cluster}</option>
                    {cluster_options}
                </select>
                <button type="submit" class="secondary" on:click=begin>{t.assign_cluster}</button>
            </ActionForm>
        }
    });
    let section_part = match data.sections {
        None => view! { <p class="hint">{t.no_draft}</p> }.into_any(),
        Some(sections) => {
            let linked: Vec<String> = c.sections.iter().map(|s| s.anchor.clone()).collect();
            let options = sections
                .into_iter()
                .filter(|s| !linked.contains(&s.anchor))
                .map(|s| view! { <option value=s.anchor>{s.title}</option> })
                .collect_view();
            let unlinks = c
                .sections
                .clone()
                .into_iter()
                .map(|s| {
                    view! {
                        <ActionForm action=tools.unlink attr:class="inline">
                            <input type="hidden" name="process_id" value=process_id.to_string()/>
                            <input type="hidden" name="contribution_id" value=id.to_string()/>
                            <input type="hidden" name="anchor" value=s.anchor/>
                            <button type="submit" class="secondary" on:click=begin>
                                {t.unlink_section} " „" {s.title} "“"
                            </button>
                        </ActionForm>
                    }
                })
                .collect_view();
            view! {
                <ActionForm action=tools.link attr:class="tool-row">
                    <input type="hidden" name="process_id" value=process_id.to_string()/>
                    <input type="hidden" name="contribution_id" value=id.to_string()/>
                    <label for=format!("section-{id}")>{t.field_section}</label>
                    <select id=format!("section-{id}") name="anchor" required>{options}</select>
                    <button type="submit" class="secondary" on:click=begin>{t.link_section}</button>
                </ActionForm>
                {unlinks}
            }
            .into_any()
        }
    };
    view! {
        <details class="tools">
            <summary>{t.tools_summary}</summary>
            <div class="stack">
                {(!c.tags.is_empty()).then(|| view! { <ul class="chips">{remove_tags}</ul> })}
                <ActionForm action=tools.tag attr:class="tool-row">
                    <input type="hidden" name="process_id" value=process_id.to_string()/>
                    <input type="hidden" name="contribution_id" value=id.to_string()/>
                    <label for=format!("tags-{id}")>{t.field_tags}</label>
                    <input id=format!("tags-{id}") type="text" name="tags" required
                        aria-describedby=format!("tags-{id}-hint")/>
                    <span id=format!("tags-{id}-hint") class="hint">{t.tags_hint}</span>
                    <button type="submit" class="secondary" on:click=begin>{t.add_tags}</button>
                </ActionForm>
                {cluster_form}
                {section_part}
            </div>
        </details>
    }
}

#[component]
fn Clusters(process_id: i64, clusters: Vec<ClusterSummary>, tools: Tools) -> impl IntoView {
    let t = texts();
    let form = NodeRef::<leptos::html::Form>::new();
    let action = tools.cluster;
    crate::components::layout::reset_after_success(action, form);
    let list = if clusters.is_empty() {
        view! { <p class="empty">{t.clusters_empty}</p> }.into_any()
    } else {
        let items = clusters
            .into_iter()
            .map(|c| {
                let filter = ContributionFilter {
                    cluster: Some(c.id),
                    ..Default::default()
                };
                let count = count_u(c.count, "Beitrag", "Beiträge");
                view! { <li><a href=list_href(process_id, &filter, 1)>{c.title}</a> " · " {count}</li> }
            })
            .collect_view();
        view! { <ul class="clusters">{items}</ul> }.into_any()
    };
    view! {
        <section class="card" id="gruppe" aria-labelledby="clusters-title">
            <h2 id="clusters-title">{t.clusters_title}</h2>
            <p>{t.clusters_intro}</p>
            {list}
            <ActionForm action node_ref=form attr:class="stack">
                <FormResult value=action.value() success=t.cluster_created/>
                <input type="hidden" name="process_id" value=process_id.to_string()/>
                <label for="cluster-title">{t.field_cluster_title}</label>
                <input id="cluster-title" type="text" name="title" required maxlength=CLUSTER_TITLE_MAX/>
                <button type="submit" class="secondary">{t.create_cluster}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn WorkshopForm(process_id: i64, action: ServerAction<EnterWorkshopResults>) -> impl IntoView {
    let t = texts();
    let pending = action.pending();
    let form = NodeRef::<leptos::html::Form>::new();
    crate::components::layout::reset_after_success(action, form);
    let fields = [
        (Kind::Experience, "experiences"),
        (Kind::Expectation, "expectations"),
        (Kind::Concern, "concerns"),
    ]
    .into_iter()
    .map(|(kind, name)| {
        let id = format!("workshop-{name}");
        view! {
            <label for=id.clone()>{kind.plural_de()}</label>
            <textarea id=id name=name rows="5" aria-describedby="workshop-blocks-hint"></textarea>
        }
    })
    .collect_view();
    let saved = move || match action.value().get() {
        Some(Ok(n)) => Some(view! {
            <p class="alert success" role="status">{t.workshop_saved} " (" {n} ")"</p>
        }),
        _ => None,
    };
    view! {
        <section class="card workshop-form" aria-labelledby="workshop-title">
            <h2 id="workshop-title">{t.workshop_title}</h2>
            <p>{t.workshop_intro}</p>
            <ActionForm action node_ref=form attr:class="stack">
                <Show when=move || matches!(action.value().get(), Some(Err(_)))>
                    <FormResult value=action.value()/>
                </Show>
                {saved}
                <input type="hidden" name="process_id" value=process_id.to_string()/>
                <label for="workshop-date">{t.field_workshop_date}</label>
                <input id="workshop-date" type="text" autocomplete="off" placeholder="TT.MM.JJJJ" name="date" required/>
                <label for="workshop-team">{t.field_workshop_team}</label>
                <input id="workshop-team" type="text" name="team" required maxlength=TEAM_MAX/>
                <p id="workshop-blocks-hint" class="hint">{t.workshop_blocks_hint}</p>
                {fields}
                <button type="submit" disabled=move || pending.get()>{t.workshop_submit}</button>
            </ActionForm>
        </section>
    }
}
