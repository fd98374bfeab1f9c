//! Single sign-on with the organisation's OpenID provider (Entra ID, Keycloak, Nextcloud, …).
//!
//! The two legs of the log-in are plain routes of the server (`/auth/oidc/login` redirects to
//! the provider, `/auth/oidc/callback` comes back); here are what the log-in page needs to know
//! and the German page for failures. The protocol and the account decision are in [`ssr`].

#[cfg(feature = "ssr")]
pub mod ssr;

use crate::domain::sso::SsoFailure;
use crate::error::AppError;
use crate::i18n::identity::texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// How people log in on this server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInChoices {
    /// The organisation's provider is configured ("Mit dem Konto Ihrer Organisation anmelden").
    pub organisation: bool,
    /// E-mail and password are accepted.
    pub password: bool,
    /// Where to end the session at the provider too, after a log-out (if it has such an address).
    pub end_session_url: Option<String>,
}

/// The ways to log in on this server. Open to everyone (the log-in page needs it).
#[server(prefix = "/api", endpoint = "login_ways")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "login_ways", skip_all))]
pub async fn login_ways() -> Result<SignInChoices, AppError> {
    let state = crate::state::app_state()?;
    let end_session_url = match &state.config.sso {
        Some(sso) => {
            let host = use_context::<http::request::Parts>().and_then(|p| {
                p.headers
                    .get(http::header::HOST)
                    .and_then(|h| h.to_str().ok())
                    .map(str::to_owned)
            });
            sso.end_session_url(&format!("{}/anmelden", state.public_base(host.as_deref())))
                .await
        }
        None => None,
    };
    Ok(SignInChoices {
        organisation: state.config.sso.is_some(),
        password: !state.config.password_login_disabled,
        end_session_url,
    })
}

/// The button that starts a log-in at the provider: a plain link (a navigation, not a form
/// post, so the Content-Security-Policy's `form-action 'self'` does not apply to the redirect).
#[component]
pub fn OrganisationLogin() -> impl IntoView {
    let t = texts();
    view! {
        <p class="sso">
            <a class="button sso-login" href="/auth/oidc/login" rel="external">{t.sso_login}</a>
        </p>
        <p class="hint">{t.sso_login_hint}</p>
    }
}

/// Why a log-in through the provider failed (`/anmelden/fehler?grund=…`), in German, with the
/// way back. The reason is one of a fixed list of codes: nothing from the address is shown.
#[component]
pub fn SsoErrorPage() -> impl IntoView {
    let t = texts();
    let query = use_query_map();
    let failure = move || SsoFailure::from_code(&query.read().get("grund").unwrap_or_default());
    view! {
        <Title text=t.sso_error_title/>
        <section class="narrow">
            <h1>{t.sso_error_title}</h1>
            <p class="alert error" role="alert" data-testid="sso-error">{move || failure().to_string()}</p>
            <p><a class="button" href="/anmelden">{t.sso_try_again}</a></p>
        </section>
    }
}
