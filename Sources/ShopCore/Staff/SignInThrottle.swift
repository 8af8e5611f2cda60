import Foundation
import HTTPServer
import Synchronization

/// Slows down password guessing. Failed sign-ins are counted per account (shop + email) and
/// per client address; after `Policy.accountFailures` (or `addressFailures`) failures within
/// `Policy.window` the key is locked, for `firstLock` seconds and twice as long at each further
/// lock, up to `longestLock`. A locked key is refused with 429 and `Retry-After` *before* any
/// password is hashed, so a flood costs a dictionary lookup, not a key derivation; attempts in
/// flight count too, so a burst sent at once cannot slip past the check either.
///
/// The counts live in memory, in this process: a restart forgets them, and with several
/// processes each counts its own. Each map is bounded (`Policy.capacity`): when full, idle
/// entries go first, then the least recently seen. The client address is the TCP peer; a
/// proxy in front would need `X-Forwarded-For` handling, which we do not trust yet.
public final class SignInThrottle: Sendable {
    /// The thresholds and lock times.
    public struct Policy: Sendable {
        /// Failures per shop + email within `window` that lock it.
        public var accountFailures = 5
        /// Failures per client address within `window` (over every shop and email) that lock it;
        /// higher, since an office or a mobile network shares one address.
        public var addressFailures = 20
        /// Seconds a failure counts.
        public var window: Double = 15 * 60
        /// Seconds of the first lock; each further lock doubles it.
        public var firstLock: Double = 60
        /// The longest lock, in seconds.
        public var longestLock: Double = 3600
        /// Entries kept per map at most.
        public var capacity = 10_000

        public init() {}
    }

    /// One key's recent history.
    struct Entry {
        /// Times of the recent failures, oldest first, at most the threshold.
        var failures: [Double] = []
        /// Attempts whose password is being checked right now.
        var pending = 0
        var lockedUntil: Double = 0
        /// Locks so far; the next one lasts `firstLock * 2^locks`.
        var locks = 0
        var lastSeen: Double = 0
    }

    struct State {
        var accounts: [String: Entry] = [:]
        var addresses: [String: Entry] = [:]
    }

    /// A started attempt, to hand back to `finish`.
    public struct Attempt: Sendable {
        let account: String
        let address: String
    }

    public let policy: Policy
    private let state = Mutex(State())

    public init(policy: Policy = Policy()) {
        self.policy = policy
    }

    /// Starts an attempt for `email` in `shop` from `address`, or throws 429 with `Retry-After`
    /// while the account or the address is locked. Call `finish` however the attempt ends.
    public func begin(shop: String, email: String, address: String, now: Double = Date().timeIntervalSince1970) throws -> Attempt {
        let attempt = Attempt(account: "\(shop)\u{0}\(email)", address: SignInThrottle.host(of: address))
        let policy = self.policy
        let wait = state.withLock { state -> Double? in
            let accountWait = SignInThrottle.wait(&state.accounts, attempt.account, threshold: policy.accountFailures, policy, now)
            let addressWait = SignInThrottle.wait(&state.addresses, attempt.address, threshold: policy.addressFailures, policy, now)
            if let longest = [accountWait, addressWait].compactMap({ $0 }).max() { return longest }
            state.accounts[attempt.account, default: Entry()].pending += 1
            state.addresses[attempt.address, default: Entry()].pending += 1
            state.accounts[attempt.account]!.lastSeen = now
            state.addresses[attempt.address]!.lastSeen = now
            SignInThrottle.bound(&state.accounts, policy, now)
            SignInThrottle.bound(&state.addresses, policy, now)
            return nil
        }
        if let wait {
            let seconds = max(1, Int(wait.rounded(.up)))
            throw HTTPError(
                .tooManyRequests, code: "too_many_attempts",
                message: "Too many failed sign-ins; try again in \(seconds) second\(seconds == 1 ? "" : "s").",
                headers: ["Retry-After": String(seconds)], details: ["retryAfter": .int(Int64(seconds))])
        }
        return attempt
    }

