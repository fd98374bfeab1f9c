//! The adoption page (bodies, proposal, decisions, return, summary) and the publication page
//! of the adopted guideline with its read acknowledgement.

use super::{
    get_adoption, get_guideline, AcknowledgeGuideline, AcknowledgementRate, AddBody, AddBodyMember,
    AdoptionView, BodyView, DecisionView, GuidelineView, ProposalView, ProposeAdoption,
    RecordDecision, RemoveBodyMember, ReturnVersion, SaveSummary, WithdrawProposal, SUMMARY_MAX,
};
use crate::components::layout::{ErrorPage, FormResult};
use crate::domain::adoption::{BODY_NAME_MAX, DECISION_TEXT_MAX, MINUTES_REF_MAX};
use crate::domain::process::Step;
use crate::i18n::{self, adoption::texts};
use crate::process::pages::{use_process_id, ProcessHeader, ProcessTab};
use leptos::prelude::*;
use leptos_meta::Title;

/// The loading text shown while data arrives.
fn loading() -> impl IntoView {
    view! { <p>{i18n::texts().loading}</p> }
}

/// The server actions of the adoption page, created once at the top of the page.
#[derive(Clone, Copy)]
struct Actions {
    add_body: ServerAction<AddBody>,
    add_member: ServerAction<AddBodyMember>,
    remove_member: ServerAction<RemoveBodyMember>,
    propose: ServerAction<ProposeAdoption>,
    record: ServerAction<RecordDecision>,
    give_back: ServerAction<ReturnVersion>,
    withdraw: ServerAction<WithdrawProposal>,
    summary: ServerAction<SaveSummary>,
    codetermination: crate::codetermination::pages::CodeterminationActions,
}

