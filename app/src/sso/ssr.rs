//! The OpenID Connect client (server only): discovery, the authorization request with PKCE,
//! state and nonce, the code exchange, the ID-token checks, and the account the identity signs
//! in to.
//!
//! Built on the `openidconnect` crate: it checks the ID token's signature (against the
//! provider's published keys), issuer, audience, expiry and nonce; this module keeps the
//! log-in's secrets in the session between the two legs and maps every failure to a German
//! [`SsoFailure`].

use crate::domain::account::{Email, Role};
use crate::domain::audit::AuditAction;
use crate::domain::sso::{
    coordinator_change, decide, groups_claim, new_account_name, team_claim, CoordinatorChange,
    KnownAccount, SsoDecision, SsoFailure, SsoIdentity, TeamClaim, PENDING_LOGIN_MINUTES,
};
use crate::entities::{user, user_role};
use crate::error::Context;
use chrono::{DateTime, Utc};
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreErrorResponseType,
    CoreGenderClaim, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreRevocableToken, CoreRevocationErrorResponse, CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, AuthorizationCode, Client, ClientId, ClientSecret, CsrfToken,
    EmptyExtraTokenFields, EndpointMaybeSet, EndpointNotSet, EndpointSet, IdTokenFields, IssuerUrl,
    LogoutRequest, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier,
    PostLogoutRedirectUrl, ProviderMetadataWithLogout, RedirectUrl, RequestTokenError, Scope,
    StandardErrorResponse, StandardTokenResponse, TokenResponse, UserInfoClaims,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use tokio::sync::RwLock;

/// The session key of a log-in begun at the provider.
pub const PENDING_KEY: &str = "sso_pending";
/// The session key that marks a session signed in through the provider (for the log-out).
pub const VIA_SSO_KEY: &str = "sso_signed_in";
/// Our callback's path; with the public address it is the redirect URL registered at the provider.
pub const CALLBACK_PATH: &str = "/auth/oidc/callback";
/// The path that begins a log-in through the provider.
pub const LOGIN_PATH: &str = "/auth/oidc/login";
/// How long discovered metadata and keys are used before they are fetched again (the
/// provider may rotate its signing keys).
const METADATA_TTL: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Claims beyond the standard ones (the team claim, `groups`), kept as sent.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ExtraClaims {
    #[serde(flatten)]
    claims: serde_json::Map<String, serde_json::Value>,
}

impl AdditionalClaims for ExtraClaims {}

type IdFields = IdTokenFields<
    ExtraClaims,
    EmptyExtraTokenFields,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;
type Tokens = StandardTokenResponse<IdFields, CoreTokenType>;
type OidcClient = Client<
    ExtraClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    Tokens,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// The single sign-on settings (`MITSPRACHE_OIDC_*`).
#[derive(Clone)]
pub struct SsoSettings {
    /// The provider's issuer URL (discovery at `<issuer>/.well-known/openid-configuration`).
    pub issuer: String,
    /// Our client id at the provider.
    pub client_id: String,
    /// Our client secret (confidential client); `None` for a public client with PKCE only.
    pub client_secret: Option<String>,
    /// The claim that names the person's team (e.g. `department`), if the team should follow it.
    pub team_claim: Option<String>,
    /// The value of the `groups` claim that makes a coordinator.
    pub coordinator_group: Option<String>,
    /// Treat the e-mail as confirmed when the provider sends no `email_verified` claim at all
    /// (Entra ID sends none; its addresses are managed by the organisation).
    pub assume_email_verified: bool,
}

impl std::fmt::Debug for SsoSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SsoSettings")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret.as_ref().map(|_| "***"))
            .field("team_claim", &self.team_claim)
            .field("coordinator_group", &self.coordinator_group)
            .field("assume_email_verified", &self.assume_email_verified)
            .finish()
    }
}

/// A log-in begun at the provider: what must come back, kept in the session (server side)
/// between the redirect to the provider and the callback. Used once.
#[derive(Clone, Serialize, Deserialize)]
pub struct PendingLogin {
    /// The `state` sent (CSRF protection of the callback).
    pub state: String,
    /// The `nonce` the ID token must carry (replay protection).
    pub nonce: String,
    /// The PKCE verifier whose challenge was sent.
    pub verifier: String,
    /// The redirect URL used (the code exchange must repeat it).
    pub redirect_uri: String,
    /// When the log-in began.
    pub started_at: DateTime<Utc>,
}

