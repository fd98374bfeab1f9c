//! Account services: passwords, log-in with throttling, invitations, deactivation (server only).
//!
//! Plain async functions on a database connection, so tests and the CLI can call them directly.

use super::{AccountStatus, TeamFilter, UserSummary};
use crate::domain::account::LoginInput;
use crate::domain::account::{DisplayName, Email, NewPassword, Role};
use crate::domain::invitation::{self, InvitationError, InvitationState};
use crate::domain::notification::MailKind;
use crate::domain::team::{distinct_names, team_key, TeamName};
use crate::domain::throttle::{self, Admission, AttemptCount, ThrottlePolicy, ThrottleRow};
use crate::entities::{
    invitation as invitation_row, login_throttle, password_reset, user, user_role,
};
use crate::error::{AppError, Context};
use crate::notification::content::{render_link_mail, MailFrame};
use crate::notification::outbox::queue_link_mail;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine;
use chrono::{DateTime, Utc};
use rand::RngCore;
use sea_orm::sea_query::{Expr, Func, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use sha2::{Digest, Sha256};
use std::sync::LazyLock;

/// argon2id with the OWASP-recommended minimum: 19 MiB memory, 2 iterations, 1 lane.
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("constant argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A hash verified when the e-mail is unknown, so that both cases take the same time.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_password_blocking("dummy password that nobody uses").unwrap_or_default());

fn hash_password_blocking(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|err| AppError::internal("hashing a password", err))
}

/// The queue of password checks and hashes that requests wait in.
///
/// At most `parallel` argon2 computations run at once (one per core by default). Each takes
/// 19 MiB and a core for tens of milliseconds; unbounded, 64 simultaneous log-ins took 2.7 GB
/// of memory and made every one of them wait for all the others (bench/README.md, "Findings").
/// At most `max_waiting` requests wait for their turn; beyond that a request is answered at once
/// with [`AppError::Busy`] instead of piling up (a flood of log-ins cannot exhaust memory or
/// make everyone wait minutes).
#[derive(Debug)]
pub struct PasswordQueue {
    permits: tokio::sync::Semaphore,
    waiting: std::sync::atomic::AtomicUsize,
    max_waiting: usize,
}

impl PasswordQueue {
    /// A queue running `parallel` computations at once with room for `max_waiting` more.
    pub fn new(parallel: usize, max_waiting: usize) -> Self {
        Self {
            permits: tokio::sync::Semaphore::new(parallel.max(1)),
            waiting: std::sync::atomic::AtomicUsize::new(0),
            max_waiting,
        }
    }

    /// One computation per core, and up to 16 per core waiting (a few seconds of work).
    pub fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self::new(cores, 16 * cores)
    }

    /// Waits for a turn, or refuses at once with `Busy` when the queue is full.
    async fn turn(&self) -> Result<tokio::sync::SemaphorePermit<'_>, AppError> {
        use std::sync::atomic::Ordering::SeqCst;
        // A free permit needs no place in the queue.
        if let Ok(permit) = self.permits.try_acquire() {
            return Ok(permit);
        }
        if self.waiting.fetch_add(1, SeqCst) >= self.max_waiting {
            self.waiting.fetch_sub(1, SeqCst);
            tracing::warn!("password queue full; request refused with 503");
            return Err(AppError::Busy);
        }
        let permit = self.permits.acquire().await;
        self.waiting.fetch_sub(1, SeqCst);
        permit.map_err(|_| AppError::internal("waiting for a password check", "queue closed"))
    }

    /// Hashes a new password in turn, off the async runtime.
    pub async fn hash(&self, password: &NewPassword) -> Result<String, AppError> {
        let _turn = self.turn().await?;
        hash_password(password).await
    }

    /// Verifies a password against a stored hash (or the dummy hash) in turn.
    pub async fn verify(&self, stored: Option<String>, candidate: &str) -> Result<bool, AppError> {
        let _turn = self.turn().await?;
        verify_password_now(stored, candidate).await
    }
}

/// Hashes a password off the async runtime (argon2 takes tens of milliseconds by design).
/// Without a queue: for the command line and seeders; requests go through [`PasswordQueue`].
pub async fn hash_password(password: &NewPassword) -> Result<String, AppError> {
    let password = password.expose().to_owned();
    tokio::task::spawn_blocking(move || hash_password_blocking(&password))
        .await
        .map_err(|err| AppError::internal("hashing a password", err))?
}

