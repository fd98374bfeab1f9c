//! The one error type every server function returns, with German texts for the user.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What went wrong, as far as the user needs to know. The cause chain goes to the log, never here.
///
/// On the wire it is a JSON object that also carries the German text, so API callers (and
/// anyone reading a refused request in the browser's network tab) get a readable answer:
/// `{"error":"NotFound","message":"Das gesuchte Element wurde nicht gefunden."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(into = "WireError", try_from = "WireError")]
pub enum AppError {
    /// No one is signed in (or the session ended).
    #[error("Bitte melden Sie sich an.")]
    Unauthenticated,
    /// Signed in, but not allowed to do this.
    #[error("Sie haben keine Berechtigung für diese Aktion.")]
    Forbidden,
    /// The thing asked for does not exist (or is not visible to this user).
    #[error("Das gesuchte Element wurde nicht gefunden.")]
    NotFound,
    /// The input was refused; the text says why.
    #[error("{0}")]
    Invalid(String),
    /// The data changed in the meantime; the text says what to do.
    #[error("{0}")]
    Conflict(String),
    /// Too many attempts; try again later.
    #[error("Zu viele fehlgeschlagene Versuche. Bitte warten Sie {minutes} Minuten und versuchen Sie es dann erneut.")]
    TooManyAttempts {
        /// Minutes until the next attempt is allowed.
        minutes: i64,
    },
    /// Too many texts in a short time from one account (comments, replies, contributions,
    /// dialogue posts); the text stays in the form.
    #[error("Sie haben in kurzer Zeit sehr viele Beiträge geschrieben. Bitte warten Sie {seconds} Sekunden und senden Sie dann erneut – Ihr Text bleibt erhalten.")]
    RateLimited {
        /// Seconds until the next text is accepted.
        seconds: i64,
    },
    /// The server is overloaded right now (e.g. too many log-ins waiting); try again shortly.
    #[error(
        "Der Server ist gerade stark ausgelastet. Bitte versuchen Sie es in einer Minute erneut."
    )]
    Busy,
    /// Something failed on the server; details are in the server log.
    #[error("Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.")]
    Internal,
    /// The request did not reach the server or its answer was unreadable.
    #[error("Die Verbindung zum Server ist fehlgeschlagen. Bitte prüfen Sie Ihre Verbindung; Ihre Eingaben sind noch da.")]
    Connection,
    /// The request was malformed (e.g. missing or wrongly typed fields).
    #[error("Die Anfrage war unvollständig oder fehlerhaft. Bitte laden Sie die Seite neu.")]
    BadRequest,
}

impl AppError {
    /// The HTTP status that fits this error.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Invalid(_) | AppError::BadRequest => 400,
            AppError::Conflict(_) => 409,
            AppError::TooManyAttempts { .. } | AppError::RateLimited { .. } => 429,
            AppError::Busy => 503,
            AppError::Internal | AppError::Connection => 500,
        }
    }

    /// An internal error: logs what failed (`context`, e.g. "storing the comment") with its
    /// cause, and tells the user only that something went wrong.
    ///
    /// For a cause that is a `std::error::Error`, prefer [`Context::context`], which also logs
    /// the cause's source chain.
    pub fn internal(context: &str, err: impl std::fmt::Display) -> Self {
        #[cfg(feature = "ssr")]
        tracing::error!(context, error = %err, "internal error");
        #[cfg(not(feature = "ssr"))]
        let _ = (context, err.to_string());
        AppError::Internal
    }

    /// An internal error caused by `err`: logs what failed and the whole source chain of `err`.
    pub fn internal_chain(context: &str, err: &(dyn std::error::Error + 'static)) -> Self {
        Self::internal(context, ErrorChain(err))
    }

    /// A validation error from anything whose `Display` is a German message.
    pub fn invalid(err: impl std::fmt::Display) -> Self {
        AppError::Invalid(err.to_string())
    }
}

