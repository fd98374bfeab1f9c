//! Contributions of step 1 (experiences, expectations, concerns): submitting, the lists with
//! filters and counts, workshop results, and the project group's tags, clusters and links to
//! draft sections.
//!
//! Anonymity is decided in one place, [`ssr::view_of`]: the DTO of an anonymous contribution
//! never carries its author, for no viewer.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::domain::contribution::Kind;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Contributions per page of the list.
pub const PER_PAGE: u64 = 50;

/// A section of the working draft a contribution can be linked to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionRef {
    /// The section's anchor in the draft.
    pub anchor: String,
    /// Its heading.
    pub title: String,
}

/// A cluster as a contribution names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterRef {
    /// Cluster id.
    pub id: i64,
    /// Title.
    pub title: String,
}

/// A contribution as a viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContributionView {
    /// Contribution id.
    pub id: i64,
    /// Experience, expectation or concern.
    pub kind: Kind,
    /// The text.
    pub text: String,
    /// Team or department, if given.
    pub team: Option<String>,
    /// The author's name; `None` for anonymous contributions and workshop results, for everyone.
    pub author: Option<String>,
    /// Submitted anonymously.
    pub anonymous: bool,
    /// The viewer wrote it (also when anonymous; never for workshop results).
    pub mine: bool,
    /// The workshop date ("21.11.2026") for results entered on behalf of a team.
    pub workshop_date: Option<String>,
    /// When it was submitted (German local time).
    pub created_at: String,
    /// The project group's tags, sorted.
    pub tags: Vec<String>,
    /// The cluster it belongs to.
    pub cluster: Option<ClusterRef>,
    /// The draft sections that take it up.
    pub sections: Vec<SectionRef>,
}

/// How many contributions have one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCount {
    /// The kind.
    pub kind: Kind,
    /// How many.
    pub count: u64,
}

/// How many contributions carry one tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagCount {
    /// The tag.
    pub tag: String,
    /// How many.
    pub count: u64,
}

/// A cluster with the number of its contributions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterSummary {
    /// Cluster id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// How many contributions it holds.
    pub count: u64,
}

/// What the list is filtered by (all `None`: everything).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ContributionFilter {
    /// Only this kind.
    pub kind: Option<Kind>,
    /// Only this team.
    pub team: Option<String>,
    /// Only contributions with this tag.
    pub tag: Option<String>,
    /// Only contributions in this cluster.
    pub cluster: Option<i64>,
}

impl ContributionFilter {
    /// Whether any filter is set.
    pub fn is_active(&self) -> bool {
        self.kind.is_some() || self.team.is_some() || self.tag.is_some() || self.cluster.is_some()
    }
}

/// One page of the contributions the viewer may see, with counts over all of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContributionPage {
    /// The contributions on this page, newest first.
    pub items: Vec<ContributionView>,
    /// This page, counted from 1.
    pub page: u64,
    /// Number of pages (at least 1).
    pub pages: u64,
    /// How many match the filter.
    pub matching: u64,
    /// How many there are without filter.
    pub total: u64,
    /// Counts per kind (all three kinds, unfiltered).
    pub kinds: Vec<KindCount>,
    /// Counts per tag, alphabetical (unfiltered).
    pub tags: Vec<TagCount>,
    /// The teams named, alphabetical.
    pub teams: Vec<String>,
}

/// Everything the contributions page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContributionOverview {
    /// The viewer's own contributions, newest first (workshop results they entered are not).
    pub mine: Vec<ContributionView>,
    /// All contributions the viewer may see; `None` when others' contributions are hidden.
    pub all: Option<ContributionPage>,
    /// The viewer may tag, cluster and link (project group or coordinator).
    pub can_manage: bool,
    /// The clusters of the process with their sizes.
    pub clusters: Vec<ClusterSummary>,
    /// Whether the process has a working draft (only told to those who manage).
    pub has_draft: bool,
    /// The working draft's sections, to link contributions to (only for those who manage).
    pub sections: Vec<SectionRef>,
}

#[cfg(feature = "ssr")]
fn blank_to_none(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

/// Submits an own contribution. Every signed-in person, in step 1 only.
#[server(prefix = "/api", endpoint = "submit_contribution")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "submit_contribution", skip_all, fields(process_id = process_id)))]
pub async fn submit_contribution(
    process_id: i64,
    kind: Option<String>,
    text: String,
    team: Option<String>,
    anonymous: Option<String>,
) -> Result<i64, AppError> {
    use crate::domain::access::ProcessAction;
    use crate::domain::contribution::{parse_team, ContributionText};
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::SubmitContribution).await?;
    let kind = Kind::parse(kind.as_deref().unwrap_or("")).map_err(AppError::invalid)?;
    let text = ContributionText::parse(&text).map_err(AppError::invalid)?;
    let team = parse_team(team.as_deref().unwrap_or("")).map_err(AppError::invalid)?;
    crate::state::limit_posting(me.id)?;
    ssr::submit(
        db,
        process_id,
        me.id,
        kind,
        &text,
        team,
        anonymous.is_some(),
    )
    .await
}

