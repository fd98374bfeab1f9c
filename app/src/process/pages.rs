//! The process overview page and the pieces every process sub-page shares.

use super::{
    get_process, AppointMember, ChangeStep, ProcessDetail, RemoveMember, RemovePerspective,
    SetContributionsVisible, DESCRIPTION_MAX, TITLE_MAX,
};
use crate::components::layout::{ErrorPage, FormMessage, FormResult};
use crate::domain::access::ProcessAction;
use crate::domain::group::Perspective;
use crate::domain::process::Step;
use crate::i18n::{self, process::texts};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The process id from the route (`/prozesse/:id/…`); 0 when it is not a number.
pub fn use_process_id() -> Memo<i64> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse().ok())
            .unwrap_or(0)
    })
}

/// Which sub-page is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProcessTab {
    /// The overview.
    Overview,
    /// Contributions of step 1.
    Contributions,
    /// The working draft.
    Draft,
    /// Published versions and diffs.
    Versions,
    /// Discourse rounds.
    Rounds,
    /// Formal adoption and the adopted guideline.
    Adoption,
    /// The dialogue space on the adopted guideline.
    Dialogue,
    /// Review cycles.
    Review,
}

/// The heading and sub-navigation on top of every process page. The working-draft tab is shown
/// only to the project group (given `roles`), since nobody else may open the working draft.
#[component]
pub fn ProcessHeader(
    id: i64,
    title: String,
    step: Step,
    current: ProcessTab,
    #[prop(optional)] roles: Option<crate::domain::access::ProcessRoles>,
) -> impl IntoView {
    let t = texts();
    let show_draft = roles.is_none_or(|r| r.group_member);
    let tab = move |tab: ProcessTab, href: String, label: &'static str| {
        let current = (tab == current).then_some("page");
        view! { <li><a href=href aria-current=current>{label}</a></li> }
    };
    view! {
        <header class="process-header">
            <p class="eyebrow">{t.step_word} " " {step.number()} " · " {step.label_de()}</p>
            <h1>{title}</h1>
            <StepIndicator step/>
            <nav class="tabs" aria-label=t.nav_label>
                <ul>
                    {tab(ProcessTab::Overview, format!("/prozesse/{id}"), t.tab_overview)}
                    {tab(ProcessTab::Contributions, format!("/prozesse/{id}/beitraege"), t.tab_contributions)}
                    {show_draft.then(|| tab(ProcessTab::Draft, format!("/prozesse/{id}/entwurf"), t.tab_draft))}
                    {tab(ProcessTab::Versions, format!("/prozesse/{id}/versionen"), t.tab_versions)}
                    {tab(ProcessTab::Rounds, format!("/prozesse/{id}/runden"), crate::i18n::round::texts().rounds_title)}
                    {tab(ProcessTab::Adoption, format!("/prozesse/{id}/verabschiedung"), crate::i18n::adoption::texts().title)}
                    {tab(ProcessTab::Dialogue, format!("/prozesse/{id}/erfahrungen"), crate::i18n::review::texts().dialogue_title)}
                    {tab(ProcessTab::Review, format!("/prozesse/{id}/ueberpruefung"), crate::i18n::review::texts().review_title)}
                </ul>
            </nav>
        </header>
    }
}

