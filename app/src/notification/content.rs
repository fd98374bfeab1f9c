//! What an event says and to whom (server only): the recipients of each event, each
//! recipient's notification text, and the mails rendered from notifications.
//!
//! The rules of what a recipient may learn: only what they could see in the app (their round's
//! audience, texts that are not hidden), never the name of an anonymous author (replies by an
//! anonymous person say "jemand (anonym)"), and a notification about the recipient's own
//! anonymous text is `confidential` — coordinators never see its mail.

use crate::domain::access::ProcessRoles;
use crate::domain::account::Role;
use crate::domain::notification::{excerpt, header_safe, Event, EventGroup, Frequency};
use crate::domain::round::{Audience, RoundChangeKind};
use crate::domain::team::team_key;
use crate::entities::{
    acknowledgement, adoption_decision, adoption_proposal, approving_body, body_member, comment,
    contribution, contribution_section, dialogue_post, disposition, group_member, process, round,
    round_change, user, user_role, version,
};
use crate::error::{AppError, Context};
use crate::format::date_time;
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{BTreeMap, BTreeSet};

/// One notification's text for one recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    /// One line.
    pub title: String,
    /// A few plain-text lines.
    pub body: String,
    /// A path in the app.
    pub link: String,
    /// About the recipient's own anonymous text.
    pub confidential: bool,
}

/// Who gets an event, with what.
#[derive(Debug, Clone)]
pub enum Recipients {
    /// The same text for every account listed (ascending ids).
    Shared(Vec<i64>, Content),
    /// A text of its own for each account (ascending ids).
    Each(BTreeMap<i64, Content>),
}

impl Recipients {
    fn nobody() -> Self {
        Recipients::Each(BTreeMap::new())
    }

    /// The recipients with an id above `after`, at most `limit`, with their texts.
    pub fn batch(&self, after: i64, limit: usize) -> Vec<(i64, Content)> {
        match self {
            Recipients::Shared(ids, content) => ids
                .iter()
                .filter(|id| **id > after)
                .take(limit)
                .map(|id| (*id, content.clone()))
                .collect(),
            Recipients::Each(map) => map
                .range(after + 1..)
                .take(limit)
                .map(|(id, c)| (*id, c.clone()))
                .collect(),
        }
    }
}

/// Active accounts (sorted ids), without `actor`.
fn without(mut ids: Vec<i64>, actor: Option<i64>) -> Vec<i64> {
    ids.sort_unstable();
    ids.dedup();
    if let Some(actor) = actor {
        ids.retain(|id| *id != actor);
    }
    ids
}

/// The active accounts among `ids`.
async fn active_among(db: &impl ConnectionTrait, ids: Vec<i64>) -> Result<Vec<i64>, AppError> {
    if ids.is_empty() {
        return Ok(ids);
    }
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(1000) {
        let found: Vec<i64> = user::Entity::find()
            .select_only()
            .column(user::Column::Id)
            .filter(user::Column::Id.is_in(chunk.iter().copied()))
            .filter(user::Column::Active.eq(true))
            .into_tuple()
            .all(db)
            .await
            .context("filtering active accounts")?;
        out.extend(found);
    }
    out.sort_unstable();
    Ok(out)
}

/// Every active account.
async fn everyone(db: &impl ConnectionTrait) -> Result<Vec<i64>, AppError> {
    user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::Id)
        .into_tuple()
        .all(db)
        .await
        .context("loading all active accounts")
}

/// The active members of a round's audience (not the project group and coordinators, who see
/// every round but are not its addressees).
async fn audience_members(
    db: &impl ConnectionTrait,
    audience: &Audience,
) -> Result<Vec<i64>, AppError> {
    match audience {
        Audience::Everyone => everyone(db).await,
        Audience::Teams(names) => {
            let keys: Vec<String> = names.iter().map(|n| team_key(n)).collect();
            Ok(user::Entity::find()
                .select_only()
                .column(user::Column::Id)
                .filter(user::Column::Active.eq(true))
                .filter(Expr::expr(Func::lower(Expr::col(user::Column::Team))).is_in(keys))
                .order_by_asc(user::Column::Id)
                .into_tuple()
                .all(db)
                .await
                .context("loading a round's audience")?)
        }
        Audience::Bodies(body_ids) => {
            let ids: Vec<i64> = body_member::Entity::find()
                .select_only()
                .column(body_member::Column::UserId)
                .filter(body_member::Column::BodyId.is_in(body_ids.iter().copied()))
                .into_tuple()
                .all(db)
                .await
                .context("loading a round's audience")?;
            active_among(db, ids).await
        }
    }
}

/// Whether `user_id` may see a round (its audience, the project group, coordinators).
async fn sees_round(
    db: &impl ConnectionTrait,
    user_id: i64,
    process_id: i64,
    audience: &Audience,
) -> Result<bool, AppError> {
    let member = crate::round::ssr::membership(db, user_id).await?;
    let roles = roles_of(db, user_id, process_id).await?;
    Ok(crate::round::ssr::in_audience(roles, audience, &member))
}

