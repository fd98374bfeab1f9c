//! Mitsprache: the Leptos application — pages, server functions and the domain rules.
//!
//! Layout: [`domain`] holds the rules as plain Rust; one module per concept ([`account`], …)
//! holds its DTOs, server functions, pages and (server only) database services.

#![recursion_limit = "256"]

pub mod account;
pub mod adoption;
pub mod audit;
pub mod auth;
pub mod codetermination;
pub mod components;
pub mod contribution;
pub mod dialogue;
pub mod disposition;
pub mod document;
pub mod domain;
pub mod draft;

#[cfg(feature = "ssr")]
pub mod entities;
pub mod error;
pub mod flash;
#[cfg(feature = "ssr")]
pub mod format;
pub mod home;
pub mod i18n;
pub mod import;
pub mod notification;
pub mod privacy;
pub mod process;
pub mod review;
pub mod round;
pub mod security;
pub mod sso;
#[cfg(feature = "ssr")]
pub mod state;
pub mod tasks;
#[cfg(feature = "ssr")]
pub mod thread;

use crate::account::{AcceptInvitation, ChangePassword, Login, Logout, ResetPassword};
use crate::auth::Me;
use crate::components::layout::{Header, NotFound};
use crate::error::AppError;
use crate::i18n::texts;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::{path, SsrMode};

/// The HTML document around the app (server side rendering).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="de">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="data:,"/>
                <link rel="stylesheet" href=format!("/pkg/{}.css", options.output_name)/>
                <ContentSecurityPolicy/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Sends the page's Content-Security-Policy with the nonce Leptos gives this response's inline
/// scripts (server only; renders nothing).
#[component]
fn ContentSecurityPolicy() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        if let Ok(value) = http::HeaderValue::from_str(&security::page_policy(&nonce)) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

/// The signed-in person and the actions that change who that is, shared by all pages.
#[derive(Clone, Copy)]
pub struct AuthContext {
    /// The signed-in person (reloaded after log-in, log-out, invitation and password change).
    pub user: Resource<Result<Option<Me>, AppError>>,
    /// The log-in form's action.
    pub login: ServerAction<Login>,
    /// The log-out button's action.
    pub logout: ServerAction<Logout>,
    /// The invitation form's action.
    pub accept: ServerAction<AcceptInvitation>,
    /// The password form's action.
    pub change_password: ServerAction<ChangePassword>,
    /// The new-password form of a reset link (signs the person in).
    pub reset_password: ServerAction<ResetPassword>,
}

