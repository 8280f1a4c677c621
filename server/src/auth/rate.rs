//! A fixed-window rate limit per client address, for the sign-in routes: each start and each
//! callback costs a provider round trip and a database write.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);
/// Beyond this many tracked addresses, finished windows are dropped.
const PRUNE_ABOVE: usize = 10_000;

pub struct RateLimit {
    per_window: u32,
    seen: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

impl RateLimit {
    pub fn per_minute(per_window: u32) -> RateLimit {
        RateLimit {
            per_window,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one request from `client`; false once it has used up this minute.
    pub fn allow(&self, client: IpAddr) -> bool {
        self.allow_at(client, Instant::now())
    }

    fn allow_at(&self, client: IpAddr, now: Instant) -> bool {
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if seen.len() > PRUNE_ABOVE {
            seen.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
        }
        let entry = seen.entry(client).or_insert((now, 0));
        if now.duration_since(entry.0) >= WINDOW {
            *entry = (now, 0);
        }
        entry.1 += 1;
        entry.1 <= self.per_window
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 1));
    const B: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 2));

    #[test]
    fn each_address_gets_its_own_allowance_per_minute() {
        let limit = RateLimit::per_minute(2);
        let t = Instant::now();
        assert!(limit.allow_at(A, t));
        assert!(limit.allow_at(A, t));
        assert!(!limit.allow_at(A, t));
        assert!(limit.allow_at(B, t));
        assert!(limit.allow_at(A, t + WINDOW));
    }
}