/// The five steps, the current one marked (for screen readers too).
#[component]
pub fn StepIndicator(step: Step) -> impl IntoView {
    let t = texts();
    let items = Step::ALL
        .into_iter()
        .map(|s| {
            let state = if s == step {
                "current"
            } else if s < step {
                "done"
            } else {
                "todo"
            };
            let current = (s == step).then_some("step");
            view! {
                <li class=format!("step step-{state}") aria-current=current>
                    <span class="step-number">{s.number()}</span>
                    <span class="step-label">{s.label_de()}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="steps" aria-label=t.steps_label>{items}</ol> }
}

/// `/prozesse/:id`: overview, step change, timeline, project group and settings.
#[component]
pub fn ProcessPage() -> impl IntoView {
    let id = use_process_id();
    let change_step = ServerAction::<ChangeStep>::new();
    let appoint = ServerAction::<AppointMember>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let drop_perspective = ServerAction::<RemovePerspective>::new();
    let settings = ServerAction::<SetContributionsVisible>::new();
    let process = Resource::new(
        move || {
            (
                id.get(),
                change_step.version().get(),
                appoint.version().get(),
                remove.version().get(),
                drop_perspective.version().get(),
                settings.version().get(),
            )
        },
        |(id, ..)| get_process(id),
    );
    view! {
        <Suspense fallback=move || view! { <p>{i18n::texts().loading}</p> }>
            {move || Suspend::new(async move {
                match process.await {
                    Ok(detail) => view! { <ProcessOverview detail change_step appoint remove drop_perspective settings/> }.into_any(),
                    Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProcessOverview(
    detail: ProcessDetail,
    change_step: ServerAction<ChangeStep>,
    appoint: ServerAction<AppointMember>,
    remove: ServerAction<RemoveMember>,
    drop_perspective: ServerAction<RemovePerspective>,
    settings: ServerAction<SetContributionsVisible>,
) -> impl IntoView {
    let t = texts();
    let can_advance = detail.can(ProcessAction::AdvanceStep);
    let can_appoint = detail.can(ProcessAction::AppointGroup);
    let can_settings = detail.can(ProcessAction::ChangeSettings);
    view! {
        <Title text=detail.title.clone()/>
        <ProcessHeader id=detail.id title=detail.title.clone() step=detail.step current=ProcessTab::Overview roles=detail.roles/>
        {(!detail.description.is_empty()).then(|| view! { <p class="lead">{detail.description.clone()}</p> })}
        {detail.roles.group_member.then(|| view! { <p class="badge">{t.your_role_group}</p> })}
        {can_advance.then(|| view! { <StepChange detail=detail.clone() action=change_step/> })}
        <Timeline detail=detail.clone()/>
        <Group detail=detail.clone() can_appoint appoint remove drop_perspective/>
        {can_settings.then(|| view! { <Settings detail=detail.clone() action=settings/> })}
    }
}

#[component]
fn StepChange(detail: ProcessDetail, action: ServerAction<ChangeStep>) -> impl IntoView {
    let t = texts();
    let id = detail.id.to_string();
    let next = detail.step.next();
    // From step 5 a new revision starts on the review page (with its trigger), not here.
    let earlier: Vec<Step> = Step::ALL
        .into_iter()
        .filter(|s| *s < detail.step && detail.step != Step::Review)
        .collect();
    let pending = action.pending();
    view! {
        <section class="card" aria-labelledby="step-change-title">
            <h2 id="step-change-title">{t.step_change_title}</h2>
            <FormResult value=action.value()/>
            {next.filter(|next| *next == Step::Adoption).map(|_| view! {
                <p>
                    <a href=format!("/prozesse/{}/verabschiedung", detail.id)>{t.to_adoption}</a>
                </p>
            })}
            {(next == Some(Step::Review)).then(|| view! {
                <p>{crate::i18n::review::texts().step5_auto}</p>
            })}
            {(detail.step == Step::Review).then(|| view! {
                <p>
                    <a href=format!("/prozesse/{}/ueberpruefung", detail.id)>{crate::i18n::review::texts().to_review}</a>
                </p>
            })}
            {next.filter(|next| !matches!(next, Step::Adoption | Step::Review)).map(|next| {
                let id = id.clone();
                view! {
                    <details class="confirm-forward">
                        <summary>{t.advance} " " {next.number()} ". " {next.label_de()}</summary>
                        <p>{t.advance_confirm}</p>
                        <ActionForm action=action>
                            <input type="hidden" name="process_id" value=id/>
                            <input type="hidden" name="to" value=next.as_str()/>
                            <input type="hidden" name="reason" value=""/>
                            <button type="submit" disabled=move || pending.get()>
                                {t.advance_submit} ": " {next.label_de()}
                            </button>
                        </ActionForm>
                    </details>
                }
            })}
            {(!earlier.is_empty()).then(|| {
                let options = earlier
                    .iter()
                    .map(|s| view! { <option value=s.as_str()>{s.number()} ". " {s.label_de()}</option> })
                    .collect_view();
                view! {
                    <details>
                        <summary>{t.back_title}</summary>
                        <ActionForm action=action attr:class="stack">
                            <input type="hidden" name="process_id" value=id.clone()/>
                            <label for="back-to">{t.back_to}</label>
                            <select id="back-to" name="to">{options}</select>
                            <label for="back-reason">{t.back_reason}</label>
                            <textarea id="back-reason" name="reason" rows="3" maxlength="1000" required
                                aria-describedby="back-reason-hint"></textarea>
                            <p id="back-reason-hint" class="hint">{t.back_reason_hint}</p>
                            <button type="submit" class="secondary" disabled=move || pending.get()>{t.back_submit}</button>
                        </ActionForm>
                    </details>
                }
            })}
        </section>
    }
}

#[component]
fn Timeline(detail: ProcessDetail) -> impl IntoView {
    let t = texts();
    let entries = detail
        .timeline
        .into_iter()
        .rev()
        .map(|e| {
            let what = match e.from {
                None => format!("{} ({} {}: {})", t.timeline_created, t.step_word, e.to.number(), e.to.label_de()),
                Some(from) => format!("{} → {}", from.label_de(), e.to.label_de()),
            };
            view! {
                <li>
                    <span class="when">{e.at}</span> " · " <strong>{what}</strong> " " {t.timeline_by} " " {e.by}
                    {e.reason.map(|r| view! { <p class="reason">{t.timeline_reason} " " {r}</p> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t.timeline_title}</h2>
            <ol class="timeline">{entries}</ol>
        </section>
    }
}

#[component]
fn Group(
    detail: ProcessDetail,
    can_appoint: bool,
    appoint: ServerAction<AppointMember>,
    remove: ServerAction<RemoveMember>,
    drop_perspective: ServerAction<RemovePerspective>,
) -> impl IntoView {
    let t = texts();
    let process_id = detail.id.to_string();
    let members = if detail.group.is_empty() {
        view! { <p class="empty">{t.group_empty}</p> }.into_any()
    } else {
        let rows = detail
            .group
            .iter()
            .map(|m| {
                let pid = process_id.clone();
                let uid = m.user_id.to_string();
                let name = m.display_name.clone();
                let several = m.perspectives.len() > 1;
                let perspectives = m
                    .perspectives
                    .iter()
                    .map(|p| {
                        let p = *p;
                        let (pid, uid, name) = (pid.clone(), uid.clone(), name.clone());
                        let label = p.label_de();
                        view! {
                            <li>
                                {label}
                                {(can_appoint && several).then(|| view! {
                                    <ActionForm action=drop_perspective attr:class="inline-form">
                                        <input type="hidden" name="process_id" value=pid/>
                                        <input type="hidden" name="user_id" value=uid/>
                                        <input type="hidden" name="perspective" value=p.as_str()/>
                                        <button type="submit" class="link"
                                            aria-label=format!("{} {label} ({name})", t.remove_perspective)>
                                            {t.remove_perspective_short}
                                        </button>
                                    </ActionForm>
                                })}
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <tr>
                        <td>{m.display_name.clone()}</td>
                        <td><ul class="perspectives">{perspectives}</ul></td>
                        {can_appoint.then(|| view! {
                            <td>
                                <details class="confirm">
                                    <summary>{t.remove} <span class="visually-hidden">{name.clone()}</span></summary>
                                    <p>{t.remove_confirm} " " <strong>{name.clone()}</strong></p>
                                    <ActionForm action=remove>
                                        <input type="hidden" name="process_id" value=pid.clone()/>
                                        <input type="hidden" name="user_id" value=uid.clone()/>
                                        <button type="submit" class="danger">{t.remove_member} " " {name.clone()}</button>
                                    </ActionForm>
                                </details>
                            </td>
                        })}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="group">
                <thead>
                    <tr>
                        <th scope="col">{i18n::texts().col_name}</th>
                        <th scope="col">{t.col_perspective}</th>
                        {can_appoint.then(|| view! { <th scope="col">{i18n::texts().col_actions}</th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    let warnings = if detail.warnings.is_empty() {
        (!detail.group.is_empty())
            .then(|| view! { <p class="alert success">{t.group_ok}</p> }.into_any())
    } else {
        let items = detail
            .warnings
            .iter()
            .map(|w| view! { <li>{w.clone()}</li> })
            .collect_view();
        Some(
            view! {
                <div class="alert warning" role="note">
                    <h3>{t.warnings_title}</h3>
                    <ul>{items}</ul>
                </div>
            }
            .into_any(),
        )
    };
    let conflicts = (!detail.conflicts.is_empty()).then(|| {
        let items = detail
            .conflicts
            .iter()
            .map(|c| view! { <li>{c.clone()}</li> })
            .collect_view();
        view! {
            <div class="alert info" role="note">
                <h3>{t.conflicts_title}</h3>
                <ul>{items}</ul>
            </div>
        }
    });
    let options = Perspective::ALL
        .into_iter()
        .map(|p| view! { <option value=p.as_str()>{p.label_de()}</option> })
        .collect_view();
    let form_ref = NodeRef::<leptos::html::Form>::new();
    crate::components::layout::reset_after_success(appoint, form_ref);
    view! {
        <section aria-labelledby="group-title">
            <h2 id="group-title">{t.group_title}</h2>
            <p>{t.group_intro}</p>
            {members}
            {warnings}
            {conflicts}
            <FormResult value=remove.value()/>
            <FormResult value=drop_perspective.value()/>
            {can_appoint.then(|| view! {
                <div class="card">
                    <h3>{t.appoint_title}</h3>
                    <p class="hint">{t.appoint_hint}</p>
                    <ActionForm action=appoint node_ref=form_ref attr:class="stack">
                        <FormMessage value=appoint.value()/>
                        <input type="hidden" name="process_id" value=process_id.clone()/>
                        <label for="appoint-email">{t.appoint_email}</label>
                        <input id="appoint-email" type="email" name="email" required/>
                        <label for="appoint-perspective">{t.appoint_perspective}</label>
                        <select id="appoint-perspective" name="perspective" required>
                            <option value="">{t.choose}</option>
                            {options}
                        </select>
                        <button type="submit">{t.appoint_submit}</button>
                    </ActionForm>
                </div>
            })}
        </section>
    }
}

#[component]
fn Settings(detail: ProcessDetail, action: ServerAction<SetContributionsVisible>) -> impl IntoView {
    let t = texts();
    view! {
        <section class="card" aria-labelledby="settings-title">
            <h2 id="settings-title">{t.settings_title}</h2>
            <ActionForm action=action attr:class="stack">
                <FormResult value=action.value() success=t.saved/>
                <input type="hidden" name="process_id" value=detail.id.to_string()/>
                <label class="check">
                    <input type="checkbox" name="visible" checked=detail.contributions_visible/>
                    {t.setting_visible}
                </label>
                <button type="submit" class="secondary">{t.settings_submit}</button>
            </ActionForm>
        </section>
    }
}

/// The dashboard's list of processes, with the create form for coordinators. The page creates
/// the action and the resource (outside any `Suspend`, so the render owns them) and passes them.
#[component]
pub fn ProcessList(
    is_coordinator: bool,
    create: ServerAction<super::CreateProcess>,
    processes: Resource<Result<Vec<super::ProcessSummary>, crate::error::AppError>>,
) -> impl IntoView {
    let t = texts();
    view! {
        <section aria-labelledby="processes-title">
            <h2 id="processes-title">{t.list_title}</h2>
            <Suspense fallback=move || view! { <p>{i18n::texts().loading}</p> }>
                {move || Suspend::new(async move {
                    match processes.await {
                        Ok(list) if list.is_empty() => view! {
                            <p class="empty">{if is_coordinator { t.list_empty_coordinator } else { t.list_empty }}</p>
                        }
                        .into_any(),
                        Ok(list) => {
                            let items = list
                                .into_iter()
                                .map(|p| view! {
                                    <li class="process-card">
                                        <a href=format!("/prozesse/{}", p.id)>{p.title}</a>
                                        <span class="badge">{t.step_word} " " {p.step.number()} ": " {p.step.label_de()}</span>
                                        {(p.revision > 1).then(|| view! { <span class="hint">{t.revision} " " {p.revision}</span> })}
                                    </li>
                                })
                                .collect_view();
                            view! { <ul class="process-list">{items}</ul> }.into_any()
                        }
                        Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                    }
                })}
            </Suspense>
            {is_coordinator.then(|| view! {
                <div class="card">
                    <h3>{t.create_title}</h3>
                    <ActionForm action=create attr:class="stack">
                        <FormResult value=create.value()/>
                        <label for="process-title">{t.field_title}</label>
                        <input id="process-title" type="text" name="title" required maxlength=TITLE_MAX
                            aria-describedby="process-title-hint"/>
                        <p id="process-title-hint" class="hint">{t.field_title_hint}</p>
                        <label for="process-description">{t.field_description}</label>
                        <textarea id="process-description" name="description" rows="3" maxlength=DESCRIPTION_MAX></textarea>
                        <button type="submit">{t.create_submit}</button>
                    </ActionForm>
                </div>
            })}
        </section>
    }
}
