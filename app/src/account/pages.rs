//! Pages of the own account: log-in, password change, accepting an invitation.

use super::{invitation_info, password_reset_info, RequestPasswordReset};
use crate::components::layout::{ErrorPage, FormResult};
use crate::domain::account::PASSWORD_MIN;
use crate::i18n::notification::texts as nt;
use crate::i18n::texts;
use crate::AuthContext;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The log-in page: the organisation's account (when configured) and/or e-mail and password.
#[component]
pub fn LoginPage() -> impl IntoView {
    let auth = expect_context::<AuthContext>();
    let t = texts();
    let it = crate::i18n::identity::texts();
    let query = use_query_map();
    let options = Resource::new(|| (), |_| crate::sso::login_ways());
    let pending = auth.login.pending();
    view! {
        <Title text=t.login_title/>
        <section class="narrow">
            <h1>{t.login_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let options = options.await.unwrap_or(crate::sso::SignInChoices {
                        organisation: false,
                        password: true,
                        end_session_url: None,
                    });
                    let logged_out = query.read().get("abgemeldet").as_deref() == Some("organisation");
                    view! {
                        {logged_out.then(|| view! {
                            <div class="alert" role="status">
                                <p>{it.sso_logged_out}</p>
                                {options.end_session_url.clone().map(|url| view! {
                                    <p><a href=url rel="external">{it.sso_end_session}</a></p>
                                })}
                            </div>
                        })}
                        {options.organisation.then(|| view! { <crate::sso::OrganisationLogin/> })}
                        {options.password.then(|| view! {
                            {options.organisation.then(|| view! { <h2>{it.sso_or_password}</h2> })}
                            <p>{t.login_intro}</p>
                            <ActionForm action=auth.login attr:class="stack">
                                <FormResult value=auth.login.value()/>
                                <label for="login-email">{t.field_email}</label>
                                <input id="login-email" type="email" name="email" autocomplete="username" required/>
                                <label for="login-password">{t.field_password}</label>
                                <input id="login-password" type="password" name="password" autocomplete="current-password" required/>
                                <button type="submit" disabled=move || pending.get()>{t.login_submit}</button>
                            </ActionForm>
                            <p><a href="/passwort-vergessen">{nt().forgot_link}</a></p>
                        })}
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The own account: roles and the password change.
#[component]
pub fn AccountPage() -> impl IntoView {
    let auth = expect_context::<AuthContext>();
    let t = texts();
    let action = auth.change_password;
    let pending = action.pending();
    view! {
        <Title text=t.account_title/>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match auth.user.await {
                    Ok(Some(me)) => {
                        let roles = me.roles.iter().map(|r| r.label_de()).collect::<Vec<_>>().join(", ");
                        view! {
                            <section class="narrow">
                                <h1>{t.account_title}</h1>
                                <p>{me.display_name.clone()} " · " {me.email.clone()}</p>
                                <p>{t.your_roles} " " {roles}</p>
                                <p data-testid="own-team">{match me.team.clone() {
                                    Some(team) => format!("{} {team}", crate::i18n::team::texts().your_team),
                                    None => crate::i18n::team::texts().your_team_none.to_owned(),
                                }}</p>
                                <p><a href="/konto/meine-daten">{crate::i18n::identity::texts().my_data_title}</a></p>
                                <h2>{t.change_password_title}</h2>
                                <ActionForm action=action attr:class="stack">
                                    <FormResult value=action.value() success=t.password_changed/>
                                    <label for="current-password">{t.field_current_password}</label>
                                    <input id="current-password" type="password" name="current_password" autocomplete="current-password" required/>
                                    <label for="new-password">{t.field_new_password}</label>
                                    <input id="new-password" type="password" name="new_password" autocomplete="new-password"
                                        minlength=PASSWORD_MIN required aria-describedby="password-hint"/>
                                    <p id="password-hint" class="hint">{t.password_hint}</p>
                                    <label for="confirm-password">{t.field_confirm_password}</label>
                                    <input id="confirm-password" type="password" name="confirm_password" autocomplete="new-password"
                                        minlength=PASSWORD_MIN required/>
                                    <button type="submit" disabled=move || pending.get()>{t.change_password_submit}</button>
                                </ActionForm>
                            </section>
                        }
                        .into_any()
                    }
                    Ok(None) => view! { <ErrorPage error=crate::error::AppError::Unauthenticated/> }.into_any(),
                    Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Accepting an invitation: set a password, then be signed in.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let auth = expect_context::<AuthContext>();
    let t = texts();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let info = Resource::new(token, invitation_info);
    let action = auth.accept;
    let pending = action.pending();
    view! {
        <Title text=t.invitation_title/>
        <section class="narrow">
            <h1>{t.invitation_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match info.await {
                        Ok(name) => view! {
                            <p>{t.invitation_intro} " " <strong>{name}</strong></p>
                            <ActionForm action=action attr:class="stack">
                                <FormResult value=action.value()/>
                                <input type="hidden" name="token" value=token()/>
                                <NewPasswordFields prefix="invite"/>
                                <button type="submit" disabled=move || pending.get()>{t.invitation_submit}</button>
                            </ActionForm>
                        }
                        .into_any(),
                        Err(err) => view! { <ErrorPage error=err/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// "Passwort vergessen?": asks for a reset link by mail. The answer never tells whether the
/// address has an account.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let t = texts();
    let n = nt();
    let action = ServerAction::<RequestPasswordReset>::new();
    let query = use_query_map();
    let sent = Memo::new(move |_| query.read().get("gesendet").is_some());
    let pending = action.pending();
    view! {
        <Title text=n.forgot_title/>
        <section class="narrow">
            <h1>{n.forgot_title}</h1>
            {move || (sent.get() || matches!(action.value().get(), Some(Ok(())))).then(|| view! {
                <p class="alert success" role="status">{n.forgot_done}</p>
            })}
            <p>{n.forgot_intro}</p>
            <ActionForm action=action attr:class="stack">
                <FormResult value=action.value()/>
                <label for="forgot-email">{t.field_email}</label>
                <input id="forgot-email" type="email" name="email" autocomplete="username" required/>
                <button type="submit" disabled=move || pending.get()>{n.forgot_submit}</button>
            </ActionForm>
            <p><a href="/anmelden">{t.login_title}</a></p>
        </section>
    }
}

/// Setting a new password from a reset link, then being signed in.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let t = texts();
    let n = nt();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let info = Resource::new(token, password_reset_info);
    let action = expect_context::<AuthContext>().reset_password;
    let pending = action.pending();
    view! {
        <Title text=n.reset_title/>
        <section class="narrow">
            <h1>{n.reset_title}</h1>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match info.await {
                        Ok(name) => view! {
                            <p>{n.reset_intro} " " <strong>{name}</strong></p>
                            <ActionForm action=action attr:class="stack">
                                <FormResult value=action.value()/>
                                <input type="hidden" name="token" value=token()/>
                                <NewPasswordFields prefix="reset"/>
                                <button type="submit" disabled=move || pending.get()>{n.reset_submit}</button>
                            </ActionForm>
                        }
                        .into_any(),
                        Err(err) => view! {
                            <ErrorPage error=err/>
                            <p><a href="/passwort-vergessen">{n.forgot_link}</a></p>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// A new password typed twice (`password`, `confirm_password`), with the length hint.
#[component]
fn NewPasswordFields(
    /// Prefix of the fields' ids (unique per page).
    prefix: &'static str,
) -> impl IntoView {
    let t = texts();
    let (password, hint, confirm) = (
        format!("{prefix}-password"),
        format!("{prefix}-hint"),
        format!("{prefix}-confirm"),
    );
    view! {
        <label for=password.clone()>{t.field_new_password}</label>
        <input id=password type="password" name="password" autocomplete="new-password"
            minlength=PASSWORD_MIN required aria-describedby=hint.clone()/>
        <p id=hint class="hint">{t.password_hint}</p>
        <label for=confirm.clone()>{t.field_confirm_password}</label>
        <input id=confirm type="password" name="confirm_password" autocomplete="new-password"
            minlength=PASSWORD_MIN required/>
    }
}