/// The app's root component: context, header and routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let login = ServerAction::<Login>::new();
    let logout = ServerAction::<Logout>::new();
    let accept = ServerAction::<AcceptInvitation>::new();
    let change_password = ServerAction::<ChangePassword>::new();
    let reset_password = ServerAction::<ResetPassword>::new();
    let user = Resource::new(
        move || {
            (
                login.version().get(),
                logout.version().get(),
                accept.version().get(),
                change_password.version().get(),
                reset_password.version().get(),
            )
        },
        |_| account::current_user(),
    );
    provide_context(notification::pages::InboxVersion(RwSignal::new(0)));
    provide_context(AuthContext {
        user,
        login,
        logout,
        accept,
        change_password,
        reset_password,
    });
    let t = texts();

    view! {
        <Title formatter=|title: String| {
            if title.is_empty() { "Mitsprache".to_string() } else { format!("{title} · Mitsprache") }
        }/>
        <Router>
            <components::layout::FocusOnNavigation/>
            <a class="skip-link" href="#inhalt">{t.skip_to_content}</a>
            <Header/>
            <main id="inhalt" tabindex="-1">
                <flash::FlashMessage/>
                <FlatRoutes fallback=NotFound>
                    <Route path=path!("") view=home::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("anmelden") view=account::pages::LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("anmelden/fehler") view=sso::SsoErrorPage ssr=SsrMode::Async/>
                    <Route path=path!("konto") view=account::pages::AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("einladung/:token") view=account::pages::InvitationPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/benutzer") view=account::admin_page::UsersPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/benutzer/import") view=import::pages::ImportPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/benutzer/import/:id") view=import::pages::ImportPreviewPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/benutzer/:id/loeschen") view=privacy::pages::DeletePersonPage ssr=SsrMode::Async/>
                    <Route path=path!("konto/meine-daten") view=privacy::pages::MyDataPage ssr=SsrMode::Async/>
                    <Route path=path!("datenschutz") view=privacy::pages::PrivacyPage ssr=SsrMode::Async/>
                    <Route path=path!("audit") view=audit::pages::AuditPage ssr=SsrMode::Async/>
                    <Route path=path!("prozesse/:id") view=process::pages::ProcessPage ssr=SsrMode::Async/>
                    <Route path=path!("prozesse/:id/beitraege") view=contribution::pages::ContributionsPage ssr=SsrMode::Async/>
                    <Route path=path!("prozesse/:id/entwurf") view=draft::pages::DraftPage ssr=SsrMode::Async/>
                    <Route path=path!("prozesse/:id/entwurf/import") view=document::pages::ImportPage ssr=SsrMode::Async/>
                    <Route path=path!("prozesse/:id/versionen") view=draft::pages::VersionsPage ssr=SsrMode::Async/>
                    <Route path=path!("prozesse/:id/versionen/:number") view=draft::pages::VersionPage ssr=SsrMode::Async/>
                    <Route path=path!("prozesse/:id/vergleich") view=draft::pages::ComparePage ssr=SsrMode::Async/>
                    <Route path=path!("prozesse/:id/runden") view=round::pages::RoundsPage ssr=SsrMode::Async/>
                    <Route path=path!("prozesse/:id/runden/:round") view=round::pages::RoundPage ssr=SsrMode::Async/>
                    <Route path=path!("prozesse/:id/verabschiedung") view=adoption::pages::AdoptionPage ssr=SsrMode::Async/>
                    <Route path=path!("prozesse/:id/leitlinie") view=adoption::pages::GuidelinePage ssr=SsrMode::Async/>
                    <Route path=path!("prozesse/:id/erfahrungen") view=dialogue::pages::DialoguePage ssr=SsrMode::Async/>
                    <Route path=path!("prozesse/:id/ueberpruefung") view=review::pages::ReviewPage ssr=SsrMode::Async/>
                    <Route path=path!("prozesse/:id/runden/:round/rueckmeldungen") view=disposition::pages::DispositionsPage ssr=SsrMode::Async/>
                    <Route path=path!("prozesse/:id/runden/:round/kommentare") view=round::pages::RoundCommentsPage ssr=SsrMode::Async/>
                    <Route path=path!("prozesse/:id/runden/:round/bericht") view=disposition::pages::ReportPage ssr=SsrMode::Async/>
                    <Route path=path!("meine-kommentare") view=disposition::pages::MyCommentsPage ssr=SsrMode::Async/>
                    <Route path=path!("benachrichtigungen") view=notification::pages::InboxPage ssr=SsrMode::Async/>
                    <Route path=path!("konto/benachrichtigungen") view=notification::pages::PreferencesPage ssr=SsrMode::Async/>
                    <Route path=path!("abbestellen/:token") view=notification::pages::UnsubscribePage ssr=SsrMode::Async/>
                    <Route path=path!("admin/mails") view=notification::pages::MailsPage ssr=SsrMode::Async/>
                    <Route path=path!("passwort-vergessen") view=account::pages::ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("passwort-neu/:token") view=account::pages::ResetPasswordPage ssr=SsrMode::Async/>
                </FlatRoutes>
            </main>
            <footer class="site-footer">
                <a href="/datenschutz">{crate::i18n::identity::texts().privacy_footer}</a>
            </footer>
        </Router>
    }
}