/// `/prozesse/:id/verabschiedung`: bodies, the frozen proposal, decisions and their history.
#[component]
pub fn AdoptionPage() -> impl IntoView {
    let id = use_process_id();
    let actions = Actions {
        add_body: ServerAction::new(),
        add_member: ServerAction::new(),
        remove_member: ServerAction::new(),
        propose: ServerAction::new(),
        record: ServerAction::new(),
        give_back: ServerAction::new(),
        withdraw: ServerAction::new(),
        summary: ServerAction::new(),
        codetermination: crate::codetermination::pages::CodeterminationActions::new(),
    };
    let data = Resource::new(
        move || {
            (
                id.get(),
                actions.add_body.version().get(),
                actions.add_member.version().get(),
                actions.remove_member.version().get(),
                actions.propose.version().get(),
                actions.record.version().get(),
                actions.give_back.version().get(),
                actions.withdraw.version().get(),
                actions.summary.version().get(),
                actions.codetermination.version(),
            )
        },
        |(id, ..)| get_adoption(id),
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <AdoptionContent view actions/> }.into_any(),
                    Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AdoptionContent(view: AdoptionView, actions: Actions) -> impl IntoView {
    let t = texts();
    let process = view.process.clone();
    let id = process.id;
    let in_adoption = process.step == Step::Adoption;
    let open_proposal = view
        .proposal
        .as_ref()
        .filter(|p| !p.returned && !p.adopted && in_adoption)
        .map(|p| p.frozen_hash.clone());
    let proposal = match view.proposal.clone() {
        Some(p) => view! { <ProposalCard process_id=id proposal=p/> }.into_any(),
        None => view! { <p>{t.no_proposal}</p> }.into_any(),
    };
    let propose = (process.roles.group_member && process.step == Step::Discourse).then(
        || view! { <ProposeForm process_id=id latest=view.latest_version action=actions.propose/> },
    );
    let give_back = match (
        &view.suggested_return_reason,
        process.roles.group_member && in_adoption,
    ) {
        (Some(reason), true) => view! {
            <ReturnForm process_id=id reason=reason.clone() action=actions.give_back/>
        }
        .into_any(),
        _ => ().into_any(),
    };
    let withdraw = (process.roles.group_member && open_proposal.is_some())
        .then(|| view! { <WithdrawForm process_id=id action=actions.withdraw/> });
    // The summary may be refined while the adopted guideline is in force (step 5).
    let summary = (process.roles.group_member && (in_adoption || process.step == Step::Review))
        .then(|| view.proposal.as_ref().map(|p| p.summary.clone()))
        .flatten()
        .map(|text| view! { <SummaryForm process_id=id text action=actions.summary/> });
    let has_bodies = !view.bodies.is_empty();
    let bodies = if view.bodies.is_empty() {
        view! { <p>{t.no_bodies}</p> }.into_any()
    } else {
        view.bodies
            .into_iter()
            .map(|body| {
                let procedure = view
                    .codetermination
                    .bodies
                    .iter()
                    .find(|p| p.body_id == body.id)
                    .cloned();
                view! {
                    <BodyCard process_id=id body coordinator=process.roles.coordinator
                        frozen_hash=open_proposal.clone() actions procedure
                        open=view.codetermination.open/>
                }
            })
            .collect_view()
            .into_any()
    };
    let configure = process
        .roles
        .coordinator
        .then(|| view! { <AddBodyForm process_id=id action=actions.add_body/> });
    let acks = view.acknowledgements.map(|rate| view! { <AckRate rate/> });
    let codetermination = has_bodies.then(|| {
        view! {
            <crate::codetermination::pages::CodeterminationSection process_id=id
                view=view.codetermination.clone() actions=actions.codetermination/>
        }
    });
    view! {
        <Title text=format!("{} – {}", t.title, process.title)/>
        <ProcessHeader id title=process.title.clone() step=process.step current=ProcessTab::Adoption roles=process.roles/>
        <h2>{t.title}</h2>
        <p>{t.intro}</p>
        <section class="card" aria-labelledby="proposal-title">
            <h2 id="proposal-title">{t.proposal_title}</h2>
            {proposal}
        </section>
        {propose}
        {give_back}
        {withdraw}
        {summary}
        {acks}
        <section aria-labelledby="bodies-title">
            <h2 id="bodies-title">{t.bodies_title}</h2>
            <div class="bodies">{bodies}</div>
        </section>
        {codetermination}
        {configure}
    }
}

#[component]
fn ProposalCard(process_id: i64, proposal: ProposalView) -> impl IntoView {
    let t = texts();
    let rejections = (!proposal.rejections.is_empty()).then(|| {
        let items = proposal
            .rejections
            .iter()
            .map(|r| view! { <li>{r.clone()}</li> })
            .collect_view();
        view! { <h3>{t.rejections_title}</h3><ul class="rejections">{items}</ul> }
    });
    let adopted = proposal.adopted_at.clone().map(|at| {
        view! {
            <div><dt>{t.adopted_label}</dt><dd>{at}</dd></div>
            <div><dt>{t.next_review_label}</dt><dd>{proposal.next_review.clone().unwrap_or_default()}</dd></div>
        }
    });
    let link = proposal.adopted.then(|| {
        view! { <p><a href=format!("/prozesse/{process_id}/leitlinie")>{t.guideline_link}</a></p> }
    });
    view! {
        <dl class="adoption-facts">
            <div><dt>{t.version_word}</dt><dd>{proposal.version_number}</dd></div>
            <div><dt>{t.status_label}</dt><dd class="adoption-status">{proposal.status.clone()}</dd></div>
            <div><dt>{t.hash_label}</dt><dd><code class="hash">{proposal.frozen_hash.clone()}</code></dd></div>
            <div><dt>{t.proposed_label}</dt><dd>{proposal.proposed_by.clone()} ", " {proposal.proposed_at.clone()}</dd></div>
            {adopted}
        </dl>
        {rejections}
        {link}
        <crate::document::pages::DownloadLinks links=vec![(crate::i18n::document::texts().record_pdf, format!("/prozesse/{process_id}/verabschiedung.pdf"))]/>
    }
}

#[component]
fn ProposeForm(
    process_id: i64,
    latest: Option<i32>,
    action: ServerAction<ProposeAdoption>,
) -> impl IntoView {
    let t = texts();
    let body = match latest {
        Some(number) => view! {
            <p>{t.propose_intro}</p>
            <ActionForm action>
                <FormResult value=action.value()/>
                <input type="hidden" name="process_id" value=process_id.to_string()/>
                <button type="submit">{t.propose_submit} " (" {t.version_word} " " {number} ")"</button>
            </ActionForm>
        }
        .into_any(),
        None => view! { <p class="hint">{t.propose_needs_version}</p> }.into_any(),
    };
    view! {
        <section class="card" aria-labelledby="propose-title">
            <h2 id="propose-title">{t.propose_title}</h2>
            {body}
        </section>
    }
}

#[component]
fn ReturnForm(
    process_id: i64,
    reason: String,
    action: ServerAction<ReturnVersion>,
) -> impl IntoView {
    let t = texts();
    view! {
        <section class="card" aria-labelledby="return-title">
            <h2 id="return-title">{t.return_title}</h2>
            <ActionForm action attr:class="stack">
                <FormResult value=action.value()/>
                <input type="hidden" name="process_id" value=process_id.to_string()/>
                <fieldset>
                    <legend>{t.return_to}</legend>
                    <label class="check"><input type="radio" name="to" value="discourse" checked/>{t.return_discourse}</label>
                    <label class="check"><input type="radio" name="to" value="draft"/>{t.return_draft}</label>
                </fieldset>
                <label for="return-reason">{t.return_reason}</label>
                <textarea id="return-reason" name="reason" rows="4" required maxlength="1000" inner_html=crate::components::textarea_text(&reason)></textarea>
                <button type="submit">{t.return_submit}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn WithdrawForm(process_id: i64, action: ServerAction<WithdrawProposal>) -> impl IntoView {
    let t = texts();
    view! {
        <section class="card" aria-labelledby="withdraw-title">
            <h2 id="withdraw-title">{t.withdraw_title}</h2>
            <p>{t.withdraw_intro}</p>
            <ActionForm action attr:class="stack">
                <FormResult value=action.value()/>
                <input type="hidden" name="process_id" value=process_id.to_string()/>
                <fieldset>
                    <legend>{t.return_to}</legend>
                    <label class="check"><input type="radio" name="to" value="draft" checked/>{t.return_draft}</label>
                    <label class="check"><input type="radio" name="to" value="discourse"/>{t.return_discourse}</label>
                </fieldset>
                <label for="withdraw-reason">{t.return_reason}</label>
                <textarea id="withdraw-reason" name="reason" rows="3" required maxlength="1000"></textarea>
                <label class="check"><input type="checkbox" name="confirm" required/>{t.withdraw_confirm}</label>
                <button type="submit" class="danger">{t.withdraw_submit}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn SummaryForm(process_id: i64, text: String, action: ServerAction<SaveSummary>) -> impl IntoView {
    let t = texts();
    view! {
        <section class="card" aria-labelledby="summary-title">
            <h2 id="summary-title">{t.summary_title}</h2>
            <ActionForm action attr:class="stack">
                <FormResult value=action.value()/>
                <input type="hidden" name="process_id" value=process_id.to_string()/>
                <label for="summary-text">{t.summary_label}</label>
                <textarea id="summary-text" name="summary" rows="6" maxlength=SUMMARY_MAX.to_string()
                    aria-describedby="summary-hint" inner_html=crate::components::textarea_text(&text)></textarea>
                <p id="summary-hint" class="hint">{t.summary_hint}</p>
                <button type="submit">{t.summary_submit}</button>
            </ActionForm>
        </section>
    }
}

/// "3 von 12 Personen haben die Leitlinie zur Kenntnis genommen." (singular for one).
fn ack_text(acknowledged: u64, total: u64) -> String {
    use crate::domain::german::{number_u, plural};
    let total_n = i64::try_from(total).unwrap_or(i64::MAX);
    let done_n = i64::try_from(acknowledged).unwrap_or(i64::MAX);
    format!(
        "{} von {} {} {} die Leitlinie zur Kenntnis genommen.",
        number_u(acknowledged),
        number_u(total),
        plural(total_n, "Person", "Personen"),
        plural(done_n, "hat", "haben"),
    )
}

/// "Nicht mitgezählt: 2 eingeladene Konten, die sich noch nie angemeldet haben."
fn never_logged_in_text(n: u64) -> String {
    use crate::domain::german::{count_u, plural};
    let n_i = i64::try_from(n).unwrap_or(i64::MAX);
    format!(
        "Nicht mitgezählt: {}, {} sich noch nie angemeldet {}.",
        count_u(n, "eingeladenes Konto", "eingeladene Konten"),
        plural(n_i, "das", "die"),
        plural(n_i, "hat", "haben"),
    )
}

#[component]
fn AckRate(rate: AcknowledgementRate) -> impl IntoView {
    let t = texts();
    let names = (!rate.names.is_empty()).then(|| {
        let items = rate
            .names
            .into_iter()
            .map(|n| view! { <li>{n}</li> })
            .collect_view();
        view! {
            <details>
                <summary>{t.ack_names}</summary>
                <ul>{items}</ul>
            </details>
        }
    });
    let per_team = (!rate.teams.is_empty()).then(|| view! { <AckPerTeam teams=rate.teams/> });
    view! {
        <section class="card ack-rate" aria-labelledby="ack-title">
            <h2 id="ack-title">{t.ack_title}</h2>
            <p>{ack_text(rate.acknowledged, rate.total)}</p>
            {(rate.never_logged_in > 0).then(|| view! {
                <p class="hint">{never_logged_in_text(rate.never_logged_in)}</p>
            })}
            {names}
            {per_team}
        </section>
    }
}

/// The acknowledgement rate per team; the names only when the server sent them (coordinators).
#[component]
fn AckPerTeam(teams: Vec<crate::adoption::TeamAcknowledgement>) -> impl IntoView {
    let tt = crate::i18n::team::texts();
    let names_list = |names: Vec<String>| {
        if names.is_empty() {
            view! { <span class="hint">{tt.rate_nobody}</span> }.into_any()
        } else {
            view! { <span>{names.join(", ")}</span> }.into_any()
        }
    };
    let rows = teams
        .into_iter()
        .map(|team| {
            let label = team
                .rate
                .team
                .clone()
                .unwrap_or_else(|| tt.rate_without_team.to_owned());
            let has_names = !team.acknowledged_names.is_empty() || !team.pending_names.is_empty();
            let names = has_names.then(|| {
                view! {
                    <details>
                        <summary>{tt.rate_names}</summary>
                        <p><strong>{tt.rate_done} ": "</strong> {names_list(team.acknowledged_names.clone())}</p>
                        <p><strong>{tt.rate_pending} ": "</strong> {names_list(team.pending_names.clone())}</p>
                    </details>
                }
            });
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td>{team.text.clone()}</td>
                    <td>{names}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3>{tt.rate_per_team}</h3>
        <table class="ack-teams">
            <caption class="visually-hidden">{tt.rate_caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{tt.rate_col_team}</th>
                    <th scope="col">{tt.rate_col_rate}</th>
                    <th scope="col"><span class="visually-hidden">{tt.rate_names}</span></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

#[component]
fn DecisionLine(decision: DecisionView) -> impl IntoView {
    let t = texts();
    let class = if decision.approval {
        "verdict verdict-approval"
    } else {
        "verdict verdict-rejection"
    };
    view! {
        <p><strong class=class>{decision.verdict}</strong>
            {decision.text.map(|text| view! { ": " {text} })}</p>
        <p class="hint">
            {t.meeting_word} " " {decision.meeting_date} " · " {t.minutes_word} " " {decision.minutes_ref}
            " · " {t.recorded_by_word} " " {decision.recorded_by} ", " {decision.recorded_at}
        </p>
        {decision.basis.map(|basis| view! { <p class="hint decision-basis">{basis}</p> })}
    }
}

#[component]
fn BodyCard(
    process_id: i64,
    body: BodyView,
    coordinator: bool,
    frozen_hash: Option<String>,
    actions: Actions,
    procedure: Option<crate::codetermination::BodyProcedureView>,
    open: bool,
) -> impl IntoView {
    let t = texts();
    let procedure = procedure.map(|body| {
        view! {
            <crate::codetermination::pages::ProcedurePanel process_id body
                actions=actions.codetermination open can_configure=coordinator/>
        }
    });
    let heading_id = format!("body-{}", body.id);
    let labelled_by = heading_id.clone();
    let body_id = body.id;
    let body_name = body.name.clone();
    let members = if body.members.is_empty() {
        view! { <p>{t.no_members}</p> }.into_any()
    } else {
        body.members
            .clone()
            .into_iter()
            .map(move |m| {
                let name = m.display_name.clone();
                let remove = coordinator.then(|| {
                    view! {
                        <ActionForm action=actions.remove_member attr:class="inline">
                            <input type="hidden" name="process_id" value=process_id.to_string()/>
                            <input type="hidden" name="body_id" value=body_id.to_string()/>
                            <input type="hidden" name="user_id" value=m.user_id.to_string()/>
                            <button type="submit" class="link">{t.remove_member} " " {name}</button>
                        </ActionForm>
                    }
                });
                view! { <li>{m.display_name.clone()} " " {remove}</li> }
            })
            .collect_view()
            .into_any()
    };
    let current = match body.current.clone() {
        Some(d) => view! { <DecisionLine decision=d/> }.into_any(),
        None => view! { <p>{t.no_decision}</p> }.into_any(),
    };
    let history = (body.history.len() > 1).then(|| {
        let items = body
            .history
            .iter()
            .cloned()
            .map(|d| {
                let marker = d
                    .supersedes
                    .map(|_| view! { <p class="hint">{t.correction_marker}</p> });
                view! { <li>{marker}<DecisionLine decision=d/></li> }
            })
            .collect_view();
        view! {
            <details>
                <summary>{t.history_label}</summary>
                <ol class="decision-history">{items}</ol>
            </details>
        }
    });
    let record = match (body.viewer_is_member && body.simple, frozen_hash) {
        (true, Some(hash)) => view! {
            <DecisionForm process_id body_id=body.id body_name=body.name.clone() hash
                supersedes=body.current.as_ref().map(|d| d.id) action=actions.record/>
        }
        .into_any(),
        _ => ().into_any(),
    };
    let add_member = coordinator.then(|| {
        let field = format!("member-email-{body_id}");
        view! {
            <ActionForm action=actions.add_member attr:class="inline-form">
                <FormResult value=actions.add_member.value()/>
                <input type="hidden" name="process_id" value=process_id.to_string()/>
                <input type="hidden" name="body_id" value=body_id.to_string()/>
                <label for=field.clone()>{t.member_email} " (" {body_name.clone()} ")"</label>
                <input id=field type="email" name="email" required autocomplete="off"/>
                <button type="submit">{t.add_member}</button>
            </ActionForm>
        }
    });
    view! {
        <article class="card body-card" aria-labelledby=labelled_by>
            <h3 id=heading_id>{body.name.clone()}</h3>
            <p class="hint">{if body.required { t.required_marker } else { t.optional_marker }}</p>
            <h4>{t.members_label}</h4>
            <ul class="body-members">{members}</ul>
            {add_member}
            {procedure}
            <h4>{t.current_label}</h4>
            {current}
            {history}
            {record}
        </article>
    }
}

#[component]
fn DecisionForm(
    process_id: i64,
    body_id: i64,
    body_name: String,
    hash: String,
    supersedes: Option<i64>,
    action: ServerAction<RecordDecision>,
) -> impl IntoView {
    let t = texts();
    let f = move |name: &str| format!("{name}-{body_id}");
    let heading = if supersedes.is_some() {
        t.correct_title
    } else {
        t.record_title
    };
    view! {
        <section class="decision-form" aria-labelledby=f("record-title")>
            <h4 id=f("record-title")>{heading} " " {body_name}</h4>
            <ActionForm action attr:class="stack">
                <FormResult value=action.value()/>
                <input type="hidden" name="process_id" value=process_id.to_string()/>
                <input type="hidden" name="body_id" value=body_id.to_string()/>
                <input type="hidden" name="content_hash" value=hash.clone()/>
                <input type="hidden" name="supersedes" value=supersedes.map(|s| s.to_string()).unwrap_or_default()/>
                <fieldset>
                    <legend>{t.verdict_legend}</legend>
                    <label class="check"><input type="radio" name="kind" value="approved" checked/>{t.verdict_approved}</label>
                    <label class="check"><input type="radio" name="kind" value="approved_with_conditions"/>{t.verdict_conditions}</label>
                    <label class="check"><input type="radio" name="kind" value="rejected"/>{t.verdict_rejected}</label>
                </fieldset>
                <label for=f("verdict-text")>{t.verdict_text}</label>
                <textarea id=f("verdict-text") name="text" rows="3" maxlength=DECISION_TEXT_MAX.to_string()
                    aria-describedby=f("verdict-hint")></textarea>
                <p id=f("verdict-hint") class="hint">{t.verdict_text_hint}</p>
                <label for=f("meeting-date")>{t.meeting_date}</label>
                <input id=f("meeting-date") type="text" autocomplete="off" placeholder="TT.MM.JJJJ" name="meeting_date" required/>
                <label for=f("minutes-ref")>{t.minutes_ref}</label>
                <input id=f("minutes-ref") type="text" name="minutes_ref" required maxlength=MINUTES_REF_MAX.to_string()/>
                <p class="hint">{t.record_hash_hint} " " <code class="hash">{hash}</code></p>
                <button type="submit">{t.record_submit}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn AddBodyForm(process_id: i64, action: ServerAction<AddBody>) -> impl IntoView {
    let t = texts();
    view! {
        <section class="card" aria-labelledby="configure-title">
            <h2 id="configure-title">{t.configure_title}</h2>
            <ActionForm action attr:class="stack">
                <FormResult value=action.value()/>
                <input type="hidden" name="process_id" value=process_id.to_string()/>
                <label for="body-name">{t.body_name}</label>
                <input id="body-name" type="text" name="name" required maxlength=BODY_NAME_MAX.to_string()/>
                <label class="check"><input type="checkbox" name="required" value="on" checked/>{t.body_required}</label>
                <button type="submit">{t.add_body}</button>
            </ActionForm>
        </section>
    }
}

/// `/prozesse/:id/leitlinie`: the adopted guideline, readable and printable, with the read
/// acknowledgement.
#[component]
pub fn GuidelinePage() -> impl IntoView {
    let id = use_process_id();
    let ack = ServerAction::<AcknowledgeGuideline>::new();
    let data = Resource::new(
        move || (id.get(), ack.version().get()),
        |(id, _)| get_guideline(id),
    );
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <GuidelineContent view ack/> }.into_any(),
                    Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn GuidelineContent(view: GuidelineView, ack: ServerAction<AcknowledgeGuideline>) -> impl IntoView {
    let t = texts();
    let process = view.process.clone();
    let id = process.id;
    let toc = view
        .toc
        .iter()
        .map(|e| {
            view! {
                <li class=format!("toc-level-{}", e.level)>
                    <a href=format!("#{}", e.anchor)>{e.title.clone()}</a>
                </li>
            }
        })
        .collect_view();
    let summary = (!view.summary_html.is_empty()).then(|| {
        view! {
            <section class="guideline-summary" aria-labelledby="summary-heading">
                <h2 id="summary-heading">{t.published_summary}</h2>
                <div inner_html=view.summary_html.clone()></div>
            </section>
        }
    });
    let acknowledge = if view.acknowledged {
        view! { <p class="alert success" role="status">{t.acknowledged}</p> }.into_any()
    } else {
        view! {
            <ActionForm action=ack attr:class="no-print">
                <FormResult value=ack.value()/>
                <input type="hidden" name="process_id" value=id.to_string()/>
                <button type="submit">{t.acknowledge}</button>
            </ActionForm>
        }
        .into_any()
    };
    let acks = view.acknowledgements.map(|rate| {
        view! { <div class="no-print"><AckRate rate/></div> }
    });
    view! {
        <Title text=format!("{} – {}", process.title, t.published_version)/>
        <div class="no-print">
            <ProcessHeader id title=process.title.clone() step=process.step current=ProcessTab::Adoption roles=process.roles/>
        </div>
        <article class="guideline">
            <header class="guideline-head">
                <h1 class="print-only">{process.title.clone()}</h1>
                <p class="guideline-meta">
                    {t.published_version} " " {view.version_number} ", " {t.published_on} " " {view.adopted_on.clone()}
                    {view.next_review.clone().map(|d| view! { " · " {t.next_review_label} ": " {d} })}
                </p>
                <p class="guideline-meta">{t.hash_label} ": " <code class="hash">{view.content_hash.clone()}</code></p>
                <p class="guideline-validity">
                    <strong>{crate::i18n::review::texts().valid_label}</strong>
                    {view.under_review.then(|| view! { " · " {crate::i18n::review::texts().in_review_label} })}
                </p>
                {view.under_review.then(|| view! { <p class="alert info no-print" role="status">{crate::i18n::review::texts().under_review_note}</p> })}
                <p class="no-print">
                    <a href=format!("/prozesse/{id}/erfahrungen")>{crate::i18n::review::texts().dialogue_link}</a>
                    " · "
                    <a href=format!("/prozesse/{id}/ueberpruefung")>{crate::i18n::review::texts().review_title}</a>
                </p>
                <crate::document::pages::GuidelineDownloads process_id=id/>
            </header>
            {summary}
            <nav class="guideline-toc" aria-labelledby="toc-heading">
                <h2 id="toc-heading">{t.toc_title}</h2>
                // Unnumbered: the chapters carry their own numbers ("1. Präambel").
                <ul>{toc}</ul>
            </nav>
            <div class="guideline-body" inner_html=view.html.clone()></div>
            <DecisionsTable decisions=view.decisions.clone()/>
        </article>
        {acknowledge}
        {acks}
    }
}

#[component]
fn DecisionsTable(decisions: Vec<super::PublishedDecision>) -> impl IntoView {
    let t = texts();
    let rows = decisions
        .into_iter()
        .map(|d| {
            view! {
                <tr>
                    <th scope="row">{d.body}</th>
                    <td>{d.verdict}</td>
                    <td>{d.meeting_date}</td>
                    <td>{d.minutes_ref}</td>
                    <td>{d.conditions.unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="guideline-decisions" aria-labelledby="decisions-heading">
            <h2 id="decisions-heading">{t.decisions_title}</h2>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t.col_body}</th>
                        <th scope="col">{t.col_decision}</th>
                        <th scope="col">{t.col_date}</th>
                        <th scope="col">{t.col_minutes}</th>
                        <th scope="col">{t.col_conditions}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::{ack_text, never_logged_in_text};

    #[test]
    fn the_read_rate_reads_right_for_one_and_for_many() {
        assert_eq!(
            ack_text(1, 1),
            "1 von 1 Person hat die Leitlinie zur Kenntnis genommen."
        );
        assert_eq!(
            ack_text(3, 5000),
            "3 von 5.000 Personen haben die Leitlinie zur Kenntnis genommen."
        );
        assert_eq!(
            never_logged_in_text(1),
            "Nicht mitgezählt: 1 eingeladenes Konto, das sich noch nie angemeldet hat."
        );
        assert_eq!(
            never_logged_in_text(2),
            "Nicht mitgezählt: 2 eingeladene Konten, die sich noch nie angemeldet haben."
        );
    }
}
