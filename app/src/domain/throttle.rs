//! Login throttling: after repeated failures an account or an address must wait.

use chrono::{DateTime, Duration, Utc};

/// Limits for one kind of key (account or client address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottlePolicy {
    /// Failures allowed within `window` before blocking.
    pub max_failures: u32,
    /// The window in which failures are counted.
    pub window: Duration,
    /// How long a key stays blocked once the limit is reached.
    pub block_for: Duration,
}

impl ThrottlePolicy {
    /// Per account: five wrong passwords in 15 minutes block the account's log-in for 15 minutes.
    pub fn per_account() -> Self {
        Self {
            max_failures: 5,
            window: Duration::minutes(15),
            block_for: Duration::minutes(15),
        }
    }

    /// Per client address: twenty failures in 15 minutes (an office shares one address).
    pub fn per_address() -> Self {
        Self {
            max_failures: 20,
            window: Duration::minutes(15),
            block_for: Duration::minutes(15),
        }
    }
}

/// The stored failure record of one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailureRecord {
    /// Failures counted in the current window.
    pub failures: u32,
    /// When the current window started.
    pub window_started_at: DateTime<Utc>,
    /// Until when the key is blocked, if it is.
    pub blocked_until: Option<DateTime<Utc>>,
}

/// Whether a log-in attempt may be checked at all.
pub fn blocked_until(record: Option<&FailureRecord>, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    record
        .and_then(|r| r.blocked_until)
        .filter(|until| *until > now)
}

/// The record after one more failure at `now`.
pub fn register_failure(
    policy: ThrottlePolicy,
    record: Option<&FailureRecord>,
    now: DateTime<Utc>,
) -> FailureRecord {
    let fresh = FailureRecord {
        failures: 0,
        window_started_at: now,
        blocked_until: None,
    };
    let mut next = match record {
        Some(r)
            if now - r.window_started_at < policy.window
                && blocked_until(Some(r), now).is_none()
                && r.blocked_until.is_none() =>
        {
            *r
        }
        _ => fresh,
    };
    next.failures += 1;
    if next.failures >= policy.max_failures {
        next.blocked_until = Some(now + policy.block_for);
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t0() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-21T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn the_fifth_failure_within_the_window_blocks_the_account() {
        let policy = ThrottlePolicy::per_account();
        let mut record = None;
        for i in 0..4 {
            let next = register_failure(policy, record.as_ref(), t0() + Duration::minutes(i));
            assert_eq!(next.blocked_until, None);
            record = Some(next);
        }
        let fifth = register_failure(policy, record.as_ref(), t0() + Duration::minutes(5));
        assert_eq!(fifth.blocked_until, Some(t0() + Duration::minutes(20)));
        assert_eq!(
            blocked_until(Some(&fifth), t0() + Duration::minutes(6)),
            fifth.blocked_until
        );
    }

    #[test]
    fn a_block_expires_after_its_duration() {
        let policy = ThrottlePolicy::per_account();
        let record = FailureRecord {
            failures: 5,
            window_started_at: t0(),
            blocked_until: Some(t0() + policy.block_for),
        };
        assert!(blocked_until(Some(&record), t0() + Duration::minutes(14)).is_some());
        assert!(blocked_until(Some(&record), t0() + Duration::minutes(15)).is_none());
    }

    #[test]
    fn failures_outside_the_window_start_a_new_count() {
        let policy = ThrottlePolicy::per_account();
        let old = FailureRecord {
            failures: 4,
            window_started_at: t0(),
            blocked_until: None,
        };
        let next = register_failure(policy, Some(&old), t0() + Duration::minutes(16));
        assert_eq!(next.failures, 1);
        assert_eq!(next.window_started_at, t0() + Duration::minutes(16));
    }

    #[test]
    fn a_failure_after_an_expired_block_starts_a_new_count() {
        let policy = ThrottlePolicy::per_account();
        let old = FailureRecord {
            failures: 5,
            window_started_at: t0(),
            blocked_until: Some(t0() + Duration::minutes(15)),
        };
        let next = register_failure(policy, Some(&old), t0() + Duration::minutes(15));
        assert_eq!(next.failures, 1);
        assert_eq!(next.blocked_until, None);
    }

    #[test]
    fn the_address_limit_is_higher_than_the_account_limit() {
        assert!(
            ThrottlePolicy::per_address().max_failures > ThrottlePolicy::per_account().max_failures
        );
    }
}
