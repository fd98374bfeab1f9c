//! Contribution services (server only). Callers have checked the permission with
//! [`crate::process::ssr::require`]; these functions check that every id belongs to the process.

use super::{
    ClusterRef, ClusterSummary, ContributionFilter, ContributionOverview, ContributionPage,
    ContributionView, KindCount, SectionRef, TagCount, PER_PAGE,
};
use crate::auth::Me;
use crate::domain::access::{self, ProcessAction, ProcessRoles};
use crate::domain::contribution::{ContributionText, Kind, Tag, WorkshopEntry};
use crate::domain::markdown::split_sections;
use crate::entities::{
    cluster, contribution, contribution_section, contribution_tag, process, working_draft,
};
use crate::error::{AppError, Context};
use chrono::Utc;
use sea_orm::sea_query::{Expr, Query, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select, Set, TransactionTrait,
};
use std::collections::HashMap;

/// Longest section anchor the database stores.
const ANCHOR_MAX: usize = 200;
/// Longest section title the database stores.
const SECTION_TITLE_MAX: usize = 300;

/// Stores an own contribution; returns its id.
pub async fn submit(
    db: &DatabaseConnection,
    process_id: i64,
    author_id: i64,
    kind: Kind,
    text: &ContributionText,
    team: Option<String>,
    anonymous: bool,
) -> Result<i64, AppError> {
    let row = contribution::ActiveModel {
        process_id: Set(process_id),
        kind: Set(kind),
        body: Set(text.as_str().to_owned()),
        team: Set(team),
        anonymous: Set(anonymous),
        author_id: Set(author_id),
        workshop_date: Set(None),
        cluster_id: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .context("storing a contribution")?;
    Ok(row.id)
}

/// Stores the results of a workshop in one transaction; the moderator is kept as author but
/// never shown. Returns how many contributions were stored.
pub async fn enter_workshop(
    db: &DatabaseConnection,
    process_id: i64,
    moderator_id: i64,
    entry: &WorkshopEntry,
) -> Result<u64, AppError> {
    let now = Utc::now();
    let txn = db.begin().await.context("entering workshop results")?;
    for (kind, text) in &entry.contributions {
        contribution::ActiveModel {
            process_id: Set(process_id),
            kind: Set(*kind),
            body: Set(text.as_str().to_owned()),
            team: Set(Some(entry.team.clone())),
            anonymous: Set(false),
            author_id: Set(moderator_id),
            workshop_date: Set(Some(entry.date)),
            cluster_id: Set(None),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .context("entering workshop results")?;
    }
    txn.commit().await.context("entering workshop results")?;
    Ok(entry.contributions.len() as u64)
}

/// Builds what a viewer may see of a contribution. The one place that decides about authors:
/// anonymous contributions and workshop results never carry a name, whoever asks.
pub fn view_of(
    row: contribution::Model,
    viewer_id: i64,
    names: &HashMap<i64, String>,
    tags: &HashMap<i64, Vec<String>>,
    clusters: &HashMap<i64, String>,
    sections: &HashMap<i64, Vec<SectionRef>>,
) -> ContributionView {
    let workshop = row.workshop_date.is_some();
    let author = if row.anonymous || workshop {
        None
    } else {
        Some(
            names
                .get(&row.author_id)
                .cloned()
                .unwrap_or_else(|| "Unbekannt".to_owned()),
        )
    };
    ContributionView {
        id: row.id,
        kind: row.kind,
        mine: !workshop && row.author_id == viewer_id,
        author,
        anonymous: row.anonymous,
        workshop_date: row.workshop_date.map(crate::format::date),
        created_at: crate::format::date_time(row.created_at),
        tags: tags.get(&row.id).cloned().unwrap_or_default(),
        cluster: row.cluster_id.and_then(|id| {
            clusters.get(&id).map(|title| ClusterRef {
                id,
                title: title.clone(),
            })
        }),
        sections: sections.get(&row.id).cloned().unwrap_or_default(),
        team: row.team,
        text: row.body,
    }
}

/// Turns stored rows into views, loading names, tags, clusters and section links in bulk.
async fn views(
    db: &impl ConnectionTrait,
    rows: Vec<contribution::Model>,
    viewer_id: i64,
    clusters: &HashMap<i64, String>,
) -> Result<Vec<ContributionView>, AppError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    // Only the names that may be shown are even loaded.
    let author_ids: Vec<i64> = rows
        .iter()
        .filter(|r| !r.anonymous && r.workshop_date.is_none())
        .map(|r| r.author_id)
        .collect();
    let names: HashMap<i64, String> = crate::account::ssr::display_names(db, author_ids).await?;
    let mut tags: HashMap<i64, Vec<String>> = HashMap::new();
    for row in contribution_tag::Entity::find()
        .filter(contribution_tag::Column::ContributionId.is_in(ids.clone()))
        .order_by_asc(contribution_tag::Column::Tag)
        .all(db)
        .await
        .context("building contribution views")?
    {
        tags.entry(row.contribution_id).or_default().push(row.tag);
    }
    let mut sections: HashMap<i64, Vec<SectionRef>> = HashMap::new();
    for row in contribution_section::Entity::find()
        .filter(contribution_section::Column::ContributionId.is_in(ids))
        .order_by_asc(contribution_section::Column::LinkedAt)
        .all(db)
        .await
        .context("building contribution views")?
    {
        sections
            .entry(row.contribution_id)
            .or_default()
            .push(SectionRef {
                anchor: row.anchor,
                title: row.title,
            });
    }
    Ok(rows
        .into_iter()
        .map(|row| view_of(row, viewer_id, &names, &tags, clusters, &sections))
        .collect())
}

fn ids_of_process(process_id: i64) -> SelectStatement {
    Query::select()
        .column(contribution::Column::Id)
        .from(contribution::Entity)
        .and_where(Expr::col(contribution::Column::ProcessId).eq(process_id))
        .to_owned()
}

fn filtered(process_id: i64, filter: &ContributionFilter) -> Select<contribution::Entity> {
    let mut query =
        contribution::Entity::find().filter(contribution::Column::ProcessId.eq(process_id));
    if let Some(kind) = filter.kind {
        query = query.filter(contribution::Column::Kind.eq(kind));
    }
    if let Some(team) = &filter.team {
        query = query.filter(contribution::Column::Team.eq(team.as_str()));
    }
    if let Some(tag) = &filter.tag {
        let tagged = Query::select()
            .column(contribution_tag::Column::ContributionId)
            .from(contribution_tag::Entity)
            .and_where(Expr::col(contribution_tag::Column::Tag).eq(tag.as_str()))
            .to_owned();
        query = query.filter(contribution::Column::Id.in_subquery(tagged));
    }
    if let Some(cluster) = filter.cluster {
        query = query.filter(contribution::Column::ClusterId.eq(cluster));
    }
    query
        .order_by_desc(contribution::Column::CreatedAt)
        .order_by_desc(contribution::Column::Id)
}

/// The clusters of a process with their sizes, alphabetical.
pub async fn clusters(
    db: &impl ConnectionTrait,
    process_id: i64,
) -> Result<Vec<ClusterSummary>, AppError> {
    let counts: HashMap<i64, i64> = contribution::Entity::find()
        .select_only()
        .column(contribution::Column::ClusterId)
        .column_as(contribution::Column::Id.count(), "n")
        .filter(contribution::Column::ProcessId.eq(process_id))
        .filter(contribution::Column::ClusterId.is_not_null())
        .group_by(contribution::Column::ClusterId)
        .into_tuple::<(Option<i64>, i64)>()
        .all(db)
        .await
        .context("loading the clusters")?
        .into_iter()
        .filter_map(|(id, n)| id.map(|id| (id, n)))
        .collect();
    Ok(cluster::Entity::find()
        .filter(cluster::Column::ProcessId.eq(process_id))
        .order_by_asc(cluster::Column::Title)
        .all(db)
        .await
        .context("loading the clusters")?
        .into_iter()
        .map(|c| ClusterSummary {
            count: counts.get(&c.id).copied().unwrap_or(0).max(0) as u64,
            id: c.id,
            title: c.title,
        })
        .collect())
}

async fn page_of_all(
    db: &DatabaseConnection,
    viewer_id: i64,
    process_id: i64,
    filter: &ContributionFilter,
    page: u64,
    clusters: &HashMap<i64, String>,
) -> Result<ContributionPage, AppError> {
    let paginator = filtered(process_id, filter).paginate(db, PER_PAGE);
    let matching = paginator
        .num_items()
        .await
        .context("loading a page of contributions")?;
    let pages = matching.div_ceil(PER_PAGE).max(1);
    let page = page.min(pages);
    let rows = paginator
        .fetch_page(page - 1)
        .await
        .context("loading a page of contributions")?;
    let items = views(db, rows, viewer_id, clusters).await?;

    let by_kind: HashMap<Kind, i64> = contribution::Entity::find()
        .select_only()
        .column(contribution::Column::Kind)
        .column_as(contribution::Column::Id.count(), "n")
        .filter(contribution::Column::ProcessId.eq(process_id))
        .group_by(contribution::Column::Kind)
        .into_tuple::<(Kind, i64)>()
        .all(db)
        .await
        .context("loading a page of contributions")?
        .into_iter()
        .collect();
    let kinds: Vec<KindCount> = Kind::ALL
        .into_iter()
        .map(|kind| KindCount {
            kind,
            count: by_kind.get(&kind).copied().unwrap_or(0).max(0) as u64,
        })
        .collect();
    let total = kinds.iter().map(|k| k.count).sum();
    let tags = contribution_tag::Entity::find()
        .select_only()
        .column(contribution_tag::Column::Tag)
        .column_as(contribution_tag::Column::ContributionId.count(), "n")
        .filter(contribution_tag::Column::ContributionId.in_subquery(ids_of_process(process_id)))
        .group_by(contribution_tag::Column::Tag)
        .order_by_asc(contribution_tag::Column::Tag)
        .into_tuple::<(String, i64)>()
        .all(db)
        .await
        .context("loading a page of contributions")?
        .into_iter()
        .map(|(tag, n)| TagCount {
            tag,
            count: n.max(0) as u64,
        })
        .collect();
    let teams = contribution::Entity::find()
        .select_only()
        .column(contribution::Column::Team)
        .distinct()
        .filter(contribution::Column::ProcessId.eq(process_id))
        .filter(contribution::Column::Team.is_not_null())
        .order_by_asc(contribution::Column::Team)
        .into_tuple::<Option<String>>()
        .all(db)
        .await
        .context("loading a page of contributions")?
        .into_iter()
        .flatten()
        .collect();
    Ok(ContributionPage {
        items,
        page,
        pages,
        matching,
        total,
        kinds,
        tags,
        teams,
    })
}

/// The sections of the working draft, or `None` when there is no draft yet.
pub async fn draft_sections(
    db: &impl ConnectionTrait,
    process_id: i64,
) -> Result<Option<Vec<SectionRef>>, AppError> {
    let draft = working_draft::Entity::find_by_id(process_id)
        .one(db)
        .await
        .context("loading the draft's sections")?;
    Ok(draft.map(|d| {
        split_sections(&d.body)
            .into_iter()
            .map(|s| SectionRef {
                anchor: s.anchor,
                title: s.title,
            })
            .collect()
    }))
}

/// Everything the contributions page shows to `me`.
pub async fn overview(
    db: &DatabaseConnection,
    me: &Me,
    process: &process::Model,
    roles: ProcessRoles,
    filter: &ContributionFilter,
    page: u64,
) -> Result<ContributionOverview, AppError> {
    let facts = crate::process::ssr::facts(process);
    let can_manage = access::check(roles, ProcessAction::ManageContributions, facts).is_ok();
    let sees_others = access::check(roles, ProcessAction::ViewOthersContributions, facts).is_ok();
    let cluster_list = clusters(db, process.id).await?;
    let cluster_titles: HashMap<i64, String> = cluster_list
        .iter()
        .map(|c| (c.id, c.title.clone()))
        .collect();
    let own_rows = contribution::Entity::find()
        .filter(contribution::Column::ProcessId.eq(process.id))
        .filter(contribution::Column::AuthorId.eq(me.id))
        .filter(contribution::Column::WorkshopDate.is_null())
        .order_by_desc(contribution::Column::CreatedAt)
        .order_by_desc(contribution::Column::Id)
        .all(db)
        .await
        .context("loading the contributions overview")?;
    let mine = views(db, own_rows, me.id, &cluster_titles).await?;
    let all = if sees_others {
        Some(page_of_all(db, me.id, process.id, filter, page, &cluster_titles).await?)
    } else {
        None
    };
    let sections = if can_manage {
        draft_sections(db, process.id).await?
    } else {
        None
    };
    Ok(ContributionOverview {
        mine,
        all,
        can_manage,
        clusters: if sees_others {
            cluster_list
        } else {
            Vec::new()
        },
        has_draft: sections.is_some(),
        sections: sections.unwrap_or_default(),
    })
}

/// Loads a contribution of this process; `NotFound` for an id of another process.
pub async fn find_in_process(
    db: &impl ConnectionTrait,
    process_id: i64,
    contribution_id: i64,
) -> Result<contribution::Model, AppError> {
    contribution::Entity::find_by_id(contribution_id)
        .one(db)
        .await
        .context("loading a contribution of the process")?
        .filter(|c| c.process_id == process_id)
        .ok_or(AppError::NotFound)
}

/// Adds tags to a contribution; tags it already has are kept once.
pub async fn add_tags(
    db: &DatabaseConnection,
    process_id: i64,
    contribution_id: i64,
    tags: &[Tag],
) -> Result<(), AppError> {
    find_in_process(db, process_id, contribution_id).await?;
    let txn = db.begin().await.context("tagging a contribution")?;
    let existing: Vec<String> = contribution_tag::Entity::find()
        .filter(contribution_tag::Column::ContributionId.eq(contribution_id))
        .all(&txn)
        .await
        .context("tagging a contribution")?
        .into_iter()
        .map(|t| t.tag)
        .collect();
    for tag in tags
        .iter()
        .filter(|t| !existing.iter().any(|e| e == t.as_str()))
    {
        contribution_tag::ActiveModel {
            contribution_id: Set(contribution_id),
            tag: Set(tag.as_str().to_owned()),
        }
        .insert(&txn)
        .await
        .context("tagging a contribution")?;
    }
    txn.commit().await.context("tagging a contribution")?;
    Ok(())
}

/// Removes a tag from a contribution.
pub async fn remove_tag(
    db: &DatabaseConnection,
    process_id: i64,
    contribution_id: i64,
    tag: &str,
) -> Result<(), AppError> {
    find_in_process(db, process_id, contribution_id).await?;
    let tag = Tag::parse(tag).map_err(AppError::invalid)?;
    let result = contribution_tag::Entity::delete_by_id((contribution_id, tag.as_str().to_owned()))
        .exec(db)
        .await
        .context("removing a contribution's tag")?;
    if result.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Creates a cluster; returns its id.
pub async fn create_cluster(
    db: &DatabaseConnection,
    process_id: i64,
    title: &str,
) -> Result<i64, AppError> {
    let exists = cluster::Entity::find()
        .filter(cluster::Column::ProcessId.eq(process_id))
        .filter(cluster::Column::Title.eq(title))
        .one(db)
        .await
        .context("creating a cluster")?;
    if exists.is_some() {
        return Err(AppError::Invalid(format!(
            "Es gibt schon ein Cluster mit dem Titel „{title}“."
        )));
    }
    let row = cluster::ActiveModel {
        process_id: Set(process_id),
        title: Set(title.to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .context("creating a cluster")?;
    Ok(row.id)
}

/// Puts a contribution into a cluster of the same process, or takes it out (`None`).
pub async fn assign_cluster(
    db: &DatabaseConnection,
    process_id: i64,
    contribution_id: i64,
    cluster_id: Option<i64>,
) -> Result<(), AppError> {
    let row = find_in_process(db, process_id, contribution_id).await?;
    if let Some(id) = cluster_id {
        cluster::Entity::find_by_id(id)
            .one(db)
            .await
            .context("assigning a contribution to a cluster")?
            .filter(|c| c.process_id == process_id)
            .ok_or(AppError::NotFound)?;
    }
    let mut active: contribution::ActiveModel = row.into();
    active.cluster_id = Set(cluster_id);
    active
        .update(db)
        .await
        .context("assigning a contribution to a cluster")?;
    Ok(())
}

/// Links a contribution to a section of the working draft (again: the title is refreshed).
pub async fn link_section(
    db: &DatabaseConnection,
    process_id: i64,
    contribution_id: i64,
    anchor: &str,
    by: i64,
) -> Result<(), AppError> {
    find_in_process(db, process_id, contribution_id).await?;
    let sections = draft_sections(db, process_id).await?.ok_or_else(|| {
        AppError::Conflict(crate::i18n::contribution::texts().no_draft.to_owned())
    })?;
    let section = sections
        .into_iter()
        .find(|s| s.anchor == anchor.trim())
        .filter(|s| s.anchor.chars().count() <= ANCHOR_MAX)
        .ok_or_else(|| {
            AppError::Invalid(
                "Diesen Abschnitt gibt es im Entwurf nicht (mehr). Bitte laden Sie die Seite neu."
                    .into(),
            )
        })?;
    let title: String = section.title.chars().take(SECTION_TITLE_MAX).collect();
    let existing =
        contribution_section::Entity::find_by_id((contribution_id, section.anchor.clone()))
            .one(db)
            .await
            .context("linking a contribution to a section")?;
    let anchor = section.anchor.clone();
    let row = contribution_section::ActiveModel {
        contribution_id: Set(contribution_id),
        anchor: Set(section.anchor),
        title: Set(title),
        linked_by: Set(by),
        linked_at: Set(Utc::now()),
    };
    let txn = db
        .begin()
        .await
        .context("linking a contribution to a section")?;
    if existing.is_some() {
        row.update(&txn)
            .await
            .context("linking a contribution to a section")?;
    } else {
        row.insert(&txn)
            .await
            .context("linking a contribution to a section")?;
        crate::notification::ssr::record(
            &txn,
            Some(by),
            crate::domain::notification::Event::ContributionTakenUp {
                contribution_id,
                anchor,
            },
        )
        .await?;
    }
    txn.commit()
        .await
        .context("linking a contribution to a section")?;
    Ok(())
}

/// Removes a contribution's link to a section.
pub async fn unlink_section(
    db: &DatabaseConnection,
    process_id: i64,
    contribution_id: i64,
    anchor: &str,
) -> Result<(), AppError> {
    find_in_process(db, process_id, contribution_id).await?;
    let result =
        contribution_section::Entity::delete_by_id((contribution_id, anchor.trim().to_owned()))
            .exec(db)
            .await
            .context("unlinking a contribution from a section")?;
    if result.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}
