import Dispatch
import Foundation
import HTTPServer
import ShopCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// `shopadmin serve`: runs the server until SIGINT or SIGTERM, then stops accepting,
/// lets in-flight requests finish, closes the databases and exits 0.
enum ServeCommand {
    static func run(_ words: [String], modules: [any FeatureModule], mounts: [any ApplicationMount] = []) async throws {
        var arguments = try CommandLineArguments(words, flags: ["demo", "quiet"])
        let directory = ShopAdminCommand.dataDirectory(&arguments)
        var configuration = try ShopAdminCommand.configuration(dataDirectory: directory)
        configuration.http.host = arguments.option("host") ?? "127.0.0.1"
        configuration.http.port = try arguments.intOption("port") ?? 8080
        configuration.poolCapacity = try arguments.intOption("pool") ?? configuration.poolCapacity
        if let connections = try arguments.intOption("max-connections") { configuration.http.maxConnections = connections }
        if let idle = try arguments.intOption("idle-timeout") { configuration.http.idleTimeout = Double(idle) }
        let demo = arguments.flag("demo")
        if arguments.flag("quiet") { configuration.log = LogSink.disabled }
        try arguments.finish(maxPositional: 0)
        guard (0...65535).contains(configuration.http.port) else { throw CLIError.usage("--port must be 0 to 65535") }
        guard configuration.poolCapacity > 0 else { throw CLIError.usage("--pool must be at least 1") }

        let lock: DataDirectoryLock
        do {
            lock = try DataDirectoryLock(dataDirectory: directory)
        } catch let error as DataDirectoryLock.LockError {
            throw CLIError.failed(error.message)
        }
        defer { withExtendedLifetime(lock) {} }

        // Ignore the default handlers before the sources are made, so a signal is never lost.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        let stop = ShutdownSignal()

        let app = try ShopAdminApplication(configuration: configuration, modules: modules, mounts: mounts)
        if !app.operatorTokens.hasToken {
            let token = try await app.operatorTokens.issue()
            print("operator token (shown once, stored hashed): \(token)")
        }
        if demo {
            try await DemoShop.ensure(in: app)
        }
        // Each shop's outbox goes out over its SMTP relay, or into its maildir without one.
        app.emailDelivery.start()
        // Jobs a stopped process left running resume (or are marked failed with the reason).
        await JobRecovery.recover(app.service, log: app.log)
        // Export files kept past their week go.
        await JobRecovery.sweepExportFiles(app.service, log: app.log)
        // Each shop's webhook deliveries go out to the merchants' receivers (https verified
        // against the system's authorities, plus a private CA's when one is given).
        var webhooks = WebhookDeliveryConfiguration()
        webhooks.trustedCertificates = ProcessInfo.processInfo.environment["SHOPADMIN_WEBHOOK_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        app.webhookDelivery.start(webhooks)
        let log = app.log
        let server = HTTPServer(configuration: configuration.http, responder: app.makeResponder()) { line in log.log(line) }
        do {
            try server.start()
        } catch {
            await app.shutdown()
            throw CLIError.failed("cannot listen on \(configuration.http.host):\(configuration.http.port): \(error)")
        }
        let base =
            "http://\(configuration.http.host.contains(":") ? "[\(configuration.http.host)]" : configuration.http.host):\(server.port)"
        print("shopadmin \(ShopAdminCommand.version) listening on \(base) (data: \(directory), \(app.service.registry.count) shops)")
        print("  health:   \(base)/health")
        print("  operator: \(base)/operator/shops  (Authorization: Bearer <operator token>)")
        if demo { DemoShop.printWelcome(base: base) }
        fflush(nil)

        let signalName = await stop.wait()
        print("received \(signalName): finishing in-flight requests")
        fflush(nil)
        await server.shutdown(gracePeriod: 10)
        await app.shutdown()
        print("stopped")
        fflush(nil)
    }
}

/// Waits for SIGINT or SIGTERM through dispatch sources, resuming its waiter once.
final class ShutdownSignal {
    private let sources: [any DispatchSourceSignal]
    private let state = SignalState()

    init() {
        let queue = DispatchQueue(label: "shopadmin.signals")
        let state = self.state
        sources = [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")].map { number, name in
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { state.fire(name) }
            source.resume()
            return source
        }
    }

    func wait() async -> String {
        await withCheckedContinuation { continuation in state.setWaiter(continuation) }
    }
}

/// The one-shot hand-over between the signal queue and the waiting task.
final class SignalState: Sendable {
    private struct Inner {
        var fired: String?
        var waiter: CheckedContinuation<String, Never>?
    }
    private let inner = Mutex(Inner())

    func fire(_ name: String) {
        let waiter = inner.withLock { inner -> CheckedContinuation<String, Never>? in
            guard inner.fired == nil else { return nil }
            inner.fired = name
            defer { inner.waiter = nil }
            return inner.waiter
        }
        waiter?.resume(returning: name)
    }

    func setWaiter(_ continuation: CheckedContinuation<String, Never>) {
        let fired = inner.withLock { inner -> String? in
            if let fired = inner.fired { return fired }
            inner.waiter = continuation
            return nil
        }
        if let fired { continuation.resume(returning: fired) }
    }
}