/// What came back to the callback (all optional: a broken answer is a failure, not a 400).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CallbackParams {
    /// The authorization code.
    pub code: Option<String>,
    /// The state we sent.
    pub state: Option<String>,
    /// An error code instead of a code.
    pub error: Option<String>,
}

/// The OpenID Connect client with its cached discovery.
pub struct SsoClient {
    settings: SsoSettings,
    http: openidconnect::reqwest::Client,
    metadata: RwLock<Option<(Arc<ProviderMetadataWithLogout>, std::time::Instant)>>,
}

impl std::fmt::Debug for SsoClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SsoClient")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

/// Compares two strings in time independent of where they differ.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

impl SsoClient {
    /// A client for `settings`. The HTTP client follows no redirects (the specification's
    /// advice against SSRF via the provider) and gives up after ten seconds.
    pub fn new(settings: SsoSettings) -> Result<Self, String> {
        IssuerUrl::new(settings.issuer.clone())
            .map_err(|e| format!("MITSPRACHE_OIDC_ISSUER ist keine gültige Adresse: {e}"))?;
        let http = openidconnect::reqwest::ClientBuilder::new()
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .map_err(|e| format!("HTTP-Client für OpenID Connect: {e}"))?;
        Ok(Self {
            settings,
            http,
            metadata: RwLock::new(None),
        })
    }

    /// The settings.
    pub fn settings(&self) -> &SsoSettings {
        &self.settings
    }

    /// The provider's metadata and keys, from the cache or discovered now.
    async fn metadata(&self) -> Result<Arc<ProviderMetadataWithLogout>, SsoFailure> {
        if let Some((metadata, at)) = self.metadata.read().await.as_ref() {
            if at.elapsed() < METADATA_TTL {
                return Ok(metadata.clone());
            }
        }
        let issuer = IssuerUrl::new(self.settings.issuer.clone()).map_err(|err| {
            tracing::error!(%err, "invalid issuer URL");
            SsoFailure::NotConfigured
        })?;
        let metadata = ProviderMetadataWithLogout::discover_async(issuer, &self.http)
            .await
            .map_err(|err| {
                tracing::warn!(error = %err, "OpenID provider discovery failed");
                SsoFailure::ProviderUnavailable
            })?;
        let metadata = Arc::new(metadata);
        *self.metadata.write().await = Some((metadata.clone(), std::time::Instant::now()));
        Ok(metadata)
    }

    /// Forgets the cached metadata (after a token failed its signature check: the provider
    /// may have rotated its keys, the next log-in fetches them again).
    async fn forget_metadata(&self) {
        *self.metadata.write().await = None;
    }

    fn client(
        &self,
        metadata: &ProviderMetadataWithLogout,
        redirect_uri: &str,
    ) -> Result<OidcClient, SsoFailure> {
        let redirect = RedirectUrl::new(redirect_uri.to_owned()).map_err(|err| {
            tracing::error!(%err, redirect_uri, "invalid redirect URL");
            SsoFailure::NotConfigured
        })?;
        Ok(OidcClient::from_provider_metadata(
            metadata.clone(),
            ClientId::new(self.settings.client_id.clone()),
            self.settings.client_secret.clone().map(ClientSecret::new),
        )
        .set_redirect_uri(redirect))
    }

    /// Begins a log-in: the provider's authorization URL (code flow with PKCE S256, a fresh
    /// state and nonce) and what to keep in the session until the callback.
    pub async fn begin(
        &self,
        redirect_uri: &str,
        now: DateTime<Utc>,
    ) -> Result<(String, PendingLogin), SsoFailure> {
        let metadata = self.metadata().await?;
        let client = self.client(&metadata, redirect_uri)?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".to_owned()))
            .add_scope(Scope::new("profile".to_owned()))
            .set_pkce_challenge(challenge)
            .url();
        Ok((
            url.to_string(),
            PendingLogin {
                state: state.secret().clone(),
                nonce: nonce.secret().clone(),
                verifier: verifier.secret().clone(),
                redirect_uri: redirect_uri.to_owned(),
                started_at: now,
            },
        ))
    }

