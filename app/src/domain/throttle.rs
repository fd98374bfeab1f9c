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

/// What the database holds for one key right after an attempt was counted (atomically, in
/// one statement — see `account::ssr::count_attempt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptCount {
    /// Attempts counted in the current window, this one included. Successful attempts are
    /// taken back afterwards, so what remains are failures and attempts still being checked.
    pub attempts: u32,
    /// Until when the key is blocked, if it is.
    pub blocked_until: Option<DateTime<Utc>>,
}

/// Whether an attempt may go on to the (expensive) password check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// Check the password.
    Check,
    /// Refuse without checking, until the given instant.
    Refuse {
        /// When the next attempt is allowed.
        until: DateTime<Utc>,
    },
}

/// Decides after counting: an attempt is checked only while the key is not blocked and the
/// count, this attempt included, stays within the policy. Because the count is taken before
/// the check and atomically, parallel attempts cannot slip past the limit: of 40 parallel
/// wrong passwords for one account, at most `max_failures` are checked.
pub fn admit(policy: ThrottlePolicy, count: AttemptCount, now: DateTime<Utc>) -> Admission {
    match count.blocked_until.filter(|until| *until > now) {
        Some(until) => Admission::Refuse { until },
        None if count.attempts > policy.max_failures => Admission::Refuse {
            until: now + policy.block_for,
        },
        None => Admission::Check,
    }
}

/// The state of a key's record at `now`, as the counting statement computes it in SQL.
/// Kept here as the reference the statement is tested against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleRow {
    /// Attempts in the current window.
    pub attempts: u32,
    /// Start of the current window.
    pub window_started_at: DateTime<Utc>,
    /// Until when the key is blocked.
    pub blocked_until: Option<DateTime<Utc>>,
}

/// One more attempt at `now`: a blocked key stays as it is; an expired window or an expired
/// block starts a new count; passing the limit blocks the key for `block_for`.
pub fn count_attempt(
    policy: ThrottlePolicy,
    row: Option<&ThrottleRow>,
    now: DateTime<Utc>,
) -> ThrottleRow {
    match row {
        Some(r) if r.blocked_until.is_some_and(|until| until > now) => *r,
        Some(r) if r.blocked_until.is_none() && now - r.window_started_at < policy.window => {
            let attempts = r.attempts + 1;
            ThrottleRow {
                attempts,
                window_started_at: r.window_started_at,
                blocked_until: (attempts > policy.max_failures).then(|| now + policy.block_for),
            }
        }
        _ => ThrottleRow {
            attempts: 1,
            window_started_at: now,
            blocked_until: None,
        },
    }
}

/// Whether a stored row has no effect any more at `now` (neither blocks nor counts), so a
/// clean-up may delete it.
pub fn is_expired(policy: ThrottlePolicy, row: &ThrottleRow, now: DateTime<Utc>) -> bool {
    row.blocked_until.is_none_or(|until| until <= now)
        && now - row.window_started_at >= policy.window
}

/// How many texts one account may post in a window: comments, replies, contributions and
/// dialogue posts together. Generous for a person (a long reply every three seconds), tight for
/// a script flooding a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Texts accepted per window.
    pub max: usize,
    /// The sliding window.
    pub per: Duration,
}

impl RateLimit {
    /// Twenty texts a minute per account.
    pub const POSTING: RateLimit = RateLimit::per_minute(20);

    /// `max` texts a minute.
    pub const fn per_minute(max: usize) -> Self {
        RateLimit {
            max,
            per: Duration::seconds(60),
        }
    }

