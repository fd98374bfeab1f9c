//! The frame of every page (header, navigation) and the pages for errors.

use crate::domain::account::Permission;
use crate::error::AppError;
use crate::i18n::texts;
use crate::notification::pages::Bell;
use crate::AuthContext;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// Sets the HTTP status of the server-rendered page (no effect in the browser).
pub fn set_http_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = http::StatusCode::from_u16(code) {
            res.set_status(status);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// After the router moves to another page in the browser (a link, or a log-in that lands on
/// the start page), keyboard focus starts again at the top, as after a full page load: the next
/// Tab reaches the skip link, not whatever follows the spot where the old page's button was
/// (since the footer exists, that was the footer's link).
#[component]
pub fn FocusOnNavigation() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        location.pathname.track();
        if first.get_value() {
            // Hydration of the page the browser loaded: focus is where the browser put it.
            first.set_value(false);
            return;
        }
        if let Some(body) = document().body() {
            // The body takes focus only while it has a tabindex; focusing it moves the
            // browser's starting point for Tab to the top of the document.
            let _ = body.set_attribute("tabindex", "-1");
            let _ = body.focus();
            let _ = body.remove_attribute("tabindex");
        }
    });
}

/// The header: product name, main navigation and the log-out button.
#[component]
pub fn Header() -> impl IntoView {
    let auth = expect_context::<AuthContext>();
    let unread = crate::notification::pages::unread_resource();
    let t = texts();
    view! {
        <header class="site-header">
            <a class="brand" href="/">{t.app_name}</a>
            <Transition fallback=|| ()>
                {move || {
                    auth.user.get().map(|user| match user {
                        Ok(Some(me)) => {
                            let count = unread.get().and_then(Result::ok).unwrap_or(0);
                            let is_coordinator = me.can(Permission::ManageUsers);
                            view! {
                                <nav aria-label=t.nav_label>
                                    <ul>
                                        <li><A href="/">{t.nav_home}</A></li>
                                        <Show when=move || is_coordinator>
                                            <li><A href="/admin/benutzer">{t.nav_users}</A></li>
                                            <li><A href="/audit">{crate::i18n::audit::texts().nav}</A></li>
                                            <li><A href="/admin/mails">{crate::i18n::notification::texts().nav_mails}</A></li>
                                        </Show>
                                        <li><A href="/meine-kommentare">{crate::i18n::disposition::texts().my_title}</A></li>
                                        <li><A href="/konto">{t.nav_account}</A></li>
                                    </ul>
                                </nav>
                                <div class="session">
                                    <Bell count/>
                                    <span class="who">{me.display_name.clone()}</span>
                                    <ActionForm action=auth.logout>
                                        <button type="submit" class="secondary">{t.logout}</button>
                                    </ActionForm>
                                </div>
                            }
                            .into_any()
                        }
                        _ => view! {
                            <div class="session"><A href="/anmelden">{t.login_title}</A></div>
                        }
                        .into_any(),
                    })
                }}
            </Transition>
        </header>
    }
}

/// A page-level error: 403, 401, 404 or a message, with the fitting HTTP status. A message
/// page gets `title` (or "Hinweis") as its document title and heading, so it is never a page
/// without a title.
#[component]
pub fn ErrorPage(
    error: AppError,
    /// What the page is, e.g. "Rückmeldebericht"; "Hinweis" when not given.
    #[prop(optional)]
    title: Option<String>,
) -> impl IntoView {
    match error {
        AppError::Forbidden => view! { <Forbidden/> }.into_any(),
        AppError::Unauthenticated => view! { <LoginRequired/> }.into_any(),
        AppError::NotFound => view! { <NotFound/> }.into_any(),
        other => {
            set_http_status(other.status_code());
            let title = title.unwrap_or_else(|| texts().notice_title.to_owned());
            view! {
                <Title text=title.clone()/>
                <section class="error-page">
                    <h1>{title}</h1>
                    <p class="alert error" role="alert">{other.to_string()}</p>
                    <p><a href="/">{texts().back_home}</a></p>
                </section>
            }
            .into_any()
        }
    }
}

/// "Kein Zugriff" (HTTP 403).
#[component]
pub fn Forbidden() -> impl IntoView {
    set_http_status(403);
    let t = texts();
    view! {
        <Title text=t.forbidden_title/>
        <section class="error-page">
            <h1>{t.forbidden_title}</h1>
            <p>{t.forbidden_text}</p>
            <p><a href="/">{t.back_home}</a></p>
        </section>
    }
}

/// "Bitte anmelden" (HTTP 401) with a link to the log-in page.
#[component]
pub fn LoginRequired() -> impl IntoView {
    set_http_status(401);
    let t = texts();
    view! {
        <Title text=t.login_required_title/>
        <section class="error-page">
            <h1>{t.login_required_title}</h1>
            <p>{t.login_required_text}</p>
            <p><a href="/anmelden">{t.home_login_link}</a></p>
        </section>
    }
}

/// "Seite nicht gefunden" (HTTP 404).
#[component]
pub fn NotFound() -> impl IntoView {
    set_http_status(404);
    let t = texts();
    view! {
        <Title text=t.not_found_title/>
        <section class="error-page">
            <h1>{t.not_found_title}</h1>
            <p>{t.not_found_text}</p>
            <p><a href="/">{t.back_home}</a></p>
        </section>
    }
}

/// The result of a form's last submission: an error (announced to screen readers) or a success text.
#[component]
pub fn FormResult<T: Clone + Send + Sync + 'static>(
    /// The action's latest value.
    #[prop(into)]
    value: Signal<Option<Result<T, AppError>>>,
    /// What to say on success (nothing if empty).
    #[prop(optional)]
    success: &'static str,
) -> impl IntoView {
    move || match value.get() {
        Some(Err(err)) => {
            view! { <p class="alert error" role="alert">{err.to_string()}</p> }.into_any()
        }
        Some(Ok(_)) if !success.is_empty() => {
            view! { <p class="alert success" role="status">{success}</p> }.into_any()
        }
        _ => ().into_any(),
    }
}

/// The result of a form whose server function answers with a German sentence (what changed):
/// the sentence as a success message, or the error.
#[component]
pub fn FormMessage(
    /// The action's latest value.
    #[prop(into)]
    value: Signal<Option<Result<String, AppError>>>,
) -> impl IntoView {
    move || match value.get() {
        Some(Err(err)) => {
            view! { <p class="alert error" role="alert">{err.to_string()}</p> }.into_any()
        }
        Some(Ok(message)) if !message.is_empty() => {
            view! { <p class="alert success" role="status">{message}</p> }.into_any()
        }
        _ => ().into_any(),
    }
}

/// Empties a form once its action succeeded, so the filled-in form does not invite sending the
/// same again. Errors keep the text, so nothing typed is lost.
pub fn reset_after_success<S>(action: ServerAction<S>, form: NodeRef<leptos::html::Form>)
where
    S: leptos::server_fn::ServerFn + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
    S::Error: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        action.version().track();
        if matches!(action.value().get_untracked(), Some(Ok(_))) {
            if let Some(form) = form.get_untracked() {
                form.reset();
            }
        }
    });
}