/// Verifies a password against a stored hash (or the dummy hash) off the async runtime.
async fn verify_password_now(stored: Option<String>, candidate: &str) -> Result<bool, AppError> {
    let candidate = candidate.to_owned();
    let known = stored.is_some();
    tokio::task::spawn_blocking(move || {
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.clone());
        let ok = PasswordHash::new(&stored)
            .map(|hash| {
                hasher()
                    .verify_password(candidate.as_bytes(), &hash)
                    .is_ok()
            })
            .unwrap_or(false);
        ok && known
    })
    .await
    .map_err(|err| AppError::internal("verifying a password", err))
}

/// Creates a random token for a link and the hash to store.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

/// The stored form of a token: hex SHA-256.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Why a log-in failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoginError {
    /// Unknown e-mail or wrong password (deliberately the same).
    #[error("E-Mail oder Passwort ist falsch")]
    InvalidCredentials,
    /// The account is deactivated (only said to someone who knows the password).
    #[error("Dieses Konto ist deaktiviert. Bitte wenden Sie sich an Ihre Koordination.")]
    Deactivated,
    /// Too many failures for the account or the address.
    #[error("Zu viele fehlgeschlagene Anmeldeversuche.")]
    Throttled {
        /// When the next attempt is allowed.
        until: DateTime<Utc>,
    },
    /// The check could not run (e.g. the password queue is full); the error says why.
    #[error("{0}")]
    Refused(AppError),
    /// The database failed.
    #[error("internal")]
    Internal,
}

impl From<sea_orm::DbErr> for LoginError {
    #[track_caller]
    fn from(err: sea_orm::DbErr) -> Self {
        let at = std::panic::Location::caller();
        tracing::error!(at = %at, error = %crate::error::ErrorChain(&err), "database error during log-in");
        LoginError::Internal
    }
}

impl From<LoginError> for AppError {
    fn from(err: LoginError) -> Self {
        match err {
            LoginError::InvalidCredentials | LoginError::Deactivated => {
                AppError::Invalid(err.to_string())
            }
            LoginError::Throttled { until } => {
                let minutes = (until - Utc::now()).num_minutes().max(0) + 1;
                AppError::TooManyAttempts { minutes }
            }
            LoginError::Refused(err) => err,
            // Logged with its cause where the `LoginError::Internal` was made.
            LoginError::Internal => AppError::Internal,
        }
    }
}

fn account_key(email: &str) -> String {
    format!("account:{email}")
}

fn address_key(addr: &str) -> String {
    format!("address:{addr}")
}

fn password_change_key(user_id: i64) -> String {
    format!("password-change:{user_id}")
}

fn row_of(r: &login_throttle::Model) -> ThrottleRow {
    ThrottleRow {
        attempts: r.failures.max(0) as u32,
        window_started_at: r.window_started_at,
        blocked_until: r.blocked_until,
    }
}

/// Counts one attempt for `key` and decides whether it may be checked — atomically: the row
/// is locked (PostgreSQL) or the database's write lock taken (SQLite) before it is read, so
/// parallel attempts are counted one after the other and none is lost.
pub async fn count_attempt(
    db: &DatabaseConnection,
    key: &str,
    policy: ThrottlePolicy,
    now: DateTime<Utc>,
) -> Result<Admission, sea_orm::DbErr> {
    let txn = db.begin().await?;
    // Make sure the row exists (a concurrent first attempt may insert it as well)...
    login_throttle::Entity::insert(login_throttle::ActiveModel {
        key: Set(key.to_owned()),
        failures: Set(0),
        window_started_at: Set(now),
        blocked_until: Set(None),
    })
    .on_conflict(
        OnConflict::column(login_throttle::Column::Key)
            .do_nothing()
            .to_owned(),
    )
    .do_nothing()
    .exec(&txn)
    .await?;
    // ...then write to it first: this takes the row lock, and only then is it read.
    login_throttle::Entity::update_many()
        .col_expr(
            login_throttle::Column::Failures,
            Expr::col(login_throttle::Column::Failures).into(),
        )
        .filter(login_throttle::Column::Key.eq(key))
        .exec(&txn)
        .await?;
    let current = login_throttle::Entity::find_by_id(key.to_owned())
        .one(&txn)
        .await?
        .map(|r| row_of(&r))
        .filter(|r| r.attempts > 0);
    let next = throttle::count_attempt(policy, current.as_ref(), now);
    login_throttle::Entity::update_many()
        .col_expr(
            login_throttle::Column::Failures,
            Expr::value(next.attempts as i32),
        )
        .col_expr(
            login_throttle::Column::WindowStartedAt,
            Expr::value(next.window_started_at),
        )
        .col_expr(
            login_throttle::Column::BlockedUntil,
            Expr::value(next.blocked_until),
        )
        .filter(login_throttle::Column::Key.eq(key))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(throttle::admit(
        policy,
        AttemptCount {
            attempts: next.attempts,
            blocked_until: next.blocked_until,
        },
        now,
    ))
}

