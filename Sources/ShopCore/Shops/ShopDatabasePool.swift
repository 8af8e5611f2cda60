import SQLite
import Synchronization

/// The open shop databases, at most `capacity` of them (least recently used closed
/// first), so 10,000 shops on one host never exhaust file descriptors. Each file has
/// exactly one connection (SQLite 3.40's WAL-reset race needs two): a database being
/// opened or closed is waited for, never opened a second time. A database in use by a
/// request (leased) is never closed under it; the pool then runs over capacity briefly.
///
/// The common case, a shop whose database is open and migrated, takes one lock and no
/// suspension; opening, migrating and closing run in tasks that waiters await.
public final class ShopDatabasePool: Sendable {
    /// Opens one shop's database; provided by the shop service (path, options).
    public typealias Opener = @Sendable (ShopSlug) async throws -> DatabaseQueue
    /// Brings an open database up to the given module set's migrations; returns those applied.
    public typealias Migrator = @Sendable (DatabaseQueue, [String]) async throws -> [String]

    struct OpenEntry {
        let queue: DatabaseQueue
        var leases: Int
        var lastUsed: UInt64
        /// The module set whose migrations have been applied on this connection.
        var migratedModules: [String]
    }

    enum Entry {
        case opening(Task<[String], Error>)
        case open(OpenEntry)
        case closing(Task<Void, Never>)
    }

    struct State {
        var entries: [ShopSlug: Entry] = [:]
        var clock: UInt64 = 0
        var openCount = 0
    }

    /// What `acquire` does next, decided under the lock and done outside it.
    private enum Step {
        case leased(DatabaseQueue)
        case migrate(DatabaseQueue)
        case wait(Task<[String], Error>)
        case waitClosing(Task<Void, Never>)
    }

    public let capacity: Int
    private let opener: Opener
    private let migrator: Migrator
    private let state = Mutex(State())

    public init(capacity: Int, opener: @escaping Opener, migrator: @escaping Migrator) {
        precondition(capacity > 0, "pool capacity must be positive")
        self.capacity = capacity
        self.opener = opener
        self.migrator = migrator
    }

    /// The number of open databases, for tests and the operator's status page.
    public var openDatabases: Int { state.withLock { $0.openCount } }

    /// Leases the shop's database, opening it if needed and applying any migration of
    /// `modules` it lacks (a module just switched on gets its tables on this request).
    /// Every lease must be given back with `release`.
    public func acquire(_ slug: ShopSlug, modules: [String]) async throws -> DatabaseQueue {
        try await acquireReporting(slug, modules: modules).queue
    }

    /// `acquire`, also saying which migrations this call applied (for the operator's reports).
    public func acquireReporting(_ slug: ShopSlug, modules: [String]) async throws -> (queue: DatabaseQueue, applied: [String]) {
        var applied: [String] = []
        while true {
            let step = state.withLock { state -> Step in
                switch state.entries[slug] {
                case .open(var entry):
                    entry.leases += 1
                    state.clock += 1
                    entry.lastUsed = state.clock
                    state.entries[slug] = .open(entry)
                    return entry.migratedModules == modules ? .leased(entry.queue) : .migrate(entry.queue)
                case .opening(let task):
                    return .wait(task)
                case .closing(let task):
                    return .waitClosing(task)
                case nil:
                    let task = makeOpeningTask(slug, modules)
                    state.entries[slug] = .opening(task)
                    return .wait(task)
                }
            }
            switch step {
            case .leased(let queue):
                return (queue, applied)
            case .migrate(let queue):
                do {
                    // Idempotent: two requests racing here both find the same migrations applied.
                    applied += try await migrator(queue, modules)
                } catch {
                    release(slug)
                    throw error
                }
                state.withLock { state in
                    if case .open(var entry) = state.entries[slug] {
                        entry.migratedModules = modules
                        state.entries[slug] = .open(entry)
                    }
                }
                return (queue, applied)
            case .wait(let task):
                applied += try await task.value
            case .waitClosing(let task):
                await task.value
            }
        }
    }

    /// Gives back a lease from `acquire`.
    public func release(_ slug: ShopSlug) {
        let closing = state.withLock { state -> [Task<Void, Never>] in
            guard case .open(var entry) = state.entries[slug] else { return [] }
            entry.leases = max(0, entry.leases - 1)
            state.entries[slug] = .open(entry)
            return evictIfNeeded(&state)
        }
        _ = closing
    }

    /// Closes a shop's database for good (the shop is being deleted), waiting up to
    /// `timeout` seconds for in-flight leases to end.
    public func close(_ slug: ShopSlug, timeout: Double = 30) async {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while true {
            let next = state.withLock { state -> Entry? in
                guard let entry = state.entries[slug] else { return nil }
                if case .open(let open) = entry, open.leases == 0 || ContinuousClock.now >= deadline {
                    return .closing(beginClosing(slug, open.queue, &state))
                }
                return entry
            }
            switch next {
            case nil:
                return
            case .opening(let task):
                _ = try? await task.value
            case .closing(let task):
                await task.value
            case .open:
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
    }

    /// Closes every database (shutdown), after in-flight work on each has finished.
    public func closeAll() async {
        let slugs = state.withLock { Array($0.entries.keys) }
        for slug in slugs { await close(slug, timeout: 10) }
    }

    // MARK: Transitions, each called with the lock held

    private func makeOpeningTask(_ slug: ShopSlug, _ modules: [String]) -> Task<[String], Error> {
        let opener = self.opener
        let migrator = self.migrator
        return Task {
            do {
                let queue = try await opener(slug)
                let applied: [String]
                do {
                    applied = try await migrator(queue, modules)
                } catch {
                    await queue.close()
                    throw error
                }
                self.state.withLock { state in
                    state.clock += 1
                    state.entries[slug] = .open(OpenEntry(queue: queue, leases: 0, lastUsed: state.clock, migratedModules: modules))
                    state.openCount += 1
                    _ = evictIfNeeded(&state)
                }
                return applied
            } catch {
                self.state.withLock { $0.entries[slug] = nil }
                throw error
            }
        }
    }

    private func beginClosing(_ slug: ShopSlug, _ queue: DatabaseQueue, _ state: inout State) -> Task<Void, Never> {
        state.openCount -= 1
        let task = Task<Void, Never> {
            await queue.close()
            self.state.withLock { state in
                if case .closing = state.entries[slug] { state.entries[slug] = nil }
            }
        }
        state.entries[slug] = .closing(task)
        return task
    }

    /// Closes least recently used, unleased databases until within capacity.
    private func evictIfNeeded(_ state: inout State) -> [Task<Void, Never>] {
        var tasks: [Task<Void, Never>] = []
        while state.openCount > capacity {
            var victim: (ShopSlug, OpenEntry)?
            for (slug, entry) in state.entries {
                guard case .open(let open) = entry, open.leases == 0 else { continue }
                if victim == nil || open.lastUsed < victim!.1.lastUsed { victim = (slug, open) }
            }
            guard let (slug, entry) = victim else { break }
            tasks.append(beginClosing(slug, entry.queue, &state))
        }
        return tasks
    }
}

extension ShopDatabasePool {
    /// Runs `body` with the shop's database leased, giving the lease back however it ends.
    public func withDatabase<T: Sendable>(
        _ slug: ShopSlug, modules: [String], _ body: @Sendable (DatabaseQueue) async throws -> T
    ) async throws -> T {
        let queue = try await acquire(slug, modules: modules)
        defer { release(slug) }
        return try await body(queue)
    }
}