/// A person's roles in a process, without a session.
async fn roles_of(
    db: &impl ConnectionTrait,
    user_id: i64,
    process_id: i64,
) -> Result<ProcessRoles, AppError> {
    let coordinator = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .filter(user_role::Column::Role.eq(Role::Coordinator))
        .one(db)
        .await
        .context("loading roles")?
        .is_some();
    let group_member = group_member::Entity::find()
        .filter(group_member::Column::ProcessId.eq(process_id))
        .filter(group_member::Column::UserId.eq(user_id))
        .one(db)
        .await
        .context("loading roles")?
        .is_some();
    Ok(ProcessRoles {
        coordinator,
        group_member,
    })
}

/// The project group of a process.
async fn group_of(db: &impl ConnectionTrait, process_id: i64) -> Result<Vec<i64>, AppError> {
    let ids: Vec<i64> = group_member::Entity::find()
        .select_only()
        .column(group_member::Column::UserId)
        .filter(group_member::Column::ProcessId.eq(process_id))
        .into_tuple()
        .all(db)
        .await
        .context("loading a process's group")?;
    active_among(db, ids).await
}

/// Every active coordinator.
async fn coordinators(db: &impl ConnectionTrait) -> Result<Vec<i64>, AppError> {
    let ids: Vec<i64> = user_role::Entity::find()
        .select_only()
        .column(user_role::Column::UserId)
        .filter(user_role::Column::Role.eq(Role::Coordinator))
        .into_tuple()
        .all(db)
        .await
        .context("loading the coordinators")?;
    active_among(db, ids).await
}

async fn process_title(db: &impl ConnectionTrait, process_id: i64) -> Result<String, AppError> {
    Ok(process::Entity::find_by_id(process_id)
        .one(db)
        .await
        .context("loading a process title")?
        .map(|p| p.title)
        .unwrap_or_default())
}

async fn name_of(db: &impl ConnectionTrait, user_id: i64) -> Result<String, AppError> {
    Ok(user::Entity::find_by_id(user_id)
        .one(db)
        .await
        .context("loading a display name")?
        .map(|u| u.display_name)
        .unwrap_or_else(|| "Jemand".to_owned()))
}

/// Quotes a user text for a notification (one line, at most `max` characters).
fn quoted(text: &str, max: usize) -> String {
    format!("„{}“", excerpt(text, max))
}