/// Takes back an attempt that turned out right: it was counted before the check, and only
/// failures (and attempts still being checked) may count towards the limit.
async fn take_back_attempt(db: &DatabaseConnection, key: &str) -> Result<(), sea_orm::DbErr> {
    login_throttle::Entity::update_many()
        .col_expr(
            login_throttle::Column::Failures,
            Expr::col(login_throttle::Column::Failures).sub(1),
        )
        .filter(login_throttle::Column::Key.eq(key))
        .filter(login_throttle::Column::Failures.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes throttle rows that neither block nor count any more (called on a schedule).
pub async fn delete_expired_throttles(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<u64, sea_orm::DbErr> {
    // The longest window any counter uses (log-in 15 minutes, password-reset requests an hour).
    let window = ThrottlePolicy::per_account()
        .window
        .max(ThrottlePolicy::per_address().window)
        .max(reset_policies().0.window)
        .max(reset_policies().1.window);
    let result = login_throttle::Entity::delete_many()
        .filter(login_throttle::Column::WindowStartedAt.lte(now - window))
        .filter(
            Condition::any()
                .add(login_throttle::Column::BlockedUntil.is_null())
                .add(login_throttle::Column::BlockedUntil.lte(now)),
        )
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Checks e-mail and password, applying the per-account and per-address throttle. Both
/// counters are raised before the password is checked (see [`count_attempt`]), so a burst of
/// parallel attempts gets at most the policy's number of checks; a right password takes its
/// attempt back.
pub async fn login(
    db: &DatabaseConnection,
    passwords: &PasswordQueue,
    input: &LoginInput,
    client_addr: &str,
    now: DateTime<Utc>,
) -> Result<user::Model, LoginError> {
    let email_key = account_key(&input.email_key());
    let addr_key = address_key(client_addr);
    let counted = [
        (&addr_key, ThrottlePolicy::per_address()),
        (&email_key, ThrottlePolicy::per_account()),
    ];
    for (i, (key, policy)) in counted.iter().enumerate() {
        if let Admission::Refuse { until } = count_attempt(db, key, *policy, now).await? {
            // The attempt was not checked: it must not use up the other key's allowance.
            for (earlier, _) in &counted[..i] {
                take_back_attempt(db, earlier).await?;
            }
            return Err(LoginError::Throttled { until });
        }
    }
    let found = match Email::parse(input.email()) {
        Ok(email) => user_by_email(db, &email)
            .await
            // `user_by_email` has logged the cause.
            .map_err(|_| LoginError::Internal)?,
        Err(_) => None,
    };
    let stored = found.as_ref().and_then(|u| u.password_hash.clone());
    let valid = match passwords.verify(stored, input.password()).await {
        Ok(valid) => valid,
        Err(err) => {
            // Not checked (queue full or a fault): not a failure of the person.
            take_back_attempt(db, &email_key).await?;
            take_back_attempt(db, &addr_key).await?;
            return Err(LoginError::Refused(err));
        }
    };
    match found {
        Some(user) if valid => {
            login_throttle::Entity::delete_by_id(email_key)
                .exec(db)
                .await?;
            take_back_attempt(db, &addr_key).await?;
            if !user.active {
                return Err(LoginError::Deactivated);
            }
            Ok(user)
        }
        _ => Err(LoginError::InvalidCredentials),
    }
}

/// Creates an active account with a password directly (CLI `create-admin`, demo data).
pub async fn create_user_with_password(
    db: &(impl ConnectionTrait + TransactionTrait),
    name: &DisplayName,
    email: &Email,
    roles: &[Role],
    password: &NewPassword,
) -> Result<user::Model, AppError> {
    let hash = hash_password(password).await?;
    let txn = db
        .begin()
        .await
        .context("creating an account with a password")?;
    let user = insert_user(&txn, None, name, email, roles, Some(hash), None).await?;
    txn.commit()
        .await
        .context("creating an account with a password")?;
    Ok(user)
}

/// Inserts an account with its roles; each role is logged as granted by `granted_by` (`None`:
/// the system, e.g. the CLI). Call it inside a transaction.
pub(crate) async fn insert_user(
    db: &impl ConnectionTrait,
    granted_by: Option<i64>,
    name: &DisplayName,
    email: &Email,
    roles: &[Role],
    password_hash: Option<String>,
    team: Option<String>,
) -> Result<user::Model, AppError> {
    let user = user::ActiveModel {
        email: Set(email.as_str().to_owned()),
        display_name: Set(name.as_str().to_owned()),
        password_hash: Set(password_hash),
        active: Set(true),
        session_epoch: Set(0),
        created_at: Set(Utc::now()),
        deactivated_at: Set(None),
        team: Set(team),
        ..Default::default()
    }
    .insert(db)
    .await;
    // Insert first and let the unique index answer "taken": a read before the write would make
    // SQLite upgrade the transaction's lock, which fails at once ("database is locked") when
    // another connection (e.g. the mail sender) wrote meanwhile.
    let user = match user {
        Ok(user) => user,
        Err(err) if crate::error::is_unique_violation(&err) => {
            return Err(AppError::Invalid(format!(
                "Es gibt bereits ein Konto mit der E-Mail-Adresse {email}."
            )));
        }
        Err(err) => return Err(err).context("storing a new account"),
    };
    let mut roles = roles.to_vec();
    roles.sort();
    roles.dedup();
    for role in roles {
        user_role::ActiveModel {
            user_id: Set(user.id),
            role: Set(role),
        }
        .insert(db)
        .await
        .context("storing a new account")?;
        crate::audit::ssr::record(
            db,
            granted_by,
            crate::domain::audit::AuditAction::RoleGranted,
            "user",
            Some(user.id),
            serde_json::json!({ "role": role.as_str(), "new_account": true }),
        )
        .await?;
    }
    Ok(user)
}

async fn insert_invitation(
    db: &impl ConnectionTrait,
    user_id: i64,
    created_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    invitation_row::Entity::update_many()
        .col_expr(invitation_row::Column::Revoked, Expr::value(true))
        .filter(invitation_row::Column::UserId.eq(user_id))
        .filter(invitation_row::Column::UsedAt.is_null())
        .exec(db)
        .await
        .context("storing an invitation")?;
    let (token, hash) = new_token();
    invitation_row::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(hash),
        created_by: Set(created_by),
        created_at: Set(now),
        expires_at: Set(now + invitation::validity()),
        used_at: Set(None),
        revoked: Set(false),
        ..Default::default()
    }
    .insert(db)
    .await
    .context("storing an invitation")?;
    Ok(token)
}

/// Creates an account without password (with an optional team) and an invitation for it;
/// returns the account and token.
// The form's fields plus the optional mail: a struct would only rename them.
#[expect(clippy::too_many_arguments)]
pub async fn create_invited_user(
    db: &DatabaseConnection,
    created_by: i64,
    name: &DisplayName,
    email: &Email,
    roles: &[Role],
    team: Option<&TeamName>,
    mail: Option<&MailFrame>,
    now: DateTime<Utc>,
) -> Result<(user::Model, String), AppError> {
    let team = match team {
        Some(team) => Some(canonical_team(db, team).await?),
        None => None,
    };
    let txn = db.begin().await.context("creating an invited account")?;
    let user = insert_user(&txn, Some(created_by), name, email, roles, None, team).await?;
    let token = insert_invitation(&txn, user.id, Some(created_by), now).await?;
    if let Some(frame) = mail {
        queue_invitation_mail(&txn, frame, &user, &token).await?;
    }
    txn.commit().await.context("creating an invited account")?;
    Ok((user, token))
}

/// Queues the invitation mail in the transaction that made the link.
pub(crate) async fn queue_invitation_mail(
    conn: &impl ConnectionTrait,
    frame: &MailFrame,
    user: &user::Model,
    token: &str,
) -> Result<(), AppError> {
    let link = format!("{}/einladung/{token}", frame.public_url);
    let rendered = render_link_mail(
        frame,
        &user.display_name,
        "Einladung zu Mitsprache",
        &format!(
            "{} lädt Sie ein, auf der Plattform Mitsprache mitzuwirken: Dort entstehen Leitlinien \
             gemeinsam, und Ihre Sicht zählt. Mit diesem Link legen Sie Ihr Passwort fest (gültig 7 Tage):",
            frame.organisation
        ),
        &link,
        "Wenn Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.",
    );
    queue_link_mail(
        conn,
        MailKind::Invitation,
        user.id,
        (&user.email, &user.display_name),
        rendered,
    )
    .await
}

/// Replaces any open invitation of an account that has not set a password yet.
pub async fn reinvite(
    db: &DatabaseConnection,
    created_by: i64,
    user_id: i64,
    mail: Option<&MailFrame>,
    now: DateTime<Utc>,
) -> Result<(user::Model, String), AppError> {
    let user = user::Entity::find_by_id(user_id)
        .one(db)
        .await
        .context("inviting an account again")?
        .ok_or(AppError::NotFound)?;
    if !user.active {
        return Err(AppError::Invalid("Dieses Konto ist deaktiviert.".into()));
    }
    if user.password_hash.is_some() {
        return Err(AppError::Invalid(
            "Diese Person hat ihr Konto bereits aktiviert.".into(),
        ));
    }
    let txn = db.begin().await.context("inviting an account again")?;
    let token = insert_invitation(&txn, user.id, Some(created_by), now).await?;
    if let Some(frame) = mail {
        queue_invitation_mail(&txn, frame, &user, &token).await?;
    }
    txn.commit().await.context("inviting an account again")?;
    Ok((user, token))
}

async fn find_invitation(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<(invitation_row::Model, user::Model)>, AppError> {
    let Some(inv) = invitation_row::Entity::find()
        .filter(invitation_row::Column::TokenHash.eq(token_hash(token.trim())))
        .one(db)
        .await
        .context("loading an invitation")?
    else {
        return Ok(None);
    };
    let user = user::Entity::find_by_id(inv.user_id)
        .one(db)
        .await
        .context("loading an invitation")?;
    Ok(user.map(|u| (inv, u)))
}

fn usable(
    found: &Option<(invitation_row::Model, user::Model)>,
    now: DateTime<Utc>,
) -> Result<(), InvitationError> {
    invitation::check_usable(
        found.as_ref().map(|(inv, user)| InvitationState {
            expires_at: inv.expires_at,
            used_at: inv.used_at,
            revoked: inv.revoked,
            account_active: user.active,
        }),
        now,
    )
}

/// The invited person's name, if the token can be used now.
pub async fn invitation_name(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let found = find_invitation(db, token).await?;
    usable(&found, now).map_err(AppError::invalid)?;
    Ok(found.map(|(_, user)| user.display_name).unwrap_or_default())
}

/// Sets the password of an invited account and marks the invitation used (exactly once, even
/// if two requests race).
pub async fn accept_invitation(
    db: &DatabaseConnection,
    passwords: &PasswordQueue,
    token: &str,
    password: &NewPassword,
    now: DateTime<Utc>,
) -> Result<user::Model, AppError> {
    let found = find_invitation(db, token).await?;
    usable(&found, now).map_err(AppError::invalid)?;
    let Some((inv, user)) = found else {
        return Err(AppError::invalid(InvitationError::Unknown));
    };
    let hash = passwords.hash(password).await?;
    let txn = db.begin().await.context("accepting an invitation")?;
    let claimed = invitation_row::Entity::update_many()
        .col_expr(invitation_row::Column::UsedAt, Expr::value(now))
        .filter(invitation_row::Column::Id.eq(inv.id))
        .filter(invitation_row::Column::UsedAt.is_null())
        .exec(&txn)
        .await
        .context("accepting an invitation")?;
    if claimed.rows_affected != 1 {
        return Err(AppError::invalid(InvitationError::AlreadyUsed));
    }
    let mut active: user::ActiveModel = user.into();
    active.password_hash = Set(Some(hash));
    let user = active
        .update(&txn)
        .await
        .context("accepting an invitation")?;
    txn.commit().await.context("accepting an invitation")?;
    Ok(user)
}

/// Deactivates an account: it can no longer log in, its sessions end, open invitations die.
pub async fn deactivate(
    db: &DatabaseConnection,
    by: i64,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<user::Model, AppError> {
    let user = user::Entity::find_by_id(user_id)
        .one(db)
        .await
        .context("deactivating an account")?
        .ok_or(AppError::NotFound)?;
    if !user.active {
        return Ok(user);
    }
    let txn = db.begin().await.context("deactivating an account")?;
    let epoch = user.session_epoch + 1;
    let mut active: user::ActiveModel = user.into();
    active.active = Set(false);
    active.session_epoch = Set(epoch);
    active.deactivated_at = Set(Some(now));
    let user = active
        .update(&txn)
        .await
        .context("deactivating an account")?;
    invitation_row::Entity::update_many()
        .col_expr(invitation_row::Column::Revoked, Expr::value(true))
        .filter(invitation_row::Column::UserId.eq(user_id))
        .filter(invitation_row::Column::UsedAt.is_null())
        .exec(&txn)
        .await
        .context("deactivating an account")?;
    crate::audit::ssr::record(
        &txn,
        Some(by),
        crate::domain::audit::AuditAction::UserDeactivated,
        "user",
        Some(user_id),
        // No name or e-mail in the hashed entry (it can never change again, DSGVO Art. 17):
        // the audit page shows the account's current name beside its number.
        serde_json::json!({}),
    )
    .await?;
    txn.commit().await.context("deactivating an account")?;
    Ok(user)
}

/// Changes the own password after checking the current one; other sessions of the account end.
/// Wrong current passwords are throttled like log-ins (five in 15 minutes), so a session left
/// open on a shared PC cannot be used to guess the password.
pub async fn change_password(
    db: &DatabaseConnection,
    passwords: &PasswordQueue,
    user_id: i64,
    current: &str,
    new: &NewPassword,
    now: DateTime<Utc>,
) -> Result<user::Model, AppError> {
    let user = user::Entity::find_by_id(user_id)
        .one(db)
        .await
        .context("changing a password")?
        .ok_or(AppError::Unauthenticated)?;
    if current.chars().count() > crate::domain::account::LOGIN_PASSWORD_MAX {
        return Err(AppError::Invalid(
            "Das aktuelle Passwort ist nicht richtig.".into(),
        ));
    }
    let key = password_change_key(user_id);
    if let Admission::Refuse { until } = count_attempt(db, &key, ThrottlePolicy::per_account(), now)
        .await
        .context("changing a password")?
    {
        return Err(LoginError::Throttled { until }.into());
    }
    if !passwords
        .verify(user.password_hash.clone(), current)
        .await?
    {
        return Err(AppError::Invalid(
            "Das aktuelle Passwort ist nicht richtig.".into(),
        ));
    }
    login_throttle::Entity::delete_by_id(key)
        .exec(db)
        .await
        .context("changing a password")?;
    let hash = passwords.hash(new).await?;
    let epoch = user.session_epoch + 1;
    let mut active: user::ActiveModel = user.into();
    active.password_hash = Set(Some(hash));
    active.session_epoch = Set(epoch);
    active.update(db).await.context("changing a password")
}

/// Display names of the given accounts (for "who did it" lines); unknown ids are left out.
pub async fn display_names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<std::collections::HashMap<i64, String>, AppError> {
    let mut ids: Vec<i64> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    Ok(user::Entity::find()
        .select_only()
        .columns([user::Column::Id, user::Column::DisplayName])
        .filter(user::Column::Id.is_in(ids))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await
        .context("loading display names")?
        .into_iter()
        .collect())
}

/// The account with this address, active or not.
pub async fn user_by_email(
    db: &impl ConnectionTrait,
    email: &Email,
) -> Result<Option<user::Model>, AppError> {
    user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(db)
        .await
        .context("loading a user by e-mail address")
}

/// The active account with this address, or the German message that there is none (for forms
/// that appoint a person by e-mail address).
pub async fn active_user_by_email(
    db: &impl ConnectionTrait,
    email: &Email,
) -> Result<user::Model, AppError> {
    user_by_email(db, email)
        .await?
        .filter(|u| u.active)
        .ok_or_else(|| {
            AppError::Invalid(format!(
                "Es gibt kein aktives Konto mit der E-Mail-Adresse {email}."
            ))
        })
}

/// One page of accounts of the filter, ordered by name.
pub async fn list_users(
    db: &DatabaseConnection,
    filter: &TeamFilter,
    search: &str,
    page: u64,
    per_page: u64,
) -> Result<(Vec<UserSummary>, u64), AppError> {
    let mut query = user::Entity::find();
    // A part of the name or the address, case-insensitive; `%`, `_` and `\` match themselves.
    let search = search.trim().to_lowercase();
    if !search.is_empty() {
        let escaped: String = search
            .chars()
            .take(254)
            .flat_map(|c| match c {
                '%' | '_' | '\\' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        let pattern = format!("%{escaped}%");
        let like = |col: user::Column| {
            Expr::expr(Func::lower(Expr::col(col)))
                .like(sea_orm::sea_query::LikeExpr::new(pattern.clone()).escape('\\'))
        };
        query = query.filter(
            sea_orm::Condition::any()
                .add(like(user::Column::DisplayName))
                .add(like(user::Column::Email)),
        );
    }
    match filter {
        TeamFilter::All => {}
        TeamFilter::WithoutTeam => query = query.filter(user::Column::Team.is_null()),
        TeamFilter::Team(name) => {
            // Stored names are already trimmed and collapsed; compare case-insensitively.
            query = query
                .filter(Expr::expr(Func::lower(Expr::col(user::Column::Team))).eq(team_key(name)));
        }
    }
    let paginator = query
        .order_by_asc(user::Column::DisplayName)
        .order_by_asc(user::Column::Id)
        .paginate(db, per_page);
    let total = paginator.num_items().await.context("listing accounts")?;
    let users = paginator
        .fetch_page(page)
        .await
        .context("listing accounts")?;
    let ids: Vec<i64> = users.iter().map(|u| u.id).collect();
    let roles = user_role::Entity::find()
        .filter(user_role::Column::UserId.is_in(ids))
        .all(db)
        .await
        .context("listing accounts")?;
    let summaries = users
        .into_iter()
        .map(|u| {
            let mut user_roles: Vec<Role> = roles
                .iter()
                .filter(|r| r.user_id == u.id)
                .map(|r| r.role)
                .collect();
            user_roles.sort();
            UserSummary {
                id: u.id,
                display_name: u.display_name,
                email: u.email,
                roles: user_roles,
                status: if !u.active {
                    AccountStatus::Deactivated
                } else if u.password_hash.is_none() {
                    AccountStatus::Invited
                } else {
                    AccountStatus::Active
                },
                team: u.team,
            }
        })
        .collect();
    Ok((summaries, total))
}

/// Every team name in use by an account, one spelling each, sorted.
pub async fn team_names(db: &impl ConnectionTrait) -> Result<Vec<String>, AppError> {
    let names: Vec<Option<String>> = user::Entity::find()
        .select_only()
        .column(user::Column::Team)
        .distinct()
        .filter(user::Column::Team.is_not_null())
        .into_tuple()
        .all(db)
        .await
        .context("loading the team names")?;
    Ok(distinct_names(names.iter().flatten().map(String::as_str)))
}

/// Sets or clears an account's team. A name that differs from a team in use only by case
/// takes the spelling in use, so one team is not listed twice.
pub async fn set_team(
    db: &DatabaseConnection,
    user_id: i64,
    team: Option<&TeamName>,
) -> Result<user::Model, AppError> {
    let user = user::Entity::find_by_id(user_id)
        .one(db)
        .await
        .context("setting an account's team")?
        .ok_or(AppError::NotFound)?;
    let stored = match team {
        None => None,
        Some(team) => Some(canonical_team(db, team).await?),
    };
    let mut active: user::ActiveModel = user.into();
    active.team = Set(stored);
    active.update(db).await.context("setting an account's team")
}

/// The spelling in use for `team`, or `team` itself when no account has it yet.
pub(crate) async fn canonical_team(
    db: &impl ConnectionTrait,
    team: &TeamName,
) -> Result<String, AppError> {
    let key = team.key();
    Ok(team_names(db)
        .await?
        .into_iter()
        .find(|name| team_key(name) == key)
        .unwrap_or_else(|| team.as_str().to_owned()))
}

/// How long a password-reset link is valid.
pub fn reset_validity() -> chrono::Duration {
    chrono::Duration::hours(1)
}

/// Requests per address (an office shares one) and per account before reset mails pause.
fn reset_policies() -> (ThrottlePolicy, ThrottlePolicy) {
    let hour = chrono::Duration::hours(1);
    (
        ThrottlePolicy {
            max_failures: 10,
            window: hour,
            block_for: hour,
        },
        ThrottlePolicy {
            max_failures: 3,
            window: hour,
            block_for: hour,
        },
    )
}

/// Queues a reset link for the active account with `email`, if there is one. Unknown
/// addresses get the same answer (and no mail); more than 3 requests per account in an hour
/// send nothing more, more than 10 per client address are refused.
pub async fn request_password_reset(
    db: &DatabaseConnection,
    email: &str,
    client_addr: &str,
    frame: &MailFrame,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let email = Email::parse(email).map_err(AppError::invalid)?;
    let (per_address, per_account) = reset_policies();
    let address_key = format!("reset-address:{client_addr}");
    let account_key = format!("reset-account:{}", email.as_str());
    if let Admission::Refuse { until } = count_attempt(db, &address_key, per_address, now)
        .await
        .context("queuing a password reset")?
    {
        let minutes = (until - now).num_minutes().max(0) + 1;
        return Err(AppError::TooManyAttempts { minutes });
    }
    if let Admission::Refuse { .. } = count_attempt(db, &account_key, per_account, now)
        .await
        .context("queuing a password reset")?
    {
        // Same answer as always, and no further mail to this account for now.
        return Ok(());
    }
    let Some(user) = user_by_email(db, &email).await?.filter(|u| u.active) else {
        return Ok(());
    };
    let (token, hash) = new_token();
    let txn = db.begin().await.context("queuing a password reset")?;
    // Only the newest link works.
    password_reset::Entity::update_many()
        .col_expr(password_reset::Column::ExpiresAt, Expr::value(now))
        .filter(password_reset::Column::UserId.eq(user.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .filter(password_reset::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await
        .context("queuing a password reset")?;
    password_reset::ActiveModel {
        user_id: Set(user.id),
        token_hash: Set(hash),
        created_at: Set(now),
        expires_at: Set(now + reset_validity()),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .context("queuing a password reset")?;
    let link = format!("{}/passwort-neu/{token}", frame.public_url);
    let rendered = render_link_mail(
        frame,
        &user.display_name,
        "Neues Passwort festlegen",
        "Sie (oder jemand mit Ihrer E-Mail-Adresse) haben einen Link angefordert, um ein neues \
         Passwort für Mitsprache festzulegen. Der Link gilt eine Stunde und nur einmal:",
        &link,
        "Wenn Sie das nicht waren, ignorieren Sie diese E-Mail: Ihr Passwort bleibt, wie es ist.",
    );
    queue_link_mail(
        &txn,
        MailKind::PasswordReset,
        user.id,
        (&user.email, &user.display_name),
        rendered,
    )
    .await?;
    txn.commit().await.context("queuing a password reset")?;
    Ok(())
}

/// The stored reset of a token, if it can be used now.
async fn usable_reset(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(password_reset::Model, user::Model), AppError> {
    let invalid = || {
        AppError::Invalid(
            "Dieser Link ist ungültig, abgelaufen oder wurde schon benutzt. Bitte fordern Sie unter „Passwort vergessen?“ einen neuen an."
                .into(),
        )
    };
    let reset = password_reset::Entity::find()
        .filter(password_reset::Column::TokenHash.eq(token_hash(token.trim())))
        .one(db)
        .await
        .context("loading a password reset")?
        .filter(|r| r.used_at.is_none() && r.expires_at > now)
        .ok_or_else(invalid)?;
    let user = user::Entity::find_by_id(reset.user_id)
        .one(db)
        .await
        .context("loading a password reset")?
        .filter(|u| u.active)
        .ok_or_else(invalid)?;
    Ok((reset, user))
}

/// The name of the person a reset link is for, if it can be used now.
pub async fn reset_name(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    Ok(usable_reset(db, token, now).await?.1.display_name)
}

/// Sets the new password from a reset link, exactly once; other sessions end.
pub async fn reset_password(
    db: &DatabaseConnection,
    passwords: &PasswordQueue,
    token: &str,
    password: &NewPassword,
    now: DateTime<Utc>,
) -> Result<user::Model, AppError> {
    let (reset, user) = usable_reset(db, token, now).await?;
    let hash = passwords.hash(password).await?;
    let txn = db.begin().await.context("resetting a password")?;
    let claimed = password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(now))
        .filter(password_reset::Column::Id.eq(reset.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&txn)
        .await
        .context("resetting a password")?;
    if claimed.rows_affected != 1 {
        return Err(AppError::Invalid(
            "Dieser Link wurde schon benutzt. Bitte fordern Sie einen neuen an.".into(),
        ));
    }
    let epoch = user.session_epoch + 1;
    let mut active: user::ActiveModel = user.into();
    active.password_hash = Set(Some(hash));
    active.session_epoch = Set(epoch);
    let user = active.update(&txn).await.context("resetting a password")?;
    txn.commit().await.context("resetting a password")?;
    Ok(user)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_password_queue_refuses_at_once_instead_of_waiting() {
        let queue = std::sync::Arc::new(PasswordQueue::new(1, 1));
        // One computation runs...
        let running = queue.turn().await.expect("a free permit");
        // ...one request waits for it...
        let waiting = {
            let queue = queue.clone();
            tokio::spawn(async move { queue.turn().await.map(drop) })
        };
        while queue.waiting.load(std::sync::atomic::Ordering::SeqCst) == 0 {
            tokio::task::yield_now().await;
        }
        // ...and the next one is told at once that the server is busy.
        assert_eq!(queue.turn().await.err(), Some(AppError::Busy));
        drop(running);
        assert_eq!(waiting.await.unwrap(), Ok(()));
        // With the queue empty again, a request gets its turn.
        assert!(queue.turn().await.is_ok());
    }
}
