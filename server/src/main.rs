//! `server` — runs Mitsprache, or one of its maintenance commands.
//!
//! ```text
//! server [serve]                              run the web app
//! server create-admin --email E --name N      create a coordinator (password from
//!                                             MITSPRACHE_ADMIN_PASSWORD or standard input)
//! server seed-demo                            load demo data into an empty database
//! server migrate                              bring the database schema up to date
//! server verify-audit                         verify the audit log's hash chain
//! server verify-version PROZESS VERSION DATEI  check a file against a version's hash
//! server seed-load [--scale F] [--out FILE]   load the benchmark organisation (bench/)
//! server render-documents PROCESS             time the PDF/Word files of its latest version
//! ```

// The app's page types are deeply nested; laying out their futures needs a deeper limit here
// too (the release build of this binary failed without it).
#![recursion_limit = "256"]

/// mimalloc instead of glibc's malloc: rendering a large page allocates many short strings, and
/// glibc's malloc (with its fastbin consolidation) took about a third of the CPU time in the
/// profile of the round page; mimalloc doubled that page's throughput (bench/README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use server::{build_app, config::Config, db, demo};
use std::io::BufRead;
use std::net::SocketAddr;
use std::process::ExitCode;

const USAGE: &str = "Verwendung / usage:
  server [serve]
  server create-admin --email E-MAIL --name NAME   (Passwort aus MITSPRACHE_ADMIN_PASSWORD oder Standardeingabe)
  server seed-demo
  server migrate
  server verify-audit
  server verify-version PROZESS VERSION DATEI   (prüft eine Datei gegen die Prüfsumme einer Version)
  server seed-load [--scale FAKTOR] [--out DATEI.json]   (Lastdaten für bench/)
  server render-documents PROZESS   (misst PDF und Word der neuesten Version, für bench/)
  server bench-import [--rows N]   (misst Vorschau und Übernahme einer Mitarbeitendenliste; leere Datenbank)";