/// Who gets `event` (caused by `actor`, who is left out) and what each of them reads.
/// `None`: the event no longer applies (its object is gone) and is dropped.
pub async fn recipients(
    db: &impl ConnectionTrait,
    event: &Event,
    actor: Option<i64>,
) -> Result<Recipients, AppError> {
    match event {
        Event::RoundOpened { round_id } | Event::RoundClosing { round_id } => {
            let Some(round) = round::Entity::find_by_id(*round_id)
                .one(db)
                .await
                .context("loading notification recipients")?
            else {
                return Ok(Recipients::nobody());
            };
            let audience = &round.audience;
            let title = process_title(db, round.process_id).await?;
            let number = crate::round::ssr::version_number(db, round.version_id).await?;
            let mut ids = without(audience_members(db, audience).await?, actor);
            let closing = matches!(event, Event::RoundClosing { .. });
            // A scheduled round cancelled before its start is not announced at its start.
            if round.cancelled_at.is_some() {
                return Ok(Recipients::nobody());
            }
            if closing {
                if round.closed_at.is_some() {
                    return Ok(Recipients::nobody());
                }
                let commented: BTreeSet<i64> = comment::Entity::find()
                    .select_only()
                    .column(comment::Column::AuthorId)
                    .distinct()
                    .filter(comment::Column::RoundId.eq(round.id))
                    .into_tuple::<i64>()
                    .all(db)
                    .await
                    .context("loading notification recipients")?
                    .into_iter()
                    .collect();
                // The project group runs the round; the reminder is for the others.
                let group: BTreeSet<i64> =
                    group_of(db, round.process_id).await?.into_iter().collect();
                ids.retain(|id| !commented.contains(id) && !group.contains(id));
            }
            let deadline = date_time(round.deadline);
            let content = if closing {
                Content {
                    title: format!("Diskursrunde endet bald: {title}"),
                    body: format!(
                        "Die Diskursrunde zu Version {number} von „{title}“ endet am {deadline}. \
                         Sie haben noch nicht kommentiert – Ihre Sicht zählt."
                    ),
                    link: format!("/prozesse/{}/runden/{}", round.process_id, round.id),
                    confidential: false,
                }
            } else {
                let anonymous = if round.anonymous_allowed {
                    " Sie können auch anonym kommentieren."
                } else {
                    ""
                };
                Content {
                    title: format!("Neue Diskursrunde: {title}"),
                    body: format!(
                        "Die Projektgruppe hat eine Diskursrunde zu Version {number} von „{title}“ \
                         eröffnet ({}). Sie können bis {deadline} kommentieren.{anonymous}",
                        audience.label_de()
                    ),
                    link: format!("/prozesse/{}/runden/{}", round.process_id, round.id),
                    confidential: false,
                }
            };
            Ok(Recipients::Shared(ids, content))
        }
        Event::RoundChanged { change_id } => {
            let Some(change) = round_change::Entity::find_by_id(*change_id)
                .one(db)
                .await
                .context("loading notification recipients")?
            else {
                return Ok(Recipients::nobody());
            };
            let Some(round) = round::Entity::find_by_id(change.round_id)
                .one(db)
                .await
                .context("loading notification recipients")?
            else {
                return Ok(Recipients::nobody());
            };
            // A round cancelled before it started was never announced: nobody needs to hear.
            if change.kind.cancels() && round.starts_at > change.changed_at {
                return Ok(Recipients::nobody());
            }
            let audience = &round.audience;
            let title = process_title(db, round.process_id).await?;
            let number = crate::round::ssr::version_number(db, round.version_id).await?;
            let ids = without(audience_members(db, audience).await?, actor);
            let reason = change
                .reason
                .as_deref()
                .map(|r| format!(" Begründung: {}", quoted(r, 500)))
                .unwrap_or_default();
            let what = format!("Die Diskursrunde zu Version {number} von „{title}“");
            let (heading, body) = match change.kind {
                RoundChangeKind::Extended | RoundChangeKind::Shortened => (
                    format!("Frist geändert: {title}"),
                    format!(
                        "{what}: Die Projektgruppe hat die Kommentarfrist {} – Sie können jetzt \
                         bis {} kommentieren (bisher bis {}).{reason}",
                        if change.kind == RoundChangeKind::Extended {
                            "verlängert"
                        } else {
                            "verkürzt"
                        },
                        date_time(change.new_deadline),
                        date_time(change.old_deadline),
                    ),
                ),
                RoundChangeKind::EndedEarly | RoundChangeKind::EndedByStepChange => (
                    format!("Diskursrunde vorzeitig beendet: {title}"),
                    format!(
                        "{what} wurde am {} vorzeitig beendet; Kommentare sind nicht mehr \
                         möglich. Ihre bisherigen Kommentare bleiben und werden beantwortet.{reason}",
                        date_time(change.changed_at)
                    ),
                ),
                RoundChangeKind::Cancelled | RoundChangeKind::CancelledByStepChange => (
                    format!("Diskursrunde abgesagt: {title}"),
                    format!("{what} wurde abgesagt.{reason}"),
                ),
            };
            Ok(Recipients::Shared(
                ids,
                Content {
                    title: heading,
                    body,
                    link: format!("/prozesse/{}/runden/{}", round.process_id, round.id),
                    confidential: false,
                },
            ))
        }
        Event::CommentsAnswered { comment_ids } => {
            let comments = comment::Entity::find()
                .filter(comment::Column::Id.is_in(comment_ids.iter().copied()))
                .order_by_asc(comment::Column::Id)
                .all(db)
                .await
                .context("loading notification recipients")?;
            let answers: BTreeMap<i64, disposition::Model> = disposition::Entity::find()
                .filter(disposition::Column::CommentId.is_in(comment_ids.iter().copied()))
                .all(db)
                .await
                .context("loading notification recipients")?
                .into_iter()
                .map(|d| (d.comment_id, d))
                .collect();
            let mut by_author: BTreeMap<i64, Vec<(comment::Model, disposition::Model)>> =
                BTreeMap::new();
            for c in comments {
                if c.hidden_reason.is_some() || Some(c.author_id) == actor {
                    continue;
                }
                if let Some(answer) = answers.get(&c.id) {
                    by_author
                        .entry(c.author_id)
                        .or_default()
                        .push((c, answer.clone()));
                }
            }
            let mut out = BTreeMap::new();
            let active: BTreeSet<i64> = active_among(db, by_author.keys().copied().collect())
                .await?
                .into_iter()
                .collect();
            for (author, items) in by_author {
                if !active.contains(&author) {
                    continue;
                }
                let Some(round) = round::Entity::find_by_id(items[0].0.round_id)
                    .one(db)
                    .await
                    .context("loading notification recipients")?
                else {
                    continue;
                };
                let title = process_title(db, round.process_id).await?;
                let mut parts = Vec::new();
                for (c, answer) in &items {
                    let kind = answer.kind.label_de();
                    let mut part = format!(
                        "Ihr Kommentar: {}\nAntwort der Projektgruppe: {kind}",
                        quoted(&c.body, 300)
                    );
                    if let Some(reason) = answer.reason.as_deref().filter(|r| !r.is_empty()) {
                        part.push_str(&format!("\nBegründung: {reason}"));
                    }
                    parts.push(part);
                }
                let heading = if items.len() == 1 {
                    format!("Antwort auf Ihren Kommentar: {title}")
                } else {
                    format!("Antworten auf {} Ihrer Kommentare: {title}", items.len())
                };
                out.insert(
                    author,
                    Content {
                        title: heading,
                        body: parts.join("\n\n"),
                        link: "/meine-kommentare".to_owned(),
                        confidential: items.iter().any(|(c, _)| c.anonymous),
                    },
                );
            }
            Ok(Recipients::Each(out))
        }
        Event::CommentReplied { reply_id } => {
            let Some(reply) = comment::Entity::find_by_id(*reply_id)
                .one(db)
                .await
                .context("loading notification recipients")?
            else {
                return Ok(Recipients::nobody());
            };
            let Some(parent) = (match reply.parent_id {
                Some(id) => comment::Entity::find_by_id(id)
                    .one(db)
                    .await
                    .context("loading notification recipients")?,
                None => None,
            }) else {
                return Ok(Recipients::nobody());
            };
            if reply.hidden_reason.is_some() || parent.author_id == reply.author_id {
                return Ok(Recipients::nobody());
            }
            let Some(round) = round::Entity::find_by_id(reply.round_id)
                .one(db)
                .await
                .context("loading notification recipients")?
            else {
                return Ok(Recipients::nobody());
            };
            let audience = &round.audience;
            let recipient = parent.author_id;
            if active_among(db, vec![recipient]).await?.is_empty()
                || !sees_round(db, recipient, round.process_id, audience).await?
            {
                return Ok(Recipients::nobody());
            }
            let who = if reply.anonymous {
                "Jemand (anonym)".to_owned()
            } else {
                name_of(db, reply.author_id).await?
            };
            let title = process_title(db, round.process_id).await?;
            let content = Content {
                title: format!("Neue Antwort auf Ihren Kommentar: {title}"),
                body: format!(
                    "{who} hat auf Ihren Kommentar {} geantwortet:\n{}",
                    quoted(&parent.body, 200),
                    quoted(&reply.body, 600)
                ),
                link: format!(
                    "/prozesse/{}/runden/{}#absatz-{}",
                    round.process_id, round.id, parent.block_id
                ),
                confidential: parent.anonymous,
            };
            Ok(Recipients::Each(BTreeMap::from([(recipient, content)])))
        }
        Event::PostReplied { reply_id } => {
            let Some(reply) = dialogue_post::Entity::find_by_id(*reply_id)
                .one(db)
                .await
                .context("loading notification recipients")?
            else {
                return Ok(Recipients::nobody());
            };
            let Some(parent) = (match reply.parent_id {
                Some(id) => dialogue_post::Entity::find_by_id(id)
                    .one(db)
                    .await
                    .context("loading notification recipients")?,
                None => None,
            }) else {
                return Ok(Recipients::nobody());
            };
            if reply.hidden_reason.is_some() || parent.author_id == reply.author_id {
                return Ok(Recipients::nobody());
            }
            let recipient = parent.author_id;
            if active_among(db, vec![recipient]).await?.is_empty() {
                return Ok(Recipients::nobody());
            }
            let who = if reply.anonymous {
                "Jemand (anonym)".to_owned()
            } else {
                name_of(db, reply.author_id).await?
            };
            let title = process_title(db, reply.process_id).await?;
            let content = Content {
                title: format!("Neue Antwort auf Ihren Erfahrungsbericht: {title}"),
                body: format!(
                    "{who} hat auf Ihren Erfahrungsbericht {} geantwortet:\n{}",
                    quoted(&parent.body, 200),
                    quoted(&reply.body, 600)
                ),
                link: format!(
                    "/prozesse/{}/erfahrungen#erfahrung-{}",
                    reply.process_id, parent.id
                ),
                confidential: parent.anonymous,
            };
            Ok(Recipients::Each(BTreeMap::from([(recipient, content)])))
        }
        Event::ContributionTakenUp {
            contribution_id,
            anchor,
        } => {
            let Some(c) = contribution::Entity::find_by_id(*contribution_id)
                .one(db)
                .await
                .context("loading notification recipients")?
            else {
                return Ok(Recipients::nobody());
            };
            let Some(section) = contribution_section::Entity::find_by_id((c.id, anchor.clone()))
                .one(db)
                .await
                .context("loading notification recipients")?
            else {
                return Ok(Recipients::nobody());
            };
            if Some(c.author_id) == actor || active_among(db, vec![c.author_id]).await?.is_empty() {
                return Ok(Recipients::nobody());
            }
            let title = process_title(db, c.process_id).await?;
            let content = Content {
                title: format!("Ihr Beitrag wurde aufgegriffen: {title}"),
                body: format!(
                    "Die Projektgruppe hat Ihren Beitrag {} im Entwurf aufgegriffen: Abschnitt „{}“.",
                    quoted(&c.body, 300),
                    excerpt(&section.title, 200)
                ),
                link: format!("/prozesse/{}/beitraege", c.process_id),
                confidential: c.anonymous,
            };
            Ok(Recipients::Each(BTreeMap::from([(c.author_id, content)])))
        }
        Event::VersionPublished { version_id } => {
            let Some(v) = version::Entity::find_by_id(*version_id)
                .select_only()
                .column(version::Column::Id)
                .column(version::Column::ProcessId)
                .column(version::Column::Number)
                .column(version::Column::ChangeSummary)
                .into_tuple::<(i64, i64, i32, String)>()
                .one(db)
                .await
                .context("loading notification recipients")?
            else {
                return Ok(Recipients::nobody());
            };
            let (_, process_id, number, summary) = v;
            let title = process_title(db, process_id).await?;
            let group: BTreeSet<i64> = group_of(db, process_id).await?.into_iter().collect();
            // Those who commented on the previous version: (author, anonymous) per comment.
            let previous: Option<i64> = version::Entity::find()
                .select_only()
                .column(version::Column::Id)
                .filter(version::Column::ProcessId.eq(process_id))
                .filter(version::Column::Number.eq(number - 1))
                .into_tuple()
                .one(db)
                .await
                .context("loading notification recipients")?;
            let mut commenters: BTreeMap<i64, bool> = BTreeMap::new();
            if let Some(previous) = previous {
                let rows: Vec<(i64, bool)> = comment::Entity::find()
                    .select_only()
                    .column(comment::Column::AuthorId)
                    .column(comment::Column::Anonymous)
                    .filter(comment::Column::VersionId.eq(previous))
                    .into_tuple()
                    .all(db)
                    .await
                    .context("loading notification recipients")?;
                for (author, anonymous) in rows {
                    *commenters.entry(author).or_default() |= anonymous;
                }
            }
            let all: Vec<i64> = group.iter().chain(commenters.keys()).copied().collect();
            let ids = without(active_among(db, all).await?, actor);
            let summary = if summary.trim().is_empty() {
                String::new()
            } else {
                format!(" Was sich geändert hat: {}", excerpt(&summary, 500))
            };
            let base = Content {
                title: format!("Neue Version {number}: {title}"),
                body: format!("Version {number} von „{title}“ ist veröffentlicht.{summary}"),
                link: format!("/prozesse/{process_id}/versionen/{number}"),
                confidential: false,
            };
            let out = ids
                .into_iter()
                .map(|id| {
                    let mut c = base.clone();
                    // Being told about a new version shows that one commented; if one did so
                    // only anonymously, coordinators must not see that mail.
                    c.confidential =
                        !group.contains(&id) && commenters.get(&id).copied().unwrap_or(false);
                    (id, c)
                })
                .collect();
            Ok(Recipients::Each(out))
        }
        Event::AdoptionProposed { proposal_id } => {
            let Some((proposal, number, title)) = proposal_facts(db, *proposal_id).await? else {
                return Ok(Recipients::nobody());
            };
            let bodies: Vec<i64> = approving_body::Entity::find()
                .select_only()
                .column(approving_body::Column::Id)
                .filter(approving_body::Column::ProcessId.eq(proposal.process_id))
                .into_tuple()
                .all(db)
                .await
                .context("loading notification recipients")?;
            let ids = without(
                audience_members(db, &Audience::Bodies(bodies)).await?,
                actor,
            );
            let hash: String = proposal.frozen_hash.chars().take(12).collect();
            Ok(Recipients::Shared(
                ids,
                Content {
                    title: format!("Zur Verabschiedung vorgelegt: {title}"),
                    body: format!(
                        "Die Projektgruppe schlägt Version {number} von „{title}“ zur Verabschiedung vor. \
                         Bitte halten Sie die Entscheidung Ihres Gremiums fest (Inhalts-Hash {hash}…)."
                    ),
                    link: format!("/prozesse/{}/verabschiedung", proposal.process_id),
                    confidential: false,
                },
            ))
        }
        Event::DecisionRecorded { decision_id } => {
            let Some(decision) = adoption_decision::Entity::find_by_id(*decision_id)
                .one(db)
                .await
                .context("loading notification recipients")?
            else {
                return Ok(Recipients::nobody());
            };
            let Some((proposal, number, title)) = proposal_facts(db, decision.proposal_id).await?
            else {
                return Ok(Recipients::nobody());
            };
            let body_name = approving_body::Entity::find_by_id(decision.body_id)
                .one(db)
                .await
                .context("loading notification recipients")?
                .map(|b| b.name)
                .unwrap_or_else(|| "Ein Gremium".to_owned());
            let verdict = decision.verdict.label_de();
            let text = decision
                .verdict_text
                .as_deref()
                .filter(|t| !t.is_empty())
                .map(|t| format!("\n{}", excerpt(t, 600)))
                .unwrap_or_default();
            let mut ids = group_of(db, proposal.process_id).await?;
            ids.extend(coordinators(db).await?);
            if decision.deemed {
                // Silence approved at the deadline: both sides learn it, the body's members too.
                ids.extend(
                    crate::entities::body_member::Entity::find()
                        .filter(crate::entities::body_member::Column::BodyId.eq(decision.body_id))
                        .all(db)
                        .await
                        .context("loading notification recipients")?
                        .into_iter()
                        .map(|m| m.user_id),
                );
                return Ok(Recipients::Shared(
                    without(ids, actor),
                    Content {
                        title: format!("Zustimmung von {body_name} gilt als erteilt: {title}"),
                        body: format!(
                            "Die Frist für {body_name} zu Version {number} von „{title}“ ist abgelaufen, \
                             ohne dass eine Verweigerung oder Einwendungen eingegangen sind. {}",
                            decision.basis.as_deref().unwrap_or_default()
                        ),
                        link: format!("/prozesse/{}/verabschiedung", proposal.process_id),
                        confidential: false,
                    },
                ));
            }
            Ok(Recipients::Shared(
                without(ids, actor),
                Content {
                    title: format!("{body_name} hat entschieden: {title}"),
                    body: format!(
                        "{body_name} hat über Version {number} von „{title}“ entschieden: {verdict} \
                         (Sitzung vom {}).{text}",
                        crate::format::date(decision.meeting_date)
                    ),
                    link: format!("/prozesse/{}/verabschiedung", proposal.process_id),
                    confidential: false,
                },
            ))
        }
        Event::GuidelineAdopted { proposal_id } | Event::ReadingReminder { proposal_id } => {
            let Some((proposal, number, title)) = proposal_facts(db, *proposal_id).await? else {
                return Ok(Recipients::nobody());
            };
            if proposal.adopted_at.is_none() {
                return Ok(Recipients::nobody());
            }
            let mut ids = without(everyone(db).await?, actor);
            let reminder = matches!(event, Event::ReadingReminder { .. });
            if reminder {
                let read: BTreeSet<i64> = acknowledgement::Entity::find()
                    .select_only()
                    .column(acknowledgement::Column::UserId)
                    .filter(acknowledgement::Column::VersionId.eq(proposal.version_id))
                    .into_tuple::<i64>()
                    .all(db)
                    .await
                    .context("loading notification recipients")?
                    .into_iter()
                    .collect();
                ids.retain(|id| !read.contains(id));
            }
            let content = if reminder {
                Content {
                    title: format!("Erinnerung – bitte lesen: {title}"),
                    body: format!(
                        "„{title}“ (Version {number}) gilt seit zwei Wochen. Sie haben das Lesen noch \
                         nicht bestätigt. Bitte lesen Sie die Leitlinie und bestätigen Sie mit „Zur \
                         Kenntnis genommen“."
                    ),
                    link: format!("/prozesse/{}/leitlinie", proposal.process_id),
                    confidential: false,
                }
            } else {
                Content {
                    title: format!("Verabschiedet – bitte lesen: {title}"),
                    body: format!(
                        "Version {number} von „{title}“ ist verabschiedet und gilt ab sofort. Bitte \
                         lesen Sie die Leitlinie und bestätigen Sie mit „Zur Kenntnis genommen“."
                    ),
                    link: format!("/prozesse/{}/leitlinie", proposal.process_id),
                    confidential: false,
                }
            };
            Ok(Recipients::Shared(ids, content))
        }
        Event::ReviewDue { proposal_id } | Event::ReviewOverdue { proposal_id } => {
            let Some((proposal, number, title)) = proposal_facts(db, *proposal_id).await? else {
                return Ok(Recipients::nobody());
            };
            let Some(date) = proposal.next_review else {
                return Ok(Recipients::nobody());
            };
            let date = crate::format::date(date);
            let mut ids = group_of(db, proposal.process_id).await?;
            ids.extend(coordinators(db).await?);
            let overdue = matches!(event, Event::ReviewOverdue { .. });
            let content = Content {
                title: if overdue {
                    format!("Überprüfung überfällig: {title}")
                } else {
                    format!("Überprüfung in 30 Tagen: {title}")
                },
                body: if overdue {
                    format!("Die Überprüfung von „{title}“ (Version {number}) war für den {date} geplant und ist überfällig.")
                } else {
                    format!("Die Überprüfung von „{title}“ (Version {number}) ist für den {date} geplant.")
                },
                link: format!("/prozesse/{}/ueberpruefung", proposal.process_id),
                confidential: false,
            };
            Ok(Recipients::Shared(without(ids, actor), content))
        }
    }
}