    /// Finishes a log-in: checks the state and age, exchanges the code (with the PKCE
    /// verifier), verifies the ID token and reads the identity (asking the user-info endpoint
    /// for claims the ID token lacks).
    pub async fn finish(
        &self,
        pending: &PendingLogin,
        params: &CallbackParams,
        now: DateTime<Utc>,
    ) -> Result<SsoIdentity, SsoFailure> {
        let state_ok = params
            .state
            .as_deref()
            .is_some_and(|s| same_secret(s, &pending.state));
        if !state_ok {
            return Err(SsoFailure::StateMismatch);
        }
        if now - pending.started_at > chrono::Duration::minutes(PENDING_LOGIN_MINUTES) {
            return Err(SsoFailure::Expired);
        }
        if let Some(error) = params.error.as_deref() {
            tracing::info!(error, "the OpenID provider answered with an error");
            return Err(SsoFailure::from_provider_error(error));
        }
        let code = params
            .code
            .clone()
            .filter(|c| !c.is_empty())
            .ok_or(SsoFailure::CodeRejected)?;
        let metadata = self.metadata().await?;
        let client = self.client(&metadata, &pending.redirect_uri)?;
        let tokens = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|err| {
                tracing::error!(%err, "the provider has no token endpoint");
                SsoFailure::ProviderUnavailable
            })?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier.clone()))
            .request_async(&self.http)
            .await
            .map_err(|err| match err {
                RequestTokenError::ServerResponse(response) => {
                    tracing::warn!(error = %response.error(), "the provider refused the code");
                    SsoFailure::CodeRejected
                }
                other => {
                    tracing::warn!(error = %other, "code exchange failed");
                    SsoFailure::ProviderUnavailable
                }
            })?;
        let id_token = tokens.id_token().ok_or_else(|| {
            tracing::warn!("the token answer has no ID token");
            SsoFailure::InvalidToken
        })?;
        let verifier = client.id_token_verifier();
        let claims = match id_token.claims(&verifier, &Nonce::new(pending.nonce.clone())) {
            Ok(claims) => claims.clone(),
            Err(err) => {
                tracing::warn!(error = %err, "ID token refused");
                self.forget_metadata().await;
                return Err(SsoFailure::InvalidToken);
            }
        };
        let extra = &claims.additional_claims().claims;
        let mut identity = SsoIdentity {
            issuer: claims.issuer().to_string(),
            subject: claims.subject().to_string(),
            email: claims.email().map(|e| e.to_string()),
            email_verified: claims.email_verified().unwrap_or(false),
            name: claims
                .name()
                .and_then(|n| n.get(None))
                .map(|n| n.to_string())
                .or_else(|| {
                    let given = claims.given_name().and_then(|n| n.get(None));
                    let family = claims.family_name().and_then(|n| n.get(None));
                    match (given, family) {
                        (Some(g), Some(f)) => Some(format!("{} {}", g.as_str(), f.as_str())),
                        (Some(g), None) => Some(g.to_string()),
                        (None, Some(f)) => Some(f.to_string()),
                        (None, None) => None,
                    }
                }),
            team: self.team_of(extra),
            groups: extra.get("groups").and_then(groups_claim),
        };
        let mut email_verified_sent = claims.email_verified().is_some();
        let lacks = |identity: &SsoIdentity| {
            identity.email.is_none()
                || identity.name.is_none()
                || (self.settings.team_claim.is_some() && identity.team.is_none())
                || (self.settings.coordinator_group.is_some() && identity.groups.is_none())
        };
        if lacks(&identity) {
            if let Ok(request) = client.user_info(
                tokens.access_token().clone(),
                Some(claims.subject().clone()),
            ) {
                let info: UserInfoClaims<ExtraClaims, CoreGenderClaim> =
                    request.request_async(&self.http).await.map_err(|err| {
                        tracing::warn!(error = %err, "user-info request failed");
                        SsoFailure::ProviderUnavailable
                    })?;
                if identity.email.is_none() {
                    identity.email = info.email().map(|e| e.to_string());
                    identity.email_verified = info.email_verified().unwrap_or(false);
                    email_verified_sent = info.email_verified().is_some();
                }
                if identity.name.is_none() {
                    identity.name = info
                        .name()
                        .and_then(|n| n.get(None))
                        .map(|n| n.to_string())
                        .or_else(|| info.preferred_username().map(|u| u.to_string()));
                }
                let extra = &info.additional_claims().claims;
                if identity.team.is_none() {
                    identity.team = self.team_of(extra);
                }
                if identity.groups.is_none() {
                    identity.groups = extra.get("groups").and_then(groups_claim);
                }
            }
        }
        if !email_verified_sent && self.settings.assume_email_verified {
            identity.email_verified = identity.email.is_some();
        }
        Ok(identity)
    }

    fn team_of(&self, extra: &serde_json::Map<String, serde_json::Value>) -> Option<TeamClaim> {
        let claim = self.settings.team_claim.as_deref()?;
        extra.get(claim).and_then(team_claim)
    }

    /// The provider's end-session URL (RP-initiated log-out) with our client id and the
    /// log-in page as the way back, if the provider has one. Uses only metadata already
    /// fetched (also when older than the cache time): the log-in page must not wait for the
    /// provider.
    pub async fn end_session_url(&self, post_logout_redirect: &str) -> Option<String> {
        let metadata = self.metadata.read().await.as_ref()?.0.clone();
        let endpoint = metadata
            .additional_metadata()
            .end_session_endpoint
            .clone()?;
        let mut request = LogoutRequest::from(endpoint)
            .set_client_id(ClientId::new(self.settings.client_id.clone()));
        if let Ok(url) = url_parse(post_logout_redirect) {
            request = request.set_post_logout_redirect_uri(PostLogoutRedirectUrl::from_url(url));
        }
        Some(request.http_get_url().to_string())
    }
}