#[tokio::main]
async fn main() -> ExitCode {
    server::allocator::return_freed_memory_at_once();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
                "info,sqlx=warn,sea_orm_migration=warn,tower_sessions=warn".into()
            }),
        )
        .init();
    match run(std::env::args().skip(1).collect()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("Fehler: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Vec<String>) -> Result<(), String> {
    let config = Config::from_env()?;
    let command = args.first().map(String::as_str).unwrap_or("serve");
    match command {
        "serve" => serve(config).await,
        "create-admin" => create_admin(config, &args[1..]).await,
        "seed-demo" => {
            let db = db::connect_and_migrate(&config.database_url)
                .await
                .map_err(|e| e.to_string())?;
            if !demo::is_empty(&db).await.map_err(|e| e.to_string())? {
                return Err("Die Datenbank enthält bereits Konten; Demo-Daten werden nur in eine leere Datenbank geladen.".into());
            }
            demo::seed_with_example(&db)
                .await
                .map_err(|e| e.to_string())?;
            print!("{}", demo::credentials_text());
            Ok(())
        }
        "migrate" => {
            db::connect_and_migrate(&config.database_url)
                .await
                .map_err(|e| e.to_string())?;
            println!("Datenbankschema ist aktuell.");
            Ok(())
        }
        "verify-audit" => verify_audit(config).await,
        "verify-version" => verify_version(config, &args[1..]).await,
        "render-documents" => {
            let process = args
                .get(1)
                .and_then(|p| p.parse::<i64>().ok())
                .ok_or_else(|| format!("render-documents braucht PROZESS\n{USAGE}"))?;
            let db = db::connect_and_migrate(&config.database_url)
                .await
                .map_err(|e| e.to_string())?;
            let measured = server::documents::measure(&db, process).await?;
            println!(
                "{}",
                serde_json::to_string(&measured).map_err(|e| e.to_string())?
            );
            Ok(())
        }
        "seed-load" => seed_load(config, &args[1..]).await,
        "bench-import" => bench_import(config, &args[1..]).await,
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unbekannter Befehl „{other}“\n{USAGE}")),
    }
}

async fn serve(config: Config) -> Result<(), String> {
    let db = db::connect_and_migrate(&config.database_url)
        .await
        .map_err(|e| e.to_string())?;
    if demo::is_empty(&db).await.map_err(|e| e.to_string())? {
        if config.demo {
            demo::seed_with_example(&db)
                .await
                .map_err(|e| e.to_string())?;
            println!("{}", demo::credentials_text());
        } else {
            println!(
                "Noch keine Konten. Legen Sie eines an mit: server create-admin --email … --name …"
            );
        }
    } else if config.demo {
        println!("{}", demo::credentials_text());
    }
    let app = build_app(&config, db).await.map_err(|e| e.to_string())?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("Adresse {} kann nicht verwendet werden: {e}", config.addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    println!("Mitsprache läuft auf http://{addr}  (Beenden mit Strg+C)");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .map_err(|e| e.to_string())
}

/// Verifies the audit log in batches; prints the number of entries and the head (seq and hash,
/// worth noting elsewhere: only a recorded head shows that the newest entries were dropped), or
/// fails naming the first broken entry.
async fn verify_audit(config: Config) -> Result<(), String> {
    let db = db::connect_and_migrate(&config.database_url)
        .await
        .map_err(|e| e.to_string())?;
    let report = app::audit::ssr::verify(&db)
        .await
        .map_err(|e| e.to_string())?;
    if let Some(broken) = report.broken {
        return Err(format!(
            "{}\n{} Einträge davor sind intakt.",
            broken.message, report.checked
        ));
    }
    match report.head {
        Some(head) => println!(
            "Audit-Protokoll intakt: {} Einträge geprüft.\nLetzter Eintrag: {}\nLetzter Hash: {}",
            report.checked, head.seq, head.hash
        ),
        None => println!("Audit-Protokoll intakt: noch keine Einträge."),
    }
    Ok(())
}

/// Checks a file (e.g. the Markdown source downloaded with the guideline) against the hash
/// recorded for a version; fails when they differ or the stored text no longer has its hash.
async fn verify_version(config: Config, args: &[String]) -> Result<(), String> {
    let [process, version, file] = args else {
        return Err(format!(
            "verify-version braucht PROZESS VERSION DATEI\n{USAGE}"
        ));
    };
    let process: i64 = process
        .parse()
        .map_err(|_| format!("PROZESS ist die Nummer des Prozesses, nicht „{process}“"))?;
    let version: i32 = version
        .parse()
        .map_err(|_| format!("VERSION ist die Nummer der Version, nicht „{version}“"))?;
    let bytes =
        std::fs::read(file).map_err(|e| format!("{file} kann nicht gelesen werden: {e}"))?;
    let db = db::connect_and_migrate(&config.database_url)
        .await
        .map_err(|e| e.to_string())?;
    let check = app::document::ssr::verify_version(&db, process, version, &bytes)
        .await
        .map_err(|e| match e {
            app::error::AppError::NotFound => {
                format!("Prozess {process} hat keine Version {version}.")
            }
            other => other.to_string(),
        })?;
    println!("Prüfsumme der Datei:              {}", check.file);
    println!("Erfasste Prüfsumme der Version:   {}", check.recorded);
    if let Some(frozen) = &check.frozen {
        println!("Eingefroren zur Verabschiedung:   {frozen}");
    }
    if check.stored != check.recorded {
        return Err(format!(
            "Der gespeicherte Text von Version {version} hat nicht mehr seine erfasste Prüfsumme \
             (jetzt {}). Die Datenbank wurde verändert.",
            check.stored
        ));
    }
    if check.ok() {
        println!("Die Datei enthält genau den Text von Version {version}.");
        Ok(())
    } else if check.matches_with_lf {
        Err("Die Datei weicht nur in den Zeilenenden ab (CR LF statt LF): der Text ist derselbe, \
             die Bytes nicht. Laden Sie den Quelltext erneut herunter, ohne ihn zu öffnen und zu speichern."
            .into())
    } else {
        Err(format!(
            "Die Datei enthält NICHT den Text von Version {version}."
        ))
    }
}

/// Loads the benchmark organisation (see `server::load`) and prints, or writes as JSON, what
/// the benchmark needs.
async fn seed_load(config: Config, args: &[String]) -> Result<(), String> {
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let scale = match value("--scale") {
        Some(f) => match f.parse::<f64>() {
            Ok(f) if f > 0.0 && f <= 1.0 => server::load::LoadScale::scaled(f),
            _ => {
                return Err(format!(
                    "--scale erwartet eine Zahl über 0 bis 1, nicht „{f}“"
                ))
            }
        },
        None => server::load::LoadScale::FULL,
    };
    let db = db::connect_and_migrate(&config.database_url)
        .await
        .map_err(|e| e.to_string())?;
    let started = std::time::Instant::now();
    let report = server::load::seed_load(&db, scale)
        .await
        .map_err(|e| e.to_string())?;
    let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    match value("--out") {
        Some(path) => std::fs::write(&path, json + "\n")
            .map_err(|e| format!("{path} kann nicht geschrieben werden: {e}"))?,
        None => println!("{json}"),
    }
    eprintln!(
        "Lastdaten geladen in {:.1} s: {} Konten, {} Wörter in {} Kapiteln, {} Versionen, {} Kommentare ({} Antworten), {} Unterstützungen, {} Audit-Einträge. Passwort aller Konten: {}",
        started.elapsed().as_secs_f64(),
        report.users,
        report.words,
        report.chapters,
        report.version_number,
        report.comments,
        report.replies,
        report.supports,
        report.audit_entries,
        report.password
    );
    Ok(())
}

async fn create_admin(config: Config, args: &[String]) -> Result<(), String> {
    use app::account::ssr::create_user_with_password;
    use app::domain::account::{DisplayName, Email, NewPassword, Role};

    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let email = value("--email").ok_or_else(|| format!("--email fehlt\n{USAGE}"))?;
    let name = value("--name").ok_or_else(|| format!("--name fehlt\n{USAGE}"))?;
    let email = Email::parse(&email).map_err(|e| e.to_string())?;
    let name = DisplayName::parse(&name).map_err(|e| e.to_string())?;
    let password = match std::env::var("MITSPRACHE_ADMIN_PASSWORD") {
        Ok(password) => password,
        Err(_) => {
            eprintln!("Passwort für {email} eingeben (mindestens 10 Zeichen), dann Enter:");
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|e| e.to_string())?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let password = NewPassword::parse(&password, &password).map_err(|e| e.to_string())?;
    let db = db::connect_and_migrate(&config.database_url)
        .await
        .map_err(|e| e.to_string())?;
    let user = create_user_with_password(
        &db,
        &name,
        &email,
        &[Role::Staff, Role::Coordinator],
        &password,
    )
    .await
    .map_err(|e| e.to_string())?;
    println!(
        "Koordinator:in {} <{}> angelegt (id {}).",
        user.display_name, user.email, user.id
    );
    Ok(())
}

/// Measures the staff import on the configured (empty) database: a generated list of `--rows`
/// people (default 15,000) as German Excel saves it, then reading it into a preview, showing
/// the preview, and applying it. Prints the times (bench/import.sh runs it on SQLite and
/// PostgreSQL); never against a production database.
async fn bench_import(config: Config, args: &[String]) -> Result<(), String> {
    use std::time::Instant;
    let rows: usize = args
        .iter()
        .position(|a| a == "--rows")
        .and_then(|i| args.get(i + 1))
        .map(|n| {
            n.parse()
                .map_err(|_| format!("--rows erwartet eine Zahl, nicht „{n}“"))
        })
        .transpose()?
        .unwrap_or(15_000);
    let db = db::connect_and_migrate(&config.database_url)
        .await
        .map_err(|e| e.to_string())?;
    if !demo::is_empty(&db).await.map_err(|e| e.to_string())? {
        return Err("bench-import braucht eine leere Datenbank.".into());
    }
    demo::seed(&db).await.map_err(|e| e.to_string())?;
    let coordinator = 1;
    let teams = [
        "Pflege",
        "Beratung",
        "Verwaltung",
        "Kita",
        "K\u{fc}che",
        "Wohnbereich 2",
    ];
    let mut csv = String::from("Name;E-Mail;Team;Rolle\r\n");
    for i in 0..rows {
        csv.push_str(&format!(
            "Person {i} M\u{fc}ller;person{i}@last.example.org;{};\r\n",
            teams[i % teams.len()]
        ));
    }
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&csv);
    let started = Instant::now();
    let id =
        app::import::ssr::store_upload(&db, coordinator, "liste.csv", &bytes, chrono::Utc::now())
            .await
            .map_err(|e| e.to_string())?;
    let upload = started.elapsed();
    let started = Instant::now();
    let view = app::import::ssr::view(&db, id, None, 1)
        .await
        .map_err(|e| e.to_string())?;
    let preview = started.elapsed();
    let started = Instant::now();
    let outcome = app::import::ssr::apply(
        &db,
        id,
        coordinator,
        &view.fingerprint,
        app::import::ssr::Sync::default(),
        chrono::Utc::now(),
    )
    .await
    .map_err(|e| e.to_string())?;
    let apply = started.elapsed();
    println!(
        "{{\"rows\": {rows}, \"bytes\": {}, \"upload_and_read_s\": {:.2}, \"preview_s\": {:.2}, \"upload_plus_preview_s\": {:.2}, \"apply_s\": {:.2}, \"created\": {}}}",
        bytes.len(),
        upload.as_secs_f64(),
        preview.as_secs_f64(),
        (upload + preview).as_secs_f64(),
        apply.as_secs_f64(),
        outcome.created
    );
    Ok(())
}