/// A proposal with its version number and process title.
async fn proposal_facts(
    db: &impl ConnectionTrait,
    proposal_id: i64,
) -> Result<Option<(adoption_proposal::Model, i32, String)>, AppError> {
    let Some(proposal) = adoption_proposal::Entity::find_by_id(proposal_id)
        .one(db)
        .await
        .context("loading a proposal for a notification")?
    else {
        return Ok(None);
    };
    let number = crate::round::ssr::version_number(db, proposal.version_id).await?;
    let title = process_title(db, proposal.process_id).await?;
    Ok(Some((proposal, number, title)))
}

/// Everything a mail needs besides its notifications.
#[derive(Debug, Clone)]
pub struct MailFrame {
    /// The organisation's name (subject prefix and signature).
    pub organisation: String,
    /// The app's address for links, without a trailing slash.
    pub public_url: String,
}

/// A rendered mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedMail {
    /// Subject (header-safe).
    pub subject: String,
    /// Plain text.
    pub text: String,
    /// HTML (every user text escaped; no images, no tracking).
    pub html: String,
}

pub use crate::domain::markdown::escape_html;

/// Paragraphs of plain text as HTML paragraphs (line breaks kept).
fn html_paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(|p| format!("<p>{}</p>", escape_html(p).replace('\n', "<br>")))
        .collect()
}