    /// Ends an attempt: a success clears the account's failures; a failure counts against the
    /// account and the address and may lock them; `nil` (the check could not run) only ends it.
    public func finish(_ attempt: Attempt, succeeded: Bool?, now: Double = Date().timeIntervalSince1970) {
        let policy = self.policy
        state.withLock { state in
            SignInThrottle.release(&state.accounts, attempt.account)
            SignInThrottle.release(&state.addresses, attempt.address)
            switch succeeded {
            case true?:
                if state.accounts[attempt.account]?.pending == 0 { state.accounts[attempt.account] = nil }
                state.accounts[attempt.account]?.failures = []
                state.accounts[attempt.account]?.locks = 0
                state.accounts[attempt.account]?.lockedUntil = 0
            case false?:
                SignInThrottle.fail(&state.accounts, attempt.account, threshold: policy.accountFailures, policy, now)
                SignInThrottle.fail(&state.addresses, attempt.address, threshold: policy.addressFailures, policy, now)
                SignInThrottle.bound(&state.accounts, policy, now)
                SignInThrottle.bound(&state.addresses, policy, now)
            case nil:
                break
            }
        }
    }

    /// How many keys are tracked (accounts, addresses), for tests of the bound.
    var counts: (accounts: Int, addresses: Int) { state.withLock { ($0.accounts.count, $0.addresses.count) } }

    // MARK: Per key

    /// Seconds to wait before `key` may try again, or nil when it may try now.
    private static func wait(_ map: inout [String: Entry], _ key: String, threshold: Int, _ policy: Policy, _ now: Double) -> Double? {
        guard var entry = map[key] else { return nil }
        entry.failures.removeAll { $0 <= now - policy.window }
        map[key] = entry
        if entry.lockedUntil > now { return entry.lockedUntil - now }
        // After a lock has run out, one attempt at a time: a burst cannot fire a batch of
        // guesses before the first failure re-locks.
        if entry.pending > 0 && entry.failures.count + entry.pending >= threshold { return 1 }
        return nil
    }

    private static func release(_ map: inout [String: Entry], _ key: String) {
        if let pending = map[key]?.pending, pending > 0 { map[key]!.pending = pending - 1 }
    }

    private static func fail(_ map: inout [String: Entry], _ key: String, threshold: Int, _ policy: Policy, _ now: Double) {
        var entry = map[key] ?? Entry()
        entry.failures.removeAll { $0 <= now - policy.window }
        entry.failures.append(now)
        if entry.failures.count > threshold { entry.failures.removeFirst(entry.failures.count - threshold) }
        entry.lastSeen = now
        if entry.failures.count >= threshold {
            let exponent = min(entry.locks, 30)
            entry.lockedUntil = now + min(policy.firstLock * Double(1 << exponent), policy.longestLock)
            entry.locks += 1
        }
        map[key] = entry
    }

    /// Keeps a map within `capacity`: drops idle entries (unlocked, nothing pending, no failure
    /// in the window), then the least recently seen, down to 90% so this runs rarely.
    private static func bound(_ map: inout [String: Entry], _ policy: Policy, _ now: Double) {
        guard map.count > policy.capacity else { return }
        map = map.filter { _, entry in
            entry.pending > 0 || entry.lockedUntil > now || (entry.failures.last ?? 0) > now - policy.window
        }
        let target = policy.capacity * 9 / 10
        guard map.count > target else { return }
        let oldest = map.sorted { $0.value.lastSeen < $1.value.lastSeen }.prefix(map.count - target)
        for (key, _) in oldest { map[key] = nil }
    }

    /// The host part of a peer address: `10.0.0.1:5342` → `10.0.0.1`, `[::1]:5342` → `::1`.
    static func host(of address: String) -> String {
        if address.hasPrefix("["), let end = address.firstIndex(of: "]") {
            return String(address[address.index(after: address.startIndex)..<end])
        }
        if let colon = address.lastIndex(of: ":"), address.firstIndex(of: ":") == colon {
            return String(address[..<colon])
        }
        return address
    }
}