fn url_parse(s: &str) -> Result<openidconnect::url::Url, openidconnect::url::ParseError> {
    openidconnect::url::Url::parse(s)
}

fn known(u: &user::Model) -> KnownAccount {
    KnownAccount {
        id: u.id,
        active: u.active,
        linked: u.oidc_issuer.clone().zip(u.oidc_subject.clone()),
    }
}

/// The account `identity` signs in to: found by issuer and subject, else linked by its
/// confirmed e-mail, else created just in time (staff, invited by nobody). The team follows the
/// configured claim and the coordinator role the configured group, at every log-in. All in one
/// transaction, with audit entries for links and role changes.
pub async fn account_for(
    db: &DatabaseConnection,
    settings: &SsoSettings,
    identity: &SsoIdentity,
) -> Result<user::Model, SsoFailure> {
    let result: Result<Result<user::Model, SsoFailure>, crate::error::AppError> = async {
        let txn = db
            .begin()
            .await
            .context("finding the account for a single sign-on")?;
        let by_subject = user::Entity::find()
            .filter(user::Column::OidcIssuer.eq(identity.issuer.as_str()))
            .filter(user::Column::OidcSubject.eq(identity.subject.as_str()))
            .one(&txn)
            .await
            .context("finding the account for a single sign-on")?;
        let email = identity.email.as_deref().and_then(|e| Email::parse(e).ok());
        let by_email = match (&by_subject, &email) {
            (None, Some(email)) => crate::account::ssr::user_by_email(&txn, email).await?,
            _ => None,
        };
        let mut identity = identity.clone();
        if email.is_none() {
            // An address we cannot use counts as none.
            identity.email = None;
        }
        let decision = match decide(
            &identity,
            by_subject.as_ref().map(known).as_ref(),
            by_email.as_ref().map(known).as_ref(),
        ) {
            Ok(decision) => decision,
            Err(failure) => return Ok(Err(failure)),
        };
        let user = match (decision, by_subject, by_email, email) {
            (SsoDecision::SignIn(_), Some(user), _, _) => user,
            (SsoDecision::Link(_), _, Some(user), _) => link(&txn, user, &identity, false).await?,
            (SsoDecision::Create, _, _, Some(email)) => {
                let name = crate::domain::account::DisplayName::parse(&new_account_name(
                    &identity,
                    email.as_str(),
                ))
                .map_err(crate::error::AppError::invalid)?;
                let user = crate::account::ssr::insert_user(
                    &txn,
                    None,
                    &name,
                    &email,
                    &[Role::Staff],
                    None,
                    None,
                )
                .await?;
                link(&txn, user, &identity, true).await?
            }
            // `decide` returns `Create` only when the address is usable, `SignIn` only with a
            // user found by subject and `Link` only with one found by address.
            _ => {
                return Err(crate::error::AppError::internal(
                    "single sign-on: applying the decision",
                    "the decision does not fit the accounts found",
                ))
            }
        };
        let user = follow_claims(&txn, settings, &identity, user).await?;
        txn.commit()
            .await
            .context("finding the account for a single sign-on")?;
        Ok(Ok(user))
    }
    .await;
    match result {
        Ok(outcome) => outcome,
        Err(err) => {
            // The cause was logged where the AppError was made; this says which step it broke.
            tracing::error!(?err, "single sign-on: storing the account failed");
            Err(SsoFailure::Internal)
        }
    }
}