/// The unsubscribe footer (text and HTML).
fn footer(frame: &MailFrame, why: &str, unsubscribe_path: Option<&str>) -> (String, String) {
    let settings = format!("{}/konto/benachrichtigungen", frame.public_url);
    let mut text = format!("-- \n{}\n{why}\n", frame.organisation);
    let mut html = format!(
        "<hr><p style=\"color:#555;font-size:0.9em\">{}<br>{}<br>",
        escape_html(&frame.organisation),
        escape_html(why)
    );
    if let Some(path) = unsubscribe_path {
        let link = format!("{}{path}", frame.public_url);
        text.push_str(&format!("Abbestellen (ohne Anmeldung): {link}\n"));
        html.push_str(&format!(
            "<a href=\"{}\">Diese Benachrichtigungen abbestellen</a> (ohne Anmeldung) · ",
            escape_html(&link)
        ));
    }
    text.push_str(&format!("Alle Einstellungen: {settings}\n"));
    html.push_str(&format!(
        "<a href=\"{}\">Alle Einstellungen</a></p>",
        escape_html(&settings)
    ));
    (text, html)
}

fn document(subject: &str, inner: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body style=\"font-family:sans-serif;line-height:1.5;max-width:40em\">{inner}</body></html>",
        escape_html(subject)
    )
}

