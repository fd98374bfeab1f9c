//! The adoption's documents (server only): the adopted guideline as the PDF and the Word file
//! show it, and the adoption record. [`record_document`] is the one place that collects the
//! record; new kinds of entries (e.g. co-determination steps) are added there.

use super::ssr::{
    adopted_proposal, adoption_day, bodies, decisions, domain_body, frozen, published_decisions,
};
use crate::document::layout::{
    AdoptionRecordDocument, DecisionLine, GuidelineDocument, RecordEntry,
};
use crate::domain::adoption::{adoption_status, Body};
use crate::entities::{adoption_proposal, process, version};
use crate::error::{AppError, Context};
use crate::format::{date, date_time};
use chrono::Utc;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// The adopted guideline as the PDF and the Word file show it (`NotFound` while nothing is
/// adopted), with the Markdown of the adopted version.
pub async fn guideline_document(
    db: &DatabaseConnection,
    process: &process::Model,
    organisation: Option<String>,
    line_numbers: bool,
) -> Result<GuidelineDocument, AppError> {
    let proposal = adopted_proposal(db, process.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (frozen, version) = frozen(db, &proposal).await?;
    let decisions = published_decisions(db, process.id, &proposal, &frozen).await?;
    Ok(GuidelineDocument {
        organisation,
        title: process.title.clone(),
        version_number: version.number,
        adopted_on: adoption_day(&proposal),
        next_review: proposal.next_review.map(date),
        content_hash: proposal.frozen_hash.clone(),
        source_file_name: crate::document::file_name(
            &process.title,
            &format!("Version {} – Quelltext", version.number),
            "md",
        ),
        decisions: decisions
            .into_iter()
            .map(|d| DecisionLine {
                body: d.body,
                verdict: d.verdict,
                meeting_date: d.meeting_date,
                minutes_ref: d.minutes_ref,
                conditions: d.conditions,
            })
            .collect(),
        summary: proposal.summary.clone(),
        body: version.body,
        line_numbers,
    })
}

/// The adoption record: every proposal of the process with its frozen hash, every decision
/// and correction, returns, withdrawals and the adoption, in time order. This is the one place
/// that collects the record: new kinds of entries (e.g. co-determination steps) go here.
pub async fn record_document(
    db: &DatabaseConnection,
    process: &process::Model,
    organisation: Option<String>,
) -> Result<AdoptionRecordDocument, AppError> {
    let proposals = adoption_proposal::Entity::find()
        .filter(adoption_proposal::Column::ProcessId.eq(process.id))
        .order_by_asc(adoption_proposal::Column::Id)
        .all(db)
        .await
        .context("loading the adoption record document")?;
    let latest = proposals.last().cloned().ok_or(AppError::NotFound)?;
    let body_rows = bodies(db, process.id).await?;
    let body_name = |id: i64| {
        body_rows
            .iter()
            .find(|b| b.id == id)
            .map_or_else(|| "Unbekanntes Gremium".to_owned(), |b| b.name.clone())
    };
    let mut all_decisions = Vec::new();
    for p in &proposals {
        all_decisions.push((p.id, decisions(db, p.id).await?));
    }
    // Collected first: an iterator over borrowed decisions in the call would make this
    // future lose `Send`.
    let people: Vec<i64> = proposals
        .iter()
        .map(|p| p.proposed_by)
        .chain(
            all_decisions
                .iter()
                .flat_map(|(_, ds)| ds.iter().map(|d| d.recorded_by)),
        )
        .collect();
    let names = crate::account::ssr::display_names(db, people).await?;
    let name = |id: i64| {
        names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| "Unbekannt".into())
    };
    // The legal basis of each decision, and whether it is a deemed approval (issue #17).
    let bases: HashMap<i64, (Option<String>, bool)> =
        crate::entities::adoption_decision::Entity::find()
            .filter(
                crate::entities::adoption_decision::Column::ProposalId
                    .is_in(proposals.iter().map(|p| p.id)),
            )
            .all(db)
            .await
            .context("loading the adoption record document")?
            .into_iter()
            .map(|d| (d.id, (d.basis, d.deemed)))
            .collect();
    let versions: HashMap<i64, version::Model> = version::Entity::find()
        .filter(version::Column::Id.is_in(proposals.iter().map(|p| p.version_id)))
        .all(db)
        .await
        .context("loading the adoption record document")?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    let number = |version_id: i64| versions.get(&version_id).map_or(0, |v| v.number);
    // (time, order within the same time, entry)
    let mut entries: Vec<(chrono::DateTime<Utc>, i64, RecordEntry)> = Vec::new();
    for p in &proposals {
        entries.push((
            p.proposed_at,
            0,
            RecordEntry {
                at: date_time(p.proposed_at),
                what: format!(
                    "Version {} zur Verabschiedung vorgeschlagen",
                    number(p.version_id)
                ),
                details: vec![
                    ("Vorgeschlagen von".into(), name(p.proposed_by)),
                    ("Eingefrorene Prüfsumme".into(), p.frozen_hash.clone()),
                ],
            },
        ));
        for d in all_decisions
            .iter()
            .filter(|(id, _)| *id == p.id)
            .flat_map(|(_, ds)| ds)
        {
            let mut details = vec![
                ("Beschluss".into(), d.verdict.label_de().to_owned()),
                ("Sitzung".into(), date(d.meeting_date)),
                ("Protokoll".into(), d.minutes_ref.clone()),
                ("Erfasst von".into(), name(d.recorded_by)),
                (
                    "Prüfsumme, auf die sich der Beschluss bezieht".into(),
                    d.content_hash.clone(),
                ),
            ];
            if let Some(text) = d.verdict.text() {
                details.insert(1, ("Auflagen oder Begründung".into(), text.to_owned()));
            }
            if let Some(old) = d.supersedes {
                details.push(("Berichtigt den Eintrag".into(), format!("Nr. {old}")));
            }
            let (basis, deemed) = bases.get(&d.id).cloned().unwrap_or_default();
            if let Some(basis) = basis {
                details.push(("Rechtsgrundlage".into(), basis));
            }
            if deemed {
                details.push((
                    "Zustandekommen".into(),
                    "gilt nach Ablauf der Frist als erteilt".into(),
                ));
            }
            entries.push((
                d.recorded_at,
                1,
                RecordEntry {
                    at: date_time(d.recorded_at),
                    what: format!(
                        "{} Nr. {}: {}",
                        if d.supersedes.is_some() {
                            "Berichtigung"
                        } else {
                            "Beschluss"
                        },
                        d.id,
                        body_name(d.body_id)
                    ),
                    details,
                },
            ));
        }
        if let Some(at) = p.returned_at {
            let (what, reason) = match &p.withdrawn_reason {
                Some(reason) => ("Vorschlag zurückgezogen", Some(reason.clone())),
                None => ("Nach Ablehnung zur Überarbeitung zurückgegeben", None),
            };
            entries.push((
                at,
                2,
                RecordEntry {
                    at: date_time(at),
                    what: format!("Version {}: {what}", number(p.version_id)),
                    details: reason
                        .map(|r| vec![("Grund".into(), r)])
                        .unwrap_or_default(),
                },
            ));
        }
        if let Some(at) = p.adopted_at {
            let mut details = vec![("Prüfsumme".into(), p.frozen_hash.clone())];
            if let Some(next) = p.next_review {
                details.push(("Nächste Überprüfung".into(), date(next)));
            }
            entries.push((
                at,
                3,
                RecordEntry {
                    at: date_time(at),
                    what: format!("Version {} verabschiedet", number(p.version_id)),
                    details,
                },
            ));
        }
    }
    entries.extend(codetermination_entries(db, &proposals, &body_name).await?);
    entries.sort_by_key(|e| (e.0, e.1));
    let (frozen_latest, _) = frozen(db, &latest).await?;
    let domain_bodies: Vec<Body> = body_rows.iter().map(domain_body).collect();
    let latest_decisions = all_decisions
        .iter()
        .find(|(id, _)| *id == latest.id)
        .map(|(_, ds)| ds.clone())
        .unwrap_or_default();
    let status = if let Some(reason) = &latest.withdrawn_reason {
        format!("Vorschlag zurückgezogen: {reason}")
    } else if latest.returned_at.is_some() {
        "zur Überarbeitung zurückgegeben".to_owned()
    } else {
        adoption_status(&frozen_latest, &domain_bodies, &latest_decisions)
            .label_de()
            .to_owned()
    };
    let mut facts = vec![
        ("Leitlinie".to_owned(), process.title.clone()),
        ("Version".to_owned(), number(latest.version_id).to_string()),
        ("Stand".to_owned(), status),
        ("Vorgeschlagen am".to_owned(), date_time(latest.proposed_at)),
    ];
    if let Some(at) = latest.adopted_at {
        facts.push(("Verabschiedet am".into(), date_time(at)));
    }
    let required: Vec<String> = body_rows
        .iter()
        .map(|b| {
            format!(
                "{} ({})",
                b.name,
                if b.required {
                    "Zustimmung erforderlich"
                } else {
                    "beratend"
                }
            )
        })
        .collect();
    facts.push(("Gremien".into(), required.join(", ")));
    Ok(AdoptionRecordDocument {
        organisation,
        title: process.title.clone(),
        facts,
        hash_intact: frozen_latest.frozen_hash == frozen_latest.current_hash,
        frozen_hash: latest.frozen_hash.clone(),
        entries: entries.into_iter().map(|(_, _, e)| e).collect(),
    })
}

