import SQLite

/// The open shop databases, at most `capacity` of them (least recently used closed
/// first), so 10,000 shops on one host never exhaust file descriptors. Each file has
/// exactly one connection (SQLite 3.40's WAL-reset race needs two): a database being
/// opened or closed is waited for, never opened a second time. A database in use by a
/// request (leased) is never closed under it; the pool then runs over capacity briefly.
public actor ShopDatabasePool {
    /// Opens one shop's database; provided by the shop service (path, options, migrations).
    public typealias Opener = @Sendable (ShopSlug) async throws -> DatabaseQueue
    /// Brings an open database up to the given module set's migrations.
    public typealias Migrator = @Sendable (DatabaseQueue, [String]) async throws -> Void

    private struct OpenEntry {
        let queue: DatabaseQueue
        var leases: Int
        var lastUsed: UInt64
        /// The module set whose migrations have been applied on this connection.
        var migratedModules: [String]
    }

    private enum State {
        case opening(Task<Void, Error>)
        case open(OpenEntry)
        case closing(Task<Void, Never>)
    }

    public let capacity: Int
    private let opener: Opener
    private let migrator: Migrator
    private var states: [ShopSlug: State] = [:]
    private var clock: UInt64 = 0
    private var openCount = 0

    public init(capacity: Int, opener: @escaping Opener, migrator: @escaping Migrator) {
        precondition(capacity > 0, "pool capacity must be positive")
        self.capacity = capacity
        self.opener = opener
        self.migrator = migrator
    }

    /// The number of open databases, for tests and the operator's status page.
    public var openDatabases: Int { openCount }

    /// Leases the shop's database, opening it if needed and applying any migration of
    /// `modules` it lacks (a module just switched on gets its tables on this request).
    /// Every lease must be given back with `release`.
    public func acquire(_ slug: ShopSlug, modules: [String]) async throws -> DatabaseQueue {
        while true {
            switch states[slug] {
            case .open(var entry):
                entry.leases += 1
                clock += 1
                entry.lastUsed = clock
                states[slug] = .open(entry)
                if entry.migratedModules != modules {
                    do {
                        try await migrator(entry.queue, modules)
                        markMigrated(slug, modules)
                    } catch {
                        release(slug)
                        throw error
                    }
                }
                return entry.queue
            case .opening(let task):
                try await task.value
            case .closing(let task):
                await task.value
            case nil:
                let opener = self.opener
                let migrator = self.migrator
                let task = Task<Void, Error> {
                    do {
                        let queue = try await opener(slug)
                        do {
                            try await migrator(queue, modules)
                        } catch {
                            await queue.close()
                            throw error
                        }
                        self.finishOpening(slug, queue, modules)
                    } catch {
                        self.failOpening(slug)
                        throw error
                    }
                }
                states[slug] = .opening(task)
                try await task.value
            }
        }
    }

    /// Gives back a lease from `acquire`.
    public func release(_ slug: ShopSlug) {
        guard case .open(var entry) = states[slug] else { return }
        entry.leases = max(0, entry.leases - 1)
        states[slug] = .open(entry)
        evictIfNeeded()
    }

    /// Closes a shop's database for good (the shop is being deleted or backed up offline),
    /// waiting up to `timeout` seconds for in-flight leases to end.
    public func close(_ slug: ShopSlug, timeout: Double = 30) async {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while true {
            switch states[slug] {
            case nil:
                return
            case .opening(let task):
                _ = try? await task.value
            case .closing(let task):
                await task.value
            case .open(let entry):
                if entry.leases == 0 || ContinuousClock.now >= deadline {
                    beginClosing(slug, entry.queue)
                } else {
                    try? await Task.sleep(for: .milliseconds(10))
                }
            }
        }
    }

    /// Closes every database (shutdown), after in-flight work on each has finished.
    public func closeAll() async {
        for slug in Array(states.keys) { await close(slug, timeout: 10) }
    }

    private func markMigrated(_ slug: ShopSlug, _ modules: [String]) {
        guard case .open(var entry) = states[slug] else { return }
        entry.migratedModules = modules
        states[slug] = .open(entry)
    }

    private func finishOpening(_ slug: ShopSlug, _ queue: DatabaseQueue, _ modules: [String]) {
        clock += 1
        states[slug] = .open(OpenEntry(queue: queue, leases: 0, lastUsed: clock, migratedModules: modules))
        openCount += 1
        evictIfNeeded()
    }

    private func failOpening(_ slug: ShopSlug) {
        states[slug] = nil
    }

    private func beginClosing(_ slug: ShopSlug, _ queue: DatabaseQueue) {
        openCount -= 1
        let task = Task<Void, Never> {
            await queue.close()
            self.finishClosing(slug)
        }
        states[slug] = .closing(task)
    }

    private func finishClosing(_ slug: ShopSlug) {
        if case .closing = states[slug] { states[slug] = nil }
    }

    /// Closes least recently used, unleased databases until within capacity.
    private func evictIfNeeded() {
        while openCount > capacity {
            var victim: (ShopSlug, OpenEntry)?
            for (slug, state) in states {
                guard case .open(let entry) = state, entry.leases == 0 else { continue }
                if victim == nil || entry.lastUsed < victim!.1.lastUsed { victim = (slug, entry) }
            }
            guard let (slug, entry) = victim else { return }
            beginClosing(slug, entry.queue)
        }
    }
}

extension ShopDatabasePool {
    /// Runs `body` with the shop's database leased, giving the lease back however it ends.
    public nonisolated func withDatabase<T: Sendable>(
        _ slug: ShopSlug, modules: [String], _ body: @Sendable (DatabaseQueue) async throws -> T
    ) async throws -> T {
        let queue = try await acquire(slug, modules: modules)
        do {
            let result = try await body(queue)
            await release(slug)
            return result
        } catch {
            await release(slug)
            throw error
        }
    }
}
