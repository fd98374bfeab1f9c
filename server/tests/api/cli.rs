//! The server's maintenance commands, run as the real binary.

use std::process::Command;

fn temp_db() -> (std::path::PathBuf, String) {
    let dir = std::env::temp_dir().join(format!(
        "mitsprache-cli-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/cli.db?mode=rwc", dir.display());
    (dir, url)
}

#[tokio::test]
async fn create_admin_creates_a_coordinator_who_can_log_in() {
    let (dir, url) = temp_db();
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .args([
            "create-admin",
            "--email",
            "Chefin@Beispiel.de",
            "--name",
            "Clara Chefin",
        ])
        .env("DATABASE_URL", &url)
        .env("MITSPRACHE_ADMIN_PASSWORD", "ein-sicheres-passwort")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("Clara Chefin"));

    let db = server::db::connect_and_migrate(&url).await.unwrap();
    let input =
        app::domain::account::LoginInput::parse("chefin@beispiel.de", "ein-sicheres-passwort")
            .unwrap();
    let user = app::account::ssr::login(
        &db,
        &app::account::ssr::PasswordQueue::new(1, 1),
        &input,
        "cli-test",
        chrono::Utc::now(),
    )
    .await
    .expect("the new coordinator can log in");
    let roles = app::auth::ssr::roles_of(&db, user.id).await.unwrap();
    assert!(roles.contains(&app::domain::account::Role::Coordinator));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn create_admin_refuses_a_short_password_with_a_german_message() {
    let (dir, url) = temp_db();
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .args([
            "create-admin",
            "--email",
            "chefin@beispiel.de",
            "--name",
            "Clara Chefin",
        ])
        .env("DATABASE_URL", &url)
        .env("MITSPRACHE_ADMIN_PASSWORD", "kurz")
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("mindestens 10 Zeichen"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_unknown_command_is_explained() {
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("frobnicate")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("unbekannter Befehl") && stderr.contains("create-admin"),
        "{stderr}"
    );
}

#[tokio::test]
async fn verify_version_accepts_the_exact_source_and_refuses_a_changed_file() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let (dir, url) = temp_db();
    let seeded = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("seed-demo")
        .env("DATABASE_URL", &url)
        .output()
        .unwrap();
    assert!(
        seeded.status.success(),
        "{}",
        String::from_utf8_lossy(&seeded.stderr)
    );
    let db = server::db::connect_and_migrate(&url).await.unwrap();
    let process = app::entities::process::Entity::find()
        .filter(app::entities::process::Column::Title.eq("Leitlinie Videoberatung"))
        .one(&db)
        .await
        .unwrap()
        .expect("the demo's adopted guideline");
    let version = app::entities::version::Entity::find()
        .filter(app::entities::version::Column::ProcessId.eq(process.id))
        .filter(app::entities::version::Column::Number.eq(1))
        .one(&db)
        .await
        .unwrap()
        .expect("version 1");
    let verify = |content: &[u8]| {
        let file = dir.join("quelltext.md");
        std::fs::write(&file, content).unwrap();
        Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["verify-version", &process.id.to_string(), "1"])
            .arg(&file)
            .env("DATABASE_URL", &url)
            .output()
            .unwrap()
    };
    let exact = verify(version.body.as_bytes());
    let stdout = String::from_utf8_lossy(&exact.stdout);
    assert!(
        exact.status.success(),
        "{}",
        String::from_utf8_lossy(&exact.stderr)
    );
    assert!(stdout.contains(&version.content_hash), "{stdout}");
    assert!(stdout.contains("genau den Text von Version 1"), "{stdout}");

    let changed = verify(format!("{} ", version.body).as_bytes());
    assert!(!changed.status.success());
    assert!(String::from_utf8_lossy(&changed.stderr).contains("NICHT"));

    let crlf = verify(version.body.replace('\n', "\r\n").as_bytes());
    assert!(!crlf.status.success());
    assert!(String::from_utf8_lossy(&crlf.stderr).contains("Zeilenenden"));
    let _ = std::fs::remove_dir_all(dir);
}
