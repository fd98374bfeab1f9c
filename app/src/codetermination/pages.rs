//! The co-determination part of the adoption page: each body's procedure with its legal basis
//! and, while a version is proposed, the steps it takes (members' confirmations, a works
//! council's resolution and its minutes, a MAV's request and deadline), the agreement's
//! confirmations and the marked sections. Every form is a plain form that works without
//! JavaScript (a redirect back to the page).

use super::{
    AnswerRequest, BodyProcedureView, CodeterminationView, ConfigureBody, ConfirmAsMember,
    ConfirmMinutes, ExtendDeadline, LogCouncilInformation, MarkSection, RecordResolution,
    RequestApproval, ResolutionView, SetAgreement, SetBodyChair, SignAgreement, UnmarkSection,
};
use crate::components::layout::FormResult;
use crate::domain::codetermination::{ProcedureKind, STATEMENT_MAX};
use crate::i18n::codetermination::texts;
use leptos::prelude::*;

/// The server actions of the co-determination forms, created once on the adoption page (their
/// versions reload the page's data).
#[derive(Clone, Copy)]
pub struct CodeterminationActions {
    /// Procedure settings.
    pub configure: ServerAction<ConfigureBody>,
    /// Chair.
    pub chair: ServerAction<SetBodyChair>,
    /// Agreement setting.
    pub agreement: ServerAction<SetAgreement>,
    /// Management confirmation.
    pub confirm: ServerAction<ConfirmAsMember>,
    /// Works-council resolution.
    pub resolution: ServerAction<RecordResolution>,
    /// Minutes confirmation.
    pub minutes: ServerAction<ConfirmMinutes>,
    /// MAV request.
    pub request: ServerAction<RequestApproval>,
    /// Deadline extension.
    pub extend: ServerAction<ExtendDeadline>,
    /// MAV answer.
    pub answer: ServerAction<AnswerRequest>,
    /// Agreement confirmation.
    pub sign: ServerAction<SignAgreement>,
    /// Mark a section.
    pub mark: ServerAction<MarkSection>,
    /// Unmark a section.
    pub unmark: ServerAction<UnmarkSection>,
    /// Log information handed to a council.
    pub inform: ServerAction<LogCouncilInformation>,
}

impl CodeterminationActions {
    /// All actions, new.
    pub fn new() -> Self {
        Self {
            configure: ServerAction::new(),
            chair: ServerAction::new(),
            agreement: ServerAction::new(),
            confirm: ServerAction::new(),
            resolution: ServerAction::new(),
            minutes: ServerAction::new(),
            request: ServerAction::new(),
            extend: ServerAction::new(),
            answer: ServerAction::new(),
            sign: ServerAction::new(),
            mark: ServerAction::new(),
            unmark: ServerAction::new(),
            inform: ServerAction::new(),
        }
    }

    /// The sum of the actions' versions: changes whenever one of them completed.
    pub fn version(&self) -> usize {
        self.configure.version().get()
            + self.chair.version().get()
            + self.agreement.version().get()
            + self.confirm.version().get()
            + self.resolution.version().get()
            + self.minutes.version().get()
            + self.request.version().get()
            + self.extend.version().get()
            + self.answer.version().get()
            + self.sign.version().get()
            + self.mark.version().get()
            + self.unmark.version().get()
            + self.inform.version().get()
    }
}

impl Default for CodeterminationActions {
    fn default() -> Self {
        Self::new()
    }
}