/// The mail of one notification sent at once.
pub fn render_single(
    frame: &MailFrame,
    name: &str,
    group: EventGroup,
    content: &Content,
    unsubscribe_path: &str,
) -> RenderedMail {
    let subject = header_safe(&format!("[{}] {}", frame.organisation, content.title), 200);
    let link = format!("{}{}", frame.public_url, content.link);
    let why = format!(
        "Sie erhalten diese E-Mail, weil Sie Benachrichtigungen zu „{}“ sofort erhalten.",
        group.label_de()
    );
    let (foot_text, foot_html) = footer(frame, &why, Some(unsubscribe_path));
    let text = format!(
        "Guten Tag {name},\n\n{}\n\n{}\n\nDirekt zur Stelle: {link}\n\n{foot_text}",
        content.title, content.body
    );
    let inner = format!(
        "<p>Guten Tag {},</p><h1 style=\"font-size:1.2em\">{}</h1>{}<p><a href=\"{}\">Direkt zur Stelle</a></p>{foot_html}",
        escape_html(name),
        escape_html(&content.title),
        html_paragraphs(&content.body),
        escape_html(&link)
    );
    RenderedMail {
        html: document(&subject, &inner),
        subject,
        text,
    }
}

/// One item of a digest.
#[derive(Debug, Clone)]
pub struct DigestItem {
    /// Its group.
    pub group: EventGroup,
    /// Its text.
    pub content: Content,
    /// When (German time).
    pub at: String,
}