/// The contributions page's data: own contributions, and one page of all contributions the
/// viewer may see (filtered by kind, team, tag, cluster). Every signed-in person.
#[server(prefix = "/api", endpoint = "list_contributions")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "list_contributions", skip_all, fields(process_id = process_id)))]
pub async fn list_contributions(
    process_id: i64,
    kind: Option<String>,
    team: Option<String>,
    tag: Option<String>,
    cluster: Option<String>,
    page: Option<u64>,
) -> Result<ContributionOverview, AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let (process, roles) =
        crate::process::ssr::require(db, &me, process_id, ProcessAction::View).await?;
    let filter = ContributionFilter {
        kind: blank_to_none(kind).and_then(|k| Kind::parse(&k).ok()),
        team: blank_to_none(team),
        tag: blank_to_none(tag),
        cluster: blank_to_none(cluster).and_then(|c| c.parse().ok()),
    };
    ssr::overview(db, &me, &process, roles, &filter, page.unwrap_or(1).max(1)).await
}

/// Enters the results of an on-site workshop on behalf of a team: one contribution per block
/// (blocks separated by blank lines) in each kind's field. Project group and coordinators.
#[server(prefix = "/api", endpoint = "enter_workshop_results")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "enter_workshop_results", skip_all, fields(process_id = process_id)))]
pub async fn enter_workshop_results(
    process_id: i64,
    date: String,
    team: String,
    experiences: Option<String>,
    expectations: Option<String>,
    concerns: Option<String>,
) -> Result<u64, AppError> {
    use crate::domain::access::ProcessAction;
    use crate::domain::contribution::WorkshopEntry;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::EnterWorkshopResults).await?;
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Berlin)
        .date_naive();
    let entry = WorkshopEntry::parse(
        &date,
        &team,
        [
            (Kind::Experience, experiences.as_deref().unwrap_or("")),
            (Kind::Expectation, expectations.as_deref().unwrap_or("")),
            (Kind::Concern, concerns.as_deref().unwrap_or("")),
        ],
        today,
    )
    .map_err(AppError::invalid)?;
    ssr::enter_workshop(db, process_id, me.id, &entry).await
}

/// Adds free tags (comma-separated) to a contribution. Project group and coordinators.
#[server(prefix = "/api", endpoint = "tag_contribution")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "tag_contribution", skip_all, fields(process_id = process_id, contribution_id = contribution_id)))]
pub async fn tag_contribution(
    process_id: i64,
    contribution_id: i64,
    tags: String,
) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    use crate::domain::contribution::Tag;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::ManageContributions).await?;
    let tags = Tag::parse_list(&tags).map_err(AppError::invalid)?;
    ssr::add_tags(db, process_id, contribution_id, &tags).await
}

/// Removes a tag from a contribution. Project group and coordinators.
#[server(prefix = "/api", endpoint = "untag_contribution")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "untag_contribution", skip_all, fields(process_id = process_id, contribution_id = contribution_id)))]
pub async fn untag_contribution(
    process_id: i64,
    contribution_id: i64,
    tag: String,
) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::ManageContributions).await?;
    ssr::remove_tag(db, process_id, contribution_id, &tag).await
}

/// Creates a cluster with a title. Project group and coordinators.
#[server(prefix = "/api", endpoint = "create_cluster")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "create_cluster", skip_all, fields(process_id = process_id)))]
pub async fn create_cluster(process_id: i64, title: String) -> Result<i64, AppError> {
    use crate::domain::access::ProcessAction;
    use crate::domain::contribution::parse_cluster_title;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::ManageContributions).await?;
    let title = parse_cluster_title(&title).map_err(AppError::invalid)?;
    ssr::create_cluster(db, process_id, &title).await
}

/// Puts a contribution into a cluster (an empty `cluster_id` takes it out). Project group and
/// coordinators.
#[server(prefix = "/api", endpoint = "assign_cluster")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "assign_cluster", skip_all, fields(process_id = process_id, contribution_id = contribution_id)))]
pub async fn assign_cluster(
    process_id: i64,
    contribution_id: i64,
    cluster_id: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::ManageContributions).await?;
    let cluster_id = match blank_to_none(cluster_id) {
        None => None,
        Some(id) => Some(id.trim().parse::<i64>().map_err(|_| AppError::BadRequest)?),
    };
    ssr::assign_cluster(db, process_id, contribution_id, cluster_id).await
}

/// Links a contribution to a section of the working draft. Project group and coordinators.
#[server(prefix = "/api", endpoint = "link_section")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "link_section", skip_all, fields(process_id = process_id, contribution_id = contribution_id)))]
pub async fn link_section(
    process_id: i64,
    contribution_id: i64,
    anchor: String,
) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::ManageContributions).await?;
    ssr::link_section(db, process_id, contribution_id, &anchor, me.id).await
}

/// Removes a contribution's link to a draft section. Project group and coordinators.
#[server(prefix = "/api", endpoint = "unlink_section")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "unlink_section", skip_all, fields(process_id = process_id, contribution_id = contribution_id)))]
pub async fn unlink_section(
    process_id: i64,
    contribution_id: i64,
    anchor: String,
) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::ManageContributions).await?;
    ssr::unlink_section(db, process_id, contribution_id, &anchor).await
}