/// The wire form of an [`AppError`]: its kind, its data, and the German message.
#[derive(Clone, Serialize, Deserialize)]
struct WireError {
    /// The variant's name, e.g. `NotFound`.
    error: String,
    /// The German text shown to people (ignored when reading: it follows from the rest).
    message: String,
    /// The text of `Invalid` and `Conflict`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
    /// The minutes of `TooManyAttempts`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    minutes: Option<i64>,
    /// The seconds of `RateLimited`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seconds: Option<i64>,
}

impl From<AppError> for WireError {
    fn from(err: AppError) -> Self {
        let message = err.to_string();
        let (mut minutes, mut seconds) = (None, None);
        let (error, detail) = match err {
            AppError::Unauthenticated => ("Unauthenticated", None),
            AppError::Forbidden => ("Forbidden", None),
            AppError::NotFound => ("NotFound", None),
            AppError::Invalid(text) => ("Invalid", Some(text)),
            AppError::Conflict(text) => ("Conflict", Some(text)),
            AppError::TooManyAttempts { minutes: m } => {
                minutes = Some(m);
                ("TooManyAttempts", None)
            }
            AppError::RateLimited { seconds: s } => {
                seconds = Some(s);
                ("RateLimited", None)
            }
            AppError::Busy => ("Busy", None),
            AppError::Internal => ("Internal", None),
            AppError::Connection => ("Connection", None),
            AppError::BadRequest => ("BadRequest", None),
        };
        Self {
            error: error.to_owned(),
            message,
            detail,
            minutes,
            seconds,
        }
    }
}

impl TryFrom<WireError> for AppError {
    type Error = String;

    fn try_from(wire: WireError) -> Result<Self, Self::Error> {
        Ok(match wire.error.as_str() {
            "Unauthenticated" => AppError::Unauthenticated,
            "Forbidden" => AppError::Forbidden,
            "NotFound" => AppError::NotFound,
            "Invalid" => AppError::Invalid(wire.detail.unwrap_or(wire.message)),
            "Conflict" => AppError::Conflict(wire.detail.unwrap_or(wire.message)),
            "TooManyAttempts" => AppError::TooManyAttempts {
                minutes: wire.minutes.unwrap_or(15),
            },
            "RateLimited" => AppError::RateLimited {
                seconds: wire.seconds.unwrap_or(60),
            },
            "Busy" => AppError::Busy,
            // Read from the wire: the server has logged the cause.
            "Internal" => AppError::Internal,
            "Connection" => AppError::Connection,
            "BadRequest" => AppError::BadRequest,
            other => return Err(format!("unknown error kind {other}")),
        })
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Connection,
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::BadRequest,
            other => AppError::internal("running a server function", other),
        }
    }
}

/// Displays an error followed by its sources: `outer: middle: root cause`.
pub struct ErrorChain<'a>(pub &'a (dyn std::error::Error + 'static));

impl std::fmt::Display for ErrorChain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut shown = self.0.to_string();
        write!(f, "{shown}")?;
        let mut source = self.0.source();
        while let Some(err) = source {
            // Many errors repeat their source's text in their own; print it once.
            let text = err.to_string();
            if !shown.ends_with(&text) {
                write!(f, ": {text}")?;
            }
            shown = text;
            source = err.source();
        }
        Ok(())
    }
}