/// The daily or weekly digest of several notifications.
pub fn render_digest(
    frame: &MailFrame,
    name: &str,
    frequency: Frequency,
    items: &[DigestItem],
    unsubscribe_path: &str,
) -> RenderedMail {
    let what = if frequency == Frequency::Weekly {
        "wöchentliche"
    } else {
        "tägliche"
    };
    let count = if items.len() == 1 {
        "1 Neuigkeit".to_owned()
    } else {
        format!("{} Neuigkeiten", items.len())
    };
    let subject = header_safe(
        &format!(
            "[{}] Ihre {what} Zusammenfassung: {count}",
            frame.organisation
        ),
        200,
    );
    let mut text =
        format!("Guten Tag {name},\n\nhier ist Ihre {what} Zusammenfassung ({count}).\n");
    let mut inner = format!(
        "<p>Guten Tag {},</p><p>hier ist Ihre {what} Zusammenfassung ({count}).</p>",
        escape_html(name)
    );
    for item in items {
        let link = format!("{}{}", frame.public_url, item.content.link);
        text.push_str(&format!(
            "\n* {} ({})\n{}\n{link}\n",
            item.content.title, item.at, item.content.body
        ));
        inner.push_str(&format!(
            "<h2 style=\"font-size:1.1em\">{}</h2><p style=\"color:#555\">{}</p>{}<p><a href=\"{}\">Direkt zur Stelle</a></p>",
            escape_html(&item.content.title),
            escape_html(&item.at),
            html_paragraphs(&item.content.body),
            escape_html(&link)
        ));
    }
    let mut groups: Vec<EventGroup> = items.iter().map(|i| i.group).collect();
    groups.sort();
    groups.dedup();
    let labels = groups
        .iter()
        .map(|g| format!("„{}“", g.label_de()))
        .collect::<Vec<_>>()
        .join(", ");
    let why = format!(
        "Sie erhalten diese Zusammenfassung, weil Sie Benachrichtigungen zu {labels} gesammelt erhalten."
    );
    let (foot_text, foot_html) = footer(frame, &why, Some(unsubscribe_path));
    text.push('\n');
    text.push_str(&foot_text);
    inner.push_str(&foot_html);
    RenderedMail {
        html: document(&subject, &inner),
        subject,
        text,
    }
}