    /// Records a text at `now` if the limit allows it. `recent` holds the times of the texts
    /// accepted before (oldest first) and is pruned to the window. `Err` carries how long to
    /// wait until the oldest text leaves the window.
    pub fn admit(
        self,
        recent: &mut std::collections::VecDeque<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<(), Duration> {
        while recent.front().is_some_and(|at| now - *at >= self.per) {
            recent.pop_front();
        }
        if recent.len() >= self.max {
            let oldest = recent.front().copied().unwrap_or(now);
            return Err(self.per - (now - oldest));
        }
        recent.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t0() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-21T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn count(attempts: u32, blocked_until: Option<DateTime<Utc>>) -> AttemptCount {
        AttemptCount {
            attempts,
            blocked_until,
        }
    }

    #[test]
    fn the_first_five_attempts_of_an_account_are_checked_and_the_sixth_is_refused() {
        let policy = ThrottlePolicy::per_account();
        let mut row = None;
        let mut checked = 0;
        for i in 0..6 {
            let now = t0() + Duration::minutes(i);
            let next = count_attempt(policy, row.as_ref(), now);
            if admit(policy, count(next.attempts, next.blocked_until), now) == Admission::Check {
                checked += 1;
            }
            row = Some(next);
        }
        assert_eq!(checked, 5);
        let blocked = row
            .unwrap()
            .blocked_until
            .expect("blocked after the sixth attempt");
        assert_eq!(blocked, t0() + Duration::minutes(5) + policy.block_for);
    }

    #[test]
    fn a_blocked_key_stays_blocked_and_is_not_counted_further() {
        let policy = ThrottlePolicy::per_account();
        let row = ThrottleRow {
            attempts: 6,
            window_started_at: t0(),
            blocked_until: Some(t0() + Duration::minutes(15)),
        };
        let now = t0() + Duration::minutes(3);
        let next = count_attempt(policy, Some(&row), now);
        assert_eq!(next, row);
        assert_eq!(
            admit(policy, count(next.attempts, next.blocked_until), now),
            Admission::Refuse {
                until: t0() + Duration::minutes(15)
            }
        );
    }

    #[test]
    fn a_block_expires_after_its_duration_and_counting_starts_again() {
        let policy = ThrottlePolicy::per_account();
        let row = ThrottleRow {
            attempts: 6,
            window_started_at: t0(),
            blocked_until: Some(t0() + policy.block_for),
        };
        let now = t0() + policy.block_for;
        let next = count_attempt(policy, Some(&row), now);
        assert_eq!(next.attempts, 1);
        assert_eq!(next.blocked_until, None);
        assert_eq!(
            admit(policy, count(next.attempts, next.blocked_until), now),
            Admission::Check
        );
    }

    #[test]
    fn attempts_outside_the_window_start_a_new_count() {
        let policy = ThrottlePolicy::per_account();
        let old = ThrottleRow {
            attempts: 4,
            window_started_at: t0(),
            blocked_until: None,
        };
        let next = count_attempt(policy, Some(&old), t0() + Duration::minutes(16));
        assert_eq!(next.attempts, 1);
        assert_eq!(next.window_started_at, t0() + Duration::minutes(16));
    }

    #[test]
    fn a_count_over_the_limit_is_refused_even_without_a_stored_block() {
        let policy = ThrottlePolicy::per_address();
        assert_eq!(
            admit(policy, count(21, None), t0()),
            Admission::Refuse {
                until: t0() + policy.block_for
            }
        );
        assert_eq!(admit(policy, count(20, None), t0()), Admission::Check);
    }

    #[test]
    fn rows_expire_once_neither_their_window_nor_their_block_matters() {
        let policy = ThrottlePolicy::per_account();
        let counting = ThrottleRow {
            attempts: 2,
            window_started_at: t0(),
            blocked_until: None,
        };
        assert!(!is_expired(policy, &counting, t0() + Duration::minutes(14)));
        assert!(is_expired(policy, &counting, t0() + Duration::minutes(15)));
        let blocked = ThrottleRow {
            attempts: 6,
            window_started_at: t0(),
            blocked_until: Some(t0() + Duration::minutes(25)),
        };
        assert!(!is_expired(policy, &blocked, t0() + Duration::minutes(20)));
        assert!(is_expired(policy, &blocked, t0() + Duration::minutes(25)));
    }

    #[test]
    fn the_address_limit_is_higher_than_the_account_limit() {
        assert!(
            ThrottlePolicy::per_address().max_failures > ThrottlePolicy::per_account().max_failures
        );
    }

    #[test]
    fn the_twenty_first_text_within_a_minute_waits_until_the_first_leaves_the_window() {
        let limit = RateLimit::POSTING;
        let mut recent = std::collections::VecDeque::new();
        for i in 0..20 {
            assert_eq!(
                limit.admit(&mut recent, t0() + Duration::seconds(i)),
                Ok(())
            );
        }
        assert_eq!(
            limit.admit(&mut recent, t0() + Duration::seconds(30)),
            Err(Duration::seconds(30))
        );
        // A refused text is not counted; once the first has left the window, one more fits.
        assert_eq!(
            limit.admit(&mut recent, t0() + Duration::seconds(60)),
            Ok(())
        );
        assert_eq!(
            limit.admit(&mut recent, t0() + Duration::seconds(60)),
            Err(Duration::seconds(1))
        );
    }
}
