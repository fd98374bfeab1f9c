//! `server seed-load` at a small scale: the generated organisation has the asked shape, its
//! audit chain verifies, and the requests the benchmark sends work against it.

use crate::helpers::{Backend, TestApp};
use crate::on_both_databases;
use app::entities::{comment, comment_support, process, user, version};
use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::load::{seed_load, staff_email, LoadScale, LOAD_DOMAIN, LOAD_PASSWORD};

on_both_databases!(
    seed_load_builds_the_asked_shape_at_a_small_scale,
    the_benchmark_requests_work_against_the_load_data,
);

async fn seed_load_builds_the_asked_shape_at_a_small_scale(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let scale = LoadScale::scaled(0.02);
    let report = seed_load(&app.db, scale).await.expect("seed-load");

    let load_users = user::Entity::find()
        .filter(user::Column::Email.like(format!("%@{LOAD_DOMAIN}")))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(load_users, 300);
    assert_eq!(report.users, 300);
    let load_processes = process::Entity::find()
        .filter(process::Column::Description.contains("(Lastdaten)"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(load_processes, 20);
    let versions = version::Entity::find()
        .filter(version::Column::ProcessId.eq(report.process_id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(versions.len(), 5);
    let latest = versions.iter().max_by_key(|v| v.number).unwrap();
    assert_eq!(latest.id, report.version_id);
    assert_eq!(
        latest.body.lines().filter(|l| l.starts_with("## ")).count(),
        10
    );
    assert_eq!(report.chapters, 10);
    let words = latest.body.split_whitespace().count();
    assert!(
        (scale.words * 3 / 4..=scale.words * 3 / 2).contains(&words),
        "{words} words for {} asked",
        scale.words
    );
    assert!(
        versions.windows(2).all(|w| w[0].body != w[1].body),
        "every version differs from the one before"
    );

    let comments = comment::Entity::find()
        .filter(comment::Column::RoundId.eq(report.round_id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(comments.len(), 40);
    let replies = comments.iter().filter(|c| c.parent_id.is_some()).count();
    assert_eq!(replies, 8);
    assert_eq!(report.replies, 8);
    let supports = comment_support::Entity::find()
        .filter(comment_support::Column::CommentId.is_in(comments.iter().map(|c| c.id)))
        .count(&app.db)
        .await
        .unwrap();
    assert!(supports > 0);
    assert_eq!(supports as usize, report.supports);
    assert!(comments
        .iter()
        .all(|c| report.block_ids.contains(&c.block_id)));

    let audit = app::audit::ssr::verify(&app.db).await.unwrap();
    assert!(audit.broken.is_none(), "the audit chain verifies");
    assert!(audit.checked as usize >= report.audit_entries);
    assert!(report.audit_entries > 300, "every account's role is logged");

    let again = seed_load(&app.db, scale).await;
    assert!(again.is_err(), "a second run is refused");
}

async fn the_benchmark_requests_work_against_the_load_data(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let report = seed_load(&app.db, LoadScale::scaled(0.01))
        .await
        .expect("seed-load");
    assert!(report.argon2.starts_with("argon2id"), "{}", report.argon2);

    let mut reader = app.client();
    reader.login(&staff_email(17), LOAD_PASSWORD).await;
    let page = reader.get(&report.round_path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("KI-Leitlinie (Lasttest)"));

    let round_id = report.round_id.to_string();
    let version_id = report.version_id.to_string();
    let posted = reader
        .call(
            "post_comment",
            &[
                ("round_id", &round_id),
                ("version_id", &version_id),
                ("block_id", &report.block_ids[0]),
                ("body", "Lasttest-Kommentar 1-1-1: bitte zählen."),
            ],
        )
        .await;
    assert_eq!(posted.status, StatusCode::OK, "{}", posted.body);
    let stored = comment::Entity::find()
        .filter(comment::Column::Body.starts_with("Lasttest-Kommentar 1-1-1"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, 1);

    let process_id = report.process_id.to_string();
    let compared = reader
        .call(
            "compare_versions",
            &[("process_id", &process_id), ("from", "1"), ("to", "5")],
        )
        .await;
    assert_eq!(compared.status, StatusCode::OK, "{}", compared.body);
    let compare_page = reader.get(&report.compare_path).await;
    assert_eq!(compare_page.status, StatusCode::OK);
}