/// The whole co-determination section of the adoption page.
#[component]
pub fn CodeterminationSection(
    process_id: i64,
    view: CodeterminationView,
    actions: CodeterminationActions,
) -> impl IntoView {
    let t = texts();
    let can_configure = view.can_configure;
    let open = view.open;
    let agreement_setting = (can_configure && !open).then(|| {
        let current = view.agreement_kind.clone().unwrap_or_default();
        let option = move |value: &'static str, label: &'static str| {
            view! { <label class="check"><input type="radio" name="agreement" value=value checked=current == value/>{label}</label> }
        };
        view! {
            <ActionForm action=actions.agreement attr:class="stack">
                <FormResult value=actions.agreement.value()/>
                <input type="hidden" name="process_id" value=process_id.to_string()/>
                <fieldset>
                    <legend>{t.agreement_setting}</legend>
                    {option("", t.agreement_plain)}
                    {option("betriebsvereinbarung", t.agreement_bv)}
                    {option("dienstvereinbarung", t.agreement_dv)}
                </fieldset>
                <button type="submit" class="secondary">{t.agreement_submit}</button>
            </ActionForm>
        }
    });
    let agreement = view.agreement.map(|a| {
        let lines = |lines: Vec<super::SignatureView>| {
            if lines.is_empty() {
                view! { <p class="hint">{t.agreement_none}</p> }.into_any()
            } else {
                let items = lines
                    .into_iter()
                    .map(|l| view! { <li>{l.line} <br/><code class="hash">{l.content_hash}</code></li> })
                    .collect_view();
                view! { <ul>{items}</ul> }.into_any()
            }
        };
        let sign = |side: &'static str, label: &'static str| {
            view! {
                <ActionForm action=actions.sign attr:class="inline-form">
                    <input type="hidden" name="process_id" value=process_id.to_string()/>
                    <input type="hidden" name="side" value=side/>
                    <button type="submit">{label}</button>
                </ActionForm>
            }
        };
        view! {
            <section class="card" aria-labelledby="agreement-title">
                <h3 id="agreement-title">{t.agreement_title} ": " {a.kind_label.clone()}</h3>
                <p>{t.agreement_intro}</p>
                <p class="hint"><code class="hash">{a.content_hash.clone()}</code></p>
                <FormResult value=actions.sign.value()/>
                <h4>{t.agreement_employer}</h4>
                {lines(a.employer)}
                {a.may_sign_employer.then(|| sign("employer", t.sign_employer))}
                <h4>{t.agreement_council}</h4>
                {lines(a.council)}
                {a.may_sign_council.then(|| sign("council", t.sign_council))}
            </section>
        }
    });
    let marks = if view.marks.is_empty() {
        view! { <p class="hint">{t.marks_none}</p> }.into_any()
    } else {
        let can_mark = view.can_mark;
        let items = view
            .marks
            .into_iter()
            .map(|m| {
                let (anchor, title) = (m.anchor.clone(), m.title.clone());
                let unmark = can_mark.then(|| {
                    view! {
                        <ActionForm action=actions.unmark attr:class="inline">
                            <input type="hidden" name="process_id" value=process_id.to_string()/>
                            <input type="hidden" name="anchor" value=anchor/>
                            <button type="submit" class="link">{t.unmark} " " {title}</button>
                        </ActionForm>
                    }
                });
                view! {
                    <li class:mark-changed=m.changed>
                        <strong>{m.title.clone()}</strong> " – " {m.basis.clone()}
                        {m.since_approval.clone().map(|s| view! { <br/><span class="hint">{s}</span> })}
                        " " {unmark}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="marks">{items}</ul> }.into_any()
    };
    let mark_form = (view.can_mark && !view.sections.is_empty()).then(|| {
        let options = view
            .sections
            .iter()
            .map(|(anchor, title)| view! { <option value=anchor.clone()>{title.clone()}</option> })
            .collect_view();
        view! {
            <ActionForm action=actions.mark attr:class="stack">
                <FormResult value=actions.mark.value()/>
                <input type="hidden" name="process_id" value=process_id.to_string()/>
                <label for="mark-anchor">{t.mark_section}</label>
                <select id="mark-anchor" name="anchor" required>{options}</select>
                <label for="mark-basis">{t.mark_basis}</label>
                <input id="mark-basis" type="text" name="basis" required maxlength="300"/>
                <button type="submit" class="secondary">{t.mark_submit}</button>
            </ActionForm>
        }
    });
    view! {
        <section aria-labelledby="codetermination-title">
            <h2 id="codetermination-title">{t.title}</h2>
            <p>{t.intro}</p>
            <p class="hint">{t.holidays_label} " " {view.holidays.clone()} "."</p>
            {agreement_setting}
            {agreement}
            <section class="card" aria-labelledby="marks-title">
                <h3 id="marks-title">{t.marks_title}</h3>
                {marks}
                {mark_form}
            </section>
        </section>
    }
}

/// One body's procedure inside its card on the adoption page: its legal basis, its settings
/// (coordinators) and its current step.
#[component]
pub fn ProcedurePanel(
    process_id: i64,
    body: BodyProcedureView,
    actions: CodeterminationActions,
    open: bool,
    can_configure: bool,
) -> impl IntoView {
    let t = texts();
    let kind = ProcedureKind::parse(&body.kind).unwrap_or(ProcedureKind::Simple);
    let settings = (can_configure && !open)
        .then(|| view! { <ProcedureSettings process_id body=body.clone() actions/> });
    let running = (open && !body.decided).then(|| match kind {
        ProcedureKind::Management => {
            view! { <ManagementStep process_id body=body.clone() actions/> }.into_any()
        }
        ProcedureKind::WorksCouncil => {
            view! { <CouncilStep process_id body=body.clone() actions/> }.into_any()
        }
        ProcedureKind::MavEkd | ProcedureKind::MavMavo => {
            view! { <MavStep process_id body=body.clone() actions can_configure/> }.into_any()
        }
        ProcedureKind::Simple => ().into_any(),
    });
    // Once the council decided, its confirmed resolution stays on the card.
    let resolutions = (body.decided && kind == ProcedureKind::WorksCouncil).then(|| {
        body.resolutions
            .iter()
            .filter(|r| r.confirmed)
            .cloned()
            .map(|r| view! { <ResolutionCard process_id resolution=r actions/> })
            .collect_view()
    });
    view! {
        <div class="procedure">
            <p class="procedure-kind"><strong>{t.procedure_label} ": "</strong> {body.kind_label.clone()}</p>
            <details>
                <summary>{t.legal_basis_label}</summary>
                <p>{body.legal_basis.clone()}</p>
            </details>
            <p><strong>{t.chair_label} ": "</strong> {body.chair.clone().unwrap_or_else(|| t.no_chair.to_owned())}</p>
            {(open && body.decided).then(|| view! { <p class="hint">{t.decided}</p> })}
            {resolutions}
            {running}
            <InformationLog process_id body=body.clone() actions/>
            {settings}
        </div>
    }
}

/// The coordinator's settings of a body's procedure and its chair.
#[component]
fn ProcedureSettings(
    process_id: i64,
    body: BodyProcedureView,
    actions: CodeterminationActions,
) -> impl IntoView {
    let t = texts();
    let id = body.body_id;
    let f = move |name: &str| format!("{name}-{id}");
    let options = ProcedureKind::ALL
        .into_iter()
        .map(|k| view! { <option value=k.as_str() selected=body.kind == k.as_str()>{k.label_de()}</option> })
        .collect_view();
    let members = body
        .members
        .iter()
        .map(|(user_id, name)| {
            view! { <option value=user_id.to_string() selected=body.chair.as_deref() == Some(name.as_str())>{name.clone()}</option> }
        })
        .collect_view();
    view! {
        <ActionForm action=actions.chair attr:class="inline-form">
            <FormResult value=actions.chair.value()/>
            <input type="hidden" name="process_id" value=process_id.to_string()/>
            <input type="hidden" name="body_id" value=id.to_string()/>
            <label for=f("chair")>{t.chair_select}</label>
            <select id=f("chair") name="user_id">
                <option value="0">{t.chair_none}</option>
                {members}
            </select>
            <button type="submit" class="secondary">{t.chair_submit}</button>
        </ActionForm>
        <details class="procedure-settings">
            <summary>{t.configure_legend}</summary>
            <ActionForm action=actions.configure attr:class="stack">
                <FormResult value=actions.configure.value()/>
                <input type="hidden" name="process_id" value=process_id.to_string()/>
                <input type="hidden" name="body_id" value=id.to_string()/>
                <label for=f("procedure")>{t.procedure_label}</label>
                <select id=f("procedure") name="procedure">{options}</select>
                <label for=f("rule")>{t.rule_label}</label>
                <select id=f("rule") name="rule">
                    <option value="all" selected=body.rule.as_deref() != Some("majority")>{t.rule_all}</option>
                    <option value="majority" selected=body.rule.as_deref() == Some("majority")>{t.rule_majority}</option>
                </select>
                <label for=f("seats")>{t.seats_label}</label>
                <input id=f("seats") type="number" name="seats" min="1" max="99"
                    value=body.seats.unwrap_or(body.members.len().max(1) as u32).to_string()/>
                <label for=f("deadline")>{t.deadline_label}</label>
                <input id=f("deadline") type="number" name="deadline_days" min="1" max="90"
                    value=body.deadline_days.map(|d| d.to_string()).unwrap_or_default()/>
                <label for=f("extension")>{t.extension_label}</label>
                <input id=f("extension") type="number" name="extension_days" min="0" max="90"
                    value=body.extension_days.map(|d| d.to_string()).unwrap_or_default()/>
                <button type="submit" class="secondary">{t.configure_submit}</button>
            </ActionForm>
        </details>
    }
}

/// Management: each member's confirmation, and the viewer's buttons.
#[component]
fn ManagementStep(
    process_id: i64,
    body: BodyProcedureView,
    actions: CodeterminationActions,
) -> impl IntoView {
    let t = texts();
    let id = body.body_id;
    let rows = body
        .votes
        .iter()
        .map(|v| {
            let state = match v.approve {
                Some(true) => t.vote_yes,
                Some(false) => t.vote_no,
                None => t.vote_open,
            };
            view! {
                <li>{v.name.clone()} ": " <strong>{state}</strong>
                    {v.reason.clone().map(|r| view! { " – " {r} })}
                    {v.at.clone().map(|at| view! { " (" {at} ")" })}
                </li>
            }
        })
        .collect_view();
    let buttons = (body.viewer_is_member && !body.viewer_voted).then(|| {
        let field = format!("reject-reason-{id}");
        view! {
            <FormResult value=actions.confirm.value()/>
            <ActionForm action=actions.confirm attr:class="inline-form">
                <input type="hidden" name="process_id" value=process_id.to_string()/>
                <input type="hidden" name="body_id" value=id.to_string()/>
                <input type="hidden" name="approve" value="ja"/>
                <button type="submit">{t.approve_button}</button>
            </ActionForm>
            <details>
                <summary>{t.reject_legend}</summary>
                <ActionForm action=actions.confirm attr:class="stack">
                    <input type="hidden" name="process_id" value=process_id.to_string()/>
                    <input type="hidden" name="body_id" value=id.to_string()/>
                    <input type="hidden" name="approve" value="nein"/>
                    <label for=field.clone()>{t.reject_reason}</label>
                    <textarea id=field name="reason" rows="3" required maxlength=STATEMENT_MAX.to_string()></textarea>
                    <button type="submit" class="danger">{t.reject_button}</button>
                </ActionForm>
            </details>
        }
    });
    view! {
        <h4>{t.votes_title}</h4>
        <ul class="member-votes">{rows}</ul>
        {buttons}
    }
}

/// Works council: the resolutions entered so far, and the form for the meeting's resolution.
#[component]
fn CouncilStep(
    process_id: i64,
    body: BodyProcedureView,
    actions: CodeterminationActions,
) -> impl IntoView {
    let t = texts();
    let id = body.body_id;
    let f = move |name: &str| format!("{name}-{id}");
    let resolutions = (!body.resolutions.is_empty()).then(|| {
        let items = body
            .resolutions
            .iter()
            .cloned()
            .map(|r| view! { <ResolutionCard process_id resolution=r actions/> })
            .collect_view();
        view! { <h4>{t.resolutions_title}</h4> {items} }
    });
    let form = body.viewer_is_member.then(|| {
        view! {
            <details class="resolution-form" open=body.resolutions.is_empty()>
                <summary>{t.resolution_title}</summary>
                <ActionForm action=actions.resolution attr:class="stack">
                    <FormResult value=actions.resolution.value()/>
                    <input type="hidden" name="process_id" value=process_id.to_string()/>
                    <input type="hidden" name="body_id" value=id.to_string()/>
                    <label for=f("meeting")>{t.meeting_date}</label>
                    <input id=f("meeting") type="date" name="meeting_date" required/>
                    <fieldset>
                        <legend>{t.meeting_form}</legend>
                        <label class="check"><input type="radio" name="meeting_form" value="in_person" checked/>{t.form_in_person}</label>
                        <label class="check"><input type="radio" name="meeting_form" value="remote"/>{t.form_remote}</label>
                        <label class="check"><input type="checkbox" name="remote_ok" value="on"/>{t.remote_ok}</label>
                    </fieldset>
                    <p class="hint">{body.legal_basis.clone()}</p>
                    <label for=f("present")>{t.present}</label>
                    <input id=f("present") type="number" name="present" min="0" max="99" required/>
                    <label for=f("yes")>{t.yes}</label>
                    <input id=f("yes") type="number" name="yes" min="0" max="99" required/>
                    <label for=f("no")>{t.no}</label>
                    <input id=f("no") type="number" name="no" min="0" max="99" required/>
                    <label for=f("abstain")>{t.abstain}</label>
                    <input id=f("abstain") type="number" name="abstain" min="0" max="99" required/>
                    <label for=f("wording")>{t.wording}</label>
                    <textarea id=f("wording") name="wording" rows="3" required maxlength=STATEMENT_MAX.to_string()></textarea>
                    <label for=f("minutes")>{t.minutes_ref}</label>
                    <input id=f("minutes") type="text" name="minutes_ref" required maxlength="200"/>
                    <button type="submit">{t.resolution_submit}</button>
                </ActionForm>
            </details>
        }
    });
    view! {
        {resolutions}
        {form}
    }
}

/// A resolution with its reckoning, its confirmations and the viewer's confirm buttons.
#[component]
fn ResolutionCard(
    process_id: i64,
    resolution: ResolutionView,
    actions: CodeterminationActions,
) -> impl IntoView {
    let t = texts();
    let confirm = |as_chair: &'static str, label: &'static str| {
        view! {
            <ActionForm action=actions.minutes attr:class="inline-form">
                <input type="hidden" name="process_id" value=process_id.to_string()/>
                <input type="hidden" name="resolution_id" value=resolution.id.to_string()/>
                <input type="hidden" name="as_chair" value=as_chair/>
                <button type="submit">{label}</button>
            </ActionForm>
        }
    };
    let confirmations = if resolution.confirmations.is_empty() {
        ().into_any()
    } else {
        view! {
            <p><strong>{t.confirmations_label} ": "</strong> {resolution.confirmations.join("; ")}</p>
        }
        .into_any()
    };
    view! {
        <div class="resolution" class:resolution-confirmed=resolution.confirmed>
            <p><strong>{resolution.meeting_date.clone()} " · " {resolution.meeting_form.clone()}</strong>
                " · " {resolution.minutes_ref.clone()}</p>
            <blockquote>{resolution.wording.clone()}</blockquote>
            <p>{t.vote_line} ": " {resolution.explanation.clone()}</p>
            {confirmations}
            <p class="hint">{if resolution.confirmed { t.confirmed } else { t.not_confirmed }}</p>
            <FormResult value=actions.minutes.value()/>
            {resolution.may_confirm_as_chair.then(|| confirm("ja", t.confirm_chair))}
            {resolution.may_confirm_as_member.then(|| confirm("nein", t.confirm_member))}
        </div>
    }
}

/// MAV: the request and its deadline; the employer's forms (coordinator) and the MAV's answer.
#[component]
fn MavStep(
    process_id: i64,
    body: BodyProcedureView,
    actions: CodeterminationActions,
    can_configure: bool,
) -> impl IntoView {
    let t = texts();
    let id = body.body_id;
    let f = move |name: &str| format!("{name}-{id}");
    let mavo = body.kind == ProcedureKind::MavMavo.as_str();
    let content = match body.request.clone() {
        None => {
            let form = can_configure.then(|| {
                view! {
                    <ActionForm action=actions.request attr:class="inline-form">
                        <FormResult value=actions.request.value()/>
                        <input type="hidden" name="process_id" value=process_id.to_string()/>
                        <input type="hidden" name="body_id" value=id.to_string()/>
                        <label for=f("received")>{t.received_label}</label>
                        <input id=f("received") type="date" name="received_on" required/>
                        <button type="submit">{t.request_submit}</button>
                    </ActionForm>
                }
            });
            view! { <p>{t.request_none}</p> {form} }.into_any()
        }
        Some(request) => {
            let extend = (can_configure && request.may_extend).then(|| {
                view! {
                    <details>
                        <summary>{t.extend_submit}</summary>
                        <ActionForm action=actions.extend attr:class="stack">
                            <FormResult value=actions.extend.value()/>
                            <input type="hidden" name="process_id" value=process_id.to_string()/>
                            <input type="hidden" name="request_id" value=request.id.to_string()/>
                            <label for=f("extend")>{t.extend_reason}</label>
                            <input id=f("extend") type="text" name="reason" required maxlength="1000"/>
                            <button type="submit" class="secondary">{t.extend_submit}</button>
                        </ActionForm>
                    </details>
                }
            });
            let answer = (body.viewer_is_member && request.may_answer).then(|| {
                let (summary, submit) = if mavo {
                    (t.answer_object_mavo, t.answer_object_submit)
                } else {
                    (t.answer_refuse_ekd, t.answer_refuse_submit)
                };
                view! {
                    <FormResult value=actions.answer.value()/>
                    <ActionForm action=actions.answer attr:class="inline-form">
                        <input type="hidden" name="process_id" value=process_id.to_string()/>
                        <input type="hidden" name="request_id" value=request.id.to_string()/>
                        <input type="hidden" name="approve" value="ja"/>
                        <button type="submit">{t.answer_approve}</button>
                    </ActionForm>
                    <details>
                        <summary>{summary}</summary>
                        <ActionForm action=actions.answer attr:class="stack">
                            <input type="hidden" name="process_id" value=process_id.to_string()/>
                            <input type="hidden" name="request_id" value=request.id.to_string()/>
                            <input type="hidden" name="approve" value="nein"/>
                            <label for=f("reasons")>{t.answer_reasons}</label>
                            <textarea id=f("reasons") name="reasons" rows="4" required minlength="20" maxlength=STATEMENT_MAX.to_string()></textarea>
                            <button type="submit" class="danger">{submit}</button>
                        </ActionForm>
                    </details>
                }
            });
            view! {
                <dl class="adoption-facts">
                    <div><dt>{t.received_label}</dt><dd>{request.received_on.clone()}</dd></div>
                    <div><dt>{t.last_day_label}</dt><dd>{request.last_day.clone()}</dd></div>
                    {request.extension_reason.clone().map(|r| view! { <div><dt>{t.extended_label}</dt><dd>{r}</dd></div> })}
                </dl>
                <p class="alert info" role="status">{request.status.clone()}</p>
                {extend}
                {answer}
            }
            .into_any()
        }
    };
    view! {
        <h4>{t.request_title}</h4>
        {content}
    }
}

/// What a council was given to inform itself and the experts it involved, with the form to add
/// an entry (coordinators and the body's members).
#[component]
fn InformationLog(
    process_id: i64,
    body: BodyProcedureView,
    actions: CodeterminationActions,
) -> impl IntoView {
    let t = texts();
    if !body.may_log_information && body.information.is_empty() {
        return ().into_any();
    }
    let id = body.body_id;
    let f = move |name: &str| format!("{name}-{id}");
    let entries = if body.information.is_empty() {
        view! { <p class="hint">{t.information_none}</p> }.into_any()
    } else {
        let items = body
            .information
            .iter()
            .map(|i| {
                view! {
                    <li><strong>{i.given_on.clone()} " · " {i.kind_label.clone()}</strong> ": "
                        {i.description.clone()} <span class="hint">" (" {t.information_by} " " {i.recorded_by.clone()} ")"</span></li>
                }
            })
            .collect_view();
        view! { <ul class="information-log">{items}</ul> }.into_any()
    };
    let form = body.may_log_information.then(|| {
        view! {
            <details>
                <summary>{t.information_add}</summary>
                <ActionForm action=actions.inform attr:class="stack">
                    <FormResult value=actions.inform.value()/>
                    <input type="hidden" name="process_id" value=process_id.to_string()/>
                    <input type="hidden" name="body_id" value=id.to_string()/>
                    <fieldset>
                        <legend>{t.information_kind}</legend>
                        <label class="check"><input type="radio" name="kind" value="information" checked/>{t.information_information}</label>
                        <label class="check"><input type="radio" name="kind" value="expert"/>{t.information_expert}</label>
                    </fieldset>
                    <label for=f("given")>{t.information_date}</label>
                    <input id=f("given") type="date" name="given_on" required/>
                    <label for=f("what")>{t.information_description}</label>
                    <textarea id=f("what") name="description" rows="2" required maxlength="2000"></textarea>
                    <button type="submit" class="secondary">{t.information_submit}</button>
                </ActionForm>
            </details>
        }
    });
    view! {
        <h4>{t.information_title}</h4>
        {entries}
        {form}
    }
    .into_any()
}