/// An invitation or password-reset mail (no unsubscribe: the person asked for it or is
/// being invited once).
pub fn render_link_mail(
    frame: &MailFrame,
    name: &str,
    title: &str,
    intro: &str,
    link: &str,
    outro: &str,
) -> RenderedMail {
    let subject = header_safe(&format!("[{}] {title}", frame.organisation), 200);
    let (foot_text, foot_html) = (
        format!("-- \n{}\n", frame.organisation),
        format!(
            "<hr><p style=\"color:#555;font-size:0.9em\">{}</p>",
            escape_html(&frame.organisation)
        ),
    );
    let text = format!("Guten Tag {name},\n\n{intro}\n\n{link}\n\n{outro}\n\n{foot_text}");
    let inner = format!(
        "<p>Guten Tag {},</p>{}<p><a href=\"{}\">{}</a></p>{}{foot_html}",
        escape_html(name),
        html_paragraphs(intro),
        escape_html(link),
        escape_html(link),
        html_paragraphs(outro)
    );
    RenderedMail {
        html: document(&subject, &inner),
        subject,
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame() -> MailFrame {
        MailFrame {
            organisation: "Diakonie Musterstadt".into(),
            public_url: "https://mitsprache.example.de".into(),
        }
    }

    #[test]
    fn a_single_mail_escapes_user_text_in_html_and_keeps_the_subject_on_one_line() {
        let content = Content {
            title: "Neue Antwort\r\nBcc: x@example.org".into(),
            body: "<script>alert(1)</script> & mehr".into(),
            link: "/prozesse/1".into(),
            confidential: false,
        };
        let mail = render_single(
            &frame(),
            "Petra <P>",
            EventGroup::MyTexts,
            &content,
            "/abbestellen/t",
        );
        assert!(!mail.subject.contains('\n') && !mail.subject.contains('\r'));
        assert!(mail
            .subject
            .starts_with("[Diakonie Musterstadt] Neue Antwort"));
        assert!(mail
            .html
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; mehr"));
        assert!(!mail.html.contains("<script>"));
        assert!(mail.html.contains("Petra &lt;P&gt;"));
        assert!(mail
            .text
            .contains("https://mitsprache.example.de/abbestellen/t"));
        assert!(mail
            .text
            .contains("https://mitsprache.example.de/prozesse/1"));
        assert!(!mail.html.contains("<img"), "no tracking pixels");
    }

    #[test]
    fn a_digest_counts_its_items_in_german() {
        let item = |title: &str| DigestItem {
            group: EventGroup::Versions,
            content: Content {
                title: title.into(),
                body: "Text".into(),
                link: "/".into(),
                confidential: false,
            },
            at: "01.12.2026, 10:00".into(),
        };
        let one = render_digest(&frame(), "Nora", Frequency::Daily, &[item("A")], "/x");
        assert!(one
            .subject
            .ends_with("Ihre tägliche Zusammenfassung: 1 Neuigkeit"));
        let two = render_digest(
            &frame(),
            "Nora",
            Frequency::Weekly,
            &[item("A"), item("B")],
            "/x",
        );
        assert!(two
            .subject
            .ends_with("Ihre wöchentliche Zusammenfassung: 2 Neuigkeiten"));
        assert!(two.text.contains("* A") && two.text.contains("* B"));
        assert!(two.text.contains("„Neue Versionen“"));
    }
}
