//! Finding what waits for a person (server only): one pass over the processes, with the
//! person's bodies, project groups, rounds, confirmations and contributions.

use super::TaskView;
use crate::auth::Me;
use crate::domain::process::Step;
use crate::domain::tasks::{order, Task, TaskKind};
use crate::entities::{
    acknowledgement, adoption_decision, approving_body, comment, contribution, disposition,
    process, round,
};
use crate::error::{AppError, Context};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::HashSet;

fn badge(kind: &TaskKind) -> &'static str {
    match kind {
        TaskKind::Decide { .. } => "Entscheidung",
        TaskKind::Answer { .. } => "Rückmeldung",
        TaskKind::Comment { .. } => "Kommentieren",
        TaskKind::Read { .. } => "Lesen",
        TaskKind::Contribute { .. } => "Beitragen",
    }
}

/// The tasks of `me`, in the order of `domain::tasks::order`.
pub async fn for_me(db: &DatabaseConnection, me: &Me) -> Result<Vec<TaskView>, AppError> {
    let processes = process::Entity::find()
        .order_by_desc(process::Column::Id)
        .all(db)
        .await
        .context("loading my tasks")?;
    let step = |p: &process::Model| crate::process::ssr::facts(p).step;
    let mut tasks: Vec<Task> = Vec::new();

    // A decision of one of my bodies on the open proposal of a process in step 4.
    let seats = crate::round::ssr::membership(db, me.id).await?.body_ids;
    let bodies = approving_body::Entity::find()
        .filter(approving_body::Column::Id.is_in(seats))
        .order_by_asc(approving_body::Column::Id)
        .all(db)
        .await
        .context("loading my tasks")?;
    for body in bodies {
        let Some(p) = processes.iter().find(|p| p.id == body.process_id) else {
            continue;
        };
        if step(p) != Step::Adoption {
            continue;
        }
        let Some(proposal) = crate::adoption::ssr::latest_proposal(db, p.id)
            .await?
            .filter(|pr| pr.returned_at.is_none() && pr.adopted_at.is_none())
        else {
            continue;
        };
        let decided = adoption_decision::Entity::find()
            .filter(adoption_decision::Column::ProposalId.eq(proposal.id))
            .filter(adoption_decision::Column::BodyId.eq(body.id))
            .count(db)
            .await
            .context("loading my tasks")?
            > 0;
        if !decided {
            tasks.push(Task {
                process_id: p.id,
                title: p.title.clone(),
                kind: TaskKind::Decide {
                    body: body.name.clone(),
                    version: crate::round::ssr::version_number(db, proposal.version_id).await?,
                },
                href: format!("/prozesse/{}/verabschiedung", p.id),
            });
        }
    }

    // Comments waiting for an answer in the rounds of my project groups.
    let groups = crate::process::ssr::groups_of(db, me.id).await?;
    let rounds = round::Entity::find()
        .filter(round::Column::ProcessId.is_in(groups.iter().copied()))
        .filter(round::Column::ClosedAt.is_null())
        .order_by_asc(round::Column::Id)
        .all(db)
        .await
        .context("loading my tasks")?;
    for r in rounds {
        let Some(p) = processes.iter().find(|p| p.id == r.process_id) else {
            continue;
        };
        let needing: Vec<i64> = comment::Entity::find()
            .select_only()
            .column(comment::Column::Id)
            .filter(comment::Column::RoundId.eq(r.id))
            .filter(comment::Column::ParentId.is_null())
            .filter(comment::Column::HiddenReason.is_null())
            .into_tuple()
            .all(db)
            .await
            .context("loading my tasks")?;
        if needing.is_empty() {
            continue;
        }
        let answered = disposition::Entity::find()
            .filter(disposition::Column::CommentId.is_in(needing.clone()))
            .count(db)
            .await
            .context("loading my tasks")?;
        let open = (needing.len() as u64).saturating_sub(answered);
        if open > 0 {
            tasks.push(Task {
                process_id: p.id,
                title: p.title.clone(),
                kind: TaskKind::Answer {
                    open,
                    version: crate::round::ssr::version_number(db, r.version_id).await?,
                },
                href: format!("/prozesse/{}/runden/{}/rueckmeldungen", p.id, r.id),
            });
        }
    }

    // Rounds open for me.
    for banner in crate::round::ssr::open_for(db, me).await? {
        tasks.push(Task {
            process_id: banner.process_id,
            title: banner.title,
            kind: TaskKind::Comment {
                version: banner.version_number,
                remaining: banner.remaining,
            },
            href: format!("/prozesse/{}/runden/{}", banner.process_id, banner.round_id),
        });
    }

    let confirmed: HashSet<i64> = acknowledgement::Entity::find()
        .filter(acknowledgement::Column::UserId.eq(me.id))
        .all(db)
        .await
        .context("loading my tasks")?
        .into_iter()
        .map(|a| a.version_id)
        .collect();
    for p in &processes {
        // The adopted guideline in force, not yet confirmed.
        if let Some(adopted) = crate::adoption::ssr::adopted_proposal(db, p.id).await? {
            if !confirmed.contains(&adopted.version_id) {
                tasks.push(Task {
                    process_id: p.id,
                    title: p.title.clone(),
                    kind: TaskKind::Read {
                        version: crate::round::ssr::version_number(db, adopted.version_id).await?,
                    },
                    href: format!("/prozesse/{}/leitlinie", p.id),
                });
            }
        }
        // Contributions wanted while a process collects.
        if step(p) == Step::Collect {
            let mine = contribution::Entity::find()
                .filter(contribution::Column::ProcessId.eq(p.id))
                .filter(contribution::Column::AuthorId.eq(me.id))
                .count(db)
                .await
                .context("loading my tasks")?;
            tasks.push(Task {
                process_id: p.id,
                title: p.title.clone(),
                kind: TaskKind::Contribute { mine },
                href: format!("/prozesse/{}/beitraege", p.id),
            });
        }
    }

    Ok(order(tasks)
        .into_iter()
        .map(|t| TaskView {
            text: t.text_de(),
            badge: badge(&t.kind).to_owned(),
            href: t.href,
        })
        .collect())
}