/// Says what was being done when an internal error happened, so the log names the failed step.
///
/// ```ignore
/// let round = Round::find_by_id(id).one(db).await.context("loading the round")?;
/// let head = head.context("reading the process head: a process without head")?;
/// ```
pub trait Context<T> {
    /// Turns a failure into [`AppError::Internal`], logging `what` and the cause.
    fn context(self, what: &'static str) -> Result<T, AppError>;
}

/// Implemented only for causes that are always internal: a blanket impl would also accept
/// `Result<T, AppError>` and turn a `Forbidden` into an `Internal`.
macro_rules! internal_causes {
    ($($(#[$attr:meta])* $err:ty),* $(,)?) => {$(
        $(#[$attr])*
        impl<T> Context<T> for Result<T, $err> {
            fn context(self, what: &'static str) -> Result<T, AppError> {
                self.map_err(|err| AppError::internal_chain(what, &err))
            }
        }
    )*};
}

internal_causes!(
    #[cfg(feature = "ssr")]
    sea_orm::DbErr,
    #[cfg(feature = "ssr")]
    tower_sessions::session::Error,
    serde_json::Error,
    std::io::Error,
);

/// For values that must exist because the database says so (a row another row points to);
/// `None` is an internal inconsistency, not a "not found" for the user.
impl<T> Context<T> for Option<T> {
    fn context(self, what: &'static str) -> Result<T, AppError> {
        self.ok_or_else(|| AppError::internal(what, "expected value is missing"))
    }
}

/// Whether a database error is a unique-index violation (a version number taken twice, a
/// support given twice, …): the caller turns it into the answer that fits.
#[cfg(feature = "ssr")]
pub fn is_unique_violation(err: &sea_orm::DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// A database error reached with `?` and no [`Context`]: logs where it happened (file and line
/// of the `?`) and the source chain, so even an unannotated query can be found.
#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    #[track_caller]
    fn from(err: sea_orm::DbErr) -> Self {
        let at = std::panic::Location::caller();
        tracing::error!(at = %at, error = %ErrorChain(&err), "database error");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<tower_sessions::session::Error> for AppError {
    #[track_caller]
    fn from(err: tower_sessions::session::Error) -> Self {
        let at = std::panic::Location::caller();
        tracing::error!(at = %at, error = %ErrorChain(&err), "session error");
        AppError::Internal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_map_to_fitting_http_statuses() {
        assert_eq!(AppError::Forbidden.status_code(), 403);
        assert_eq!(AppError::Unauthenticated.status_code(), 401);
        assert_eq!(AppError::TooManyAttempts { minutes: 3 }.status_code(), 429);
        assert_eq!(AppError::Invalid("x".into()).status_code(), 400);
        assert_eq!(AppError::RateLimited { seconds: 5 }.status_code(), 429);
        assert_eq!(AppError::Busy.status_code(), 503);
    }

    #[test]
    fn malformed_arguments_become_a_bad_request_not_an_internal_error() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Args("missing field".into()));
        assert_eq!(err, AppError::BadRequest);
    }

    #[test]
    fn errors_round_trip_through_json() {
        for err in [
            AppError::TooManyAttempts { minutes: 15 },
            AppError::RateLimited { seconds: 42 },
            AppError::Busy,
            AppError::Invalid("Der Titel fehlt.".into()),
            AppError::Conflict("Jemand anderes hat gespeichert.".into()),
            AppError::NotFound,
            AppError::BadRequest,
        ] {
            let json = serde_json::to_string(&err).unwrap();
            assert_eq!(
                serde_json::from_str::<AppError>(&json).unwrap(),
                err,
                "{json}"
            );
        }
    }

    #[derive(Debug, thiserror::Error)]
    #[error("outer")]
    struct Outer(#[source] std::io::Error);

    #[test]
    fn an_error_chain_shows_every_cause_once() {
        let err = Outer(std::io::Error::other("disk full"));
        assert_eq!(ErrorChain(&err).to_string(), "outer: disk full");
    }

    #[test]
    fn a_missing_value_with_context_is_an_internal_error() {
        assert_eq!(
            None::<i32>.context("reading the head"),
            Err(AppError::Internal)
        );
    }

    #[test]
    fn the_wire_form_carries_the_german_message() {
        let json = serde_json::to_value(AppError::Forbidden).unwrap();
        assert_eq!(json["error"], "Forbidden");
        assert_eq!(
            json["message"],
            "Sie haben keine Berechtigung für diese Aktion."
        );
    }
}