/// Links `user` to the identity's issuer and subject, with an audit entry (the person is the
/// actor: it happens at their log-in).
async fn link(
    txn: &impl ConnectionTrait,
    user: user::Model,
    identity: &SsoIdentity,
    new_account: bool,
) -> Result<user::Model, crate::error::AppError> {
    let mut active: user::ActiveModel = user.into();
    active.oidc_issuer = Set(Some(identity.issuer.clone()));
    active.oidc_subject = Set(Some(identity.subject.clone()));
    let user = active
        .update(txn)
        .await
        .context("linking a single sign-on identity")?;
    crate::audit::ssr::record(
        txn,
        Some(user.id),
        AuditAction::AccountLinked,
        "user",
        Some(user.id),
        serde_json::json!({ "issuer": identity.issuer, "new_account": new_account }),
    )
    .await?;
    Ok(user)
}

/// Applies the team claim and the coordinator group to `user` (inside the log-in's transaction).
async fn follow_claims(
    txn: &impl ConnectionTrait,
    settings: &SsoSettings,
    identity: &SsoIdentity,
    user: user::Model,
) -> Result<user::Model, crate::error::AppError> {
    let mut user = user;
    if settings.team_claim.is_some() {
        let wanted = match &identity.team {
            Some(TeamClaim::Team(team)) => {
                Some(Some(crate::account::ssr::canonical_team(txn, team).await?))
            }
            Some(TeamClaim::NoTeam) => Some(None),
            // The claim was not sent: the team stays as it is.
            None => None,
        };
        if let Some(team) = wanted.filter(|t| *t != user.team) {
            let mut active: user::ActiveModel = user.into();
            active.team = Set(team);
            user = active
                .update(txn)
                .await
                .context("applying single sign-on claims")?;
        }
    }
    let is_coordinator = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user.id))
        .filter(user_role::Column::Role.eq(Role::Coordinator))
        .one(txn)
        .await
        .context("applying single sign-on claims")?
        .is_some();
    let change = coordinator_change(
        settings.coordinator_group.as_deref(),
        identity.groups.as_deref(),
        is_coordinator,
    );
    let details = serde_json::json!({ "role": Role::Coordinator.as_str(), "via": "sso" });
    match change {
        CoordinatorChange::Grant => {
            user_role::ActiveModel {
                user_id: Set(user.id),
                role: Set(Role::Coordinator),
            }
            .insert(txn)
            .await
            .context("applying single sign-on claims")?;
            crate::audit::ssr::record(
                txn,
                None,
                AuditAction::RoleGranted,
                "user",
                Some(user.id),
                details,
            )
            .await?;
        }
        CoordinatorChange::Remove => {
            user_role::Entity::delete_many()
                .filter(user_role::Column::UserId.eq(user.id))
                .filter(user_role::Column::Role.eq(Role::Coordinator))
                .exec(txn)
                .await
                .context("applying single sign-on claims")?;
            crate::audit::ssr::record(
                txn,
                None,
                AuditAction::RoleRemoved,
                "user",
                Some(user.id),
                details,
            )
            .await?;
        }
        CoordinatorChange::Keep => {}
    }
    Ok(user)
}