/// The co-determination steps on the proposals (issue #17): confirmations of management
/// members, works-council resolutions with their vote and the confirmations of their minutes,
/// MAV requests with their deadline, and both sides' confirmations of an agreement — each with
/// name, role, time and the hash it refers to.
async fn codetermination_entries(
    db: &DatabaseConnection,
    proposals: &[adoption_proposal::Model],
    body_name: &impl Fn(i64) -> String,
) -> Result<Vec<(chrono::DateTime<Utc>, i64, RecordEntry)>, AppError> {
    use crate::domain::codetermination::MeetingForm;
    use crate::entities::codetermination::SideColumn;
    use crate::entities::{
        agreement_signature, approval_request, council_resolution, member_confirmation,
        resolution_confirmation,
    };
    let ids: Vec<i64> = proposals.iter().map(|p| p.id).collect();
    let confirmations = member_confirmation::Entity::find()
        .filter(member_confirmation::Column::ProposalId.is_in(ids.clone()))
        .all(db)
        .await
        .context("loading the co-determination entries of the adoption document")?;
    let resolutions = council_resolution::Entity::find()
        .filter(council_resolution::Column::ProposalId.is_in(ids.clone()))
        .all(db)
        .await
        .context("loading the co-determination entries of the adoption document")?;
    let minutes = resolution_confirmation::Entity::find()
        .filter(
            resolution_confirmation::Column::ResolutionId
                .is_in(resolutions.iter().map(|r| r.id).collect::<Vec<_>>()),
        )
        .all(db)
        .await
        .context("loading the co-determination entries of the adoption document")?;
    let requests = approval_request::Entity::find()
        .filter(approval_request::Column::ProposalId.is_in(ids.clone()))
        .all(db)
        .await
        .context("loading the co-determination entries of the adoption document")?;
    let signatures = agreement_signature::Entity::find()
        .filter(agreement_signature::Column::ProposalId.is_in(ids))
        .all(db)
        .await
        .context("loading the co-determination entries of the adoption document")?;
    let people: Vec<i64> = confirmations
        .iter()
        .map(|c| c.user_id)
        .chain(resolutions.iter().map(|r| r.recorded_by))
        .chain(minutes.iter().map(|m| m.user_id))
        .chain(requests.iter().map(|r| r.requested_by))
        .chain(signatures.iter().map(|s| s.user_id))
        .collect();
    let names = crate::account::ssr::display_names(db, people).await?;
    let name = |id: i64| {
        names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| "Unbekannt".into())
    };
    let mut out = Vec::new();
    for c in &confirmations {
        let mut details = vec![
            ("Mitglied".into(), name(c.user_id)),
            ("Prüfsumme".into(), c.content_hash.clone()),
        ];
        if let Some(reason) = &c.reason {
            details.push(("Begründung".into(), reason.clone()));
        }
        out.push((
            c.confirmed_at,
            1,
            RecordEntry {
                at: date_time(c.confirmed_at),
                what: format!(
                    "{}: Mitglied {}",
                    body_name(c.body_id),
                    if c.approve { "stimmt zu" } else { "lehnt ab" }
                ),
                details,
            },
        ));
    }
    for r in &resolutions {
        let mut details = vec![
            ("Sitzung".into(), date(r.meeting_date)),
            (
                "Sitzungsform".into(),
                MeetingForm::from(r.meeting_form).label_de().to_owned(),
            ),
            (
                "Abstimmung".into(),
                format!(
                    "{} Mitglieder, {} anwesend; {} ja, {} nein, {} Enthaltungen",
                    r.seats, r.present, r.yes, r.no, r.abstain
                ),
            ),
            ("Wortlaut".into(), r.wording.clone()),
            ("Niederschrift".into(), r.minutes_ref.clone()),
            ("Ergebnis".into(), r.explanation.clone()),
            ("Eingetragen von".into(), name(r.recorded_by)),
            ("Prüfsumme".into(), r.content_hash.clone()),
        ];
        for m in minutes.iter().filter(|m| m.resolution_id == r.id) {
            details.push((
                if m.as_chair {
                    "Niederschrift bestätigt (Vorsitz)".into()
                } else {
                    "Niederschrift bestätigt (Mitglied)".into()
                },
                format!("{}, {}", name(m.user_id), date_time(m.confirmed_at)),
            ));
        }
        out.push((
            r.recorded_at,
            1,
            RecordEntry {
                at: date_time(r.recorded_at),
                what: format!(
                    "Beschluss {}: {}",
                    body_name(r.body_id),
                    if r.approved {
                        "Zustimmung"
                    } else {
                        "keine Zustimmung"
                    }
                ),
                details,
            },
        ));
    }
    for q in &requests {
        let mut details = vec![
            ("Eingang".into(), date(q.received_on)),
            ("Frist endet am".into(), date(q.last_day)),
            ("Beantragt von".into(), name(q.requested_by)),
            ("Prüfsumme".into(), q.content_hash.clone()),
        ];
        if let Some(reason) = &q.extension_reason {
            details.push(("Verlängert, weil".into(), reason.clone()));
        }
        out.push((
            q.requested_at,
            1,
            RecordEntry {
                at: date_time(q.requested_at),
                what: format!("Zustimmung beantragt: {}", body_name(q.body_id)),
                details,
            },
        ));
    }
    for sig in &signatures {
        out.push((
            sig.signed_at,
            2,
            RecordEntry {
                at: date_time(sig.signed_at),
                what: format!(
                    "Vereinbarung bestätigt: {}",
                    match sig.side {
                        SideColumn::Employer => "Arbeitgeber",
                        SideColumn::Council => "Arbeitnehmervertretung",
                    }
                ),
                details: vec![
                    ("Name".into(), name(sig.user_id)),
                    ("Funktion".into(), sig.role_text.clone()),
                    ("Prüfsumme".into(), sig.content_hash.clone()),
                ],
            },
        ));
    }
    Ok(out)
}
