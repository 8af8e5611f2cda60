import Foundation
import ShopCore

/// The `shopadmin` command line. The executable passes in the feature modules it was
/// built with; everything else lives here so that tests can drive it too.
public enum ShopAdminCommand {
    public static let version = "0.1.0"

    static let usage = """
        usage: shopadmin <command> [options]

        commands:
          serve [--host H] [--port N] [--demo] [--pool N] [--quiet]   run the server
          shop create <slug> --name N --tier T --owner-email E [--owner-password P]
                      [--add-on A]... [--flag F]... [--store code:name:locale:currency:country]...
          shop list | show <slug>
          shop set-tier <slug> <start|pro|business|platinum>
          shop addon <slug> <add-on> on|off      shop flag <slug> <flag> on|off
          shop suspend <slug> --reason R         shop resume <slug>
          shop delete <slug>                     (moved to <data-dir>/.trash, never erased)
          migrate <slug> | migrate --all         (a stopped --all run resumes where it failed)
          backup <slug> <file>                   (SQLite online backup)
          seed <slug> --customers N [--store CODE]  (generated Nordic sample customers)
          export <slug> [--format native|shopify|magento|magento-composite|prestashop] [--fields a,b]
                 [--separator comma|semicolon|tab] [--bom] [--output FILE]   (customers as CSV)
          import <slug> <file> [--dry-run] [--separator S]  (customers from CSV, as a resumable job)
          jobs <slug>                            (the shop's jobs with progress and results)
          operator-token --rotate                (issue a new operator token, revoking the old)
          version

        every command takes --data-dir DIR (default: $SHOPADMIN_DATA or ./Tenants)
        """

    /// Runs one command and returns the process exit status. `mounts` are served by `serve`
    /// beside the core's routes (the browser admin).
    public static func run(arguments: [String], modules: [any FeatureModule], mounts: [any ApplicationMount] = []) async -> Int32 {
        var words = Array(arguments.dropFirst())
        guard let command = words.first else {
            FileHandle.standardError.write(Data((usage + "\n").utf8))
            return 2
        }
        words.removeFirst()
        do {
            switch command {
            case "serve":
                try await ServeCommand.run(words, modules: modules, mounts: mounts)
            case "shop":
                try await ShopCommands.run(words, modules: modules)
            case "migrate":
                try await MaintenanceCommands.migrate(words, modules: modules)
            case "export":
                try await CSVCommands.export(words, modules: modules)
            case "import":
                try await CSVCommands.importFile(words, modules: modules)
            case "jobs":
                try await CSVCommands.jobs(words, modules: modules)
            case "seed":
                try await SeedCommand.run(words, modules: modules)
            case "backup":
                try await MaintenanceCommands.backup(words, modules: modules)
            case "operator-token":
                try await MaintenanceCommands.operatorToken(words, modules: modules)
            case "version", "--version":
                print("shopadmin \(version)")
            case "help", "--help", "-h":
                print(usage)
            default:
                throw CLIError.usage("unknown command \(command)")
            }
            return 0
        } catch let error as CLIError {
            fail(error.description)
            return error.exitCode
        } catch let error as HTTPError {
            fail(error.field.map { "\($0): \(error.message)" } ?? error.message)
            return 1
        } catch {
            fail(String(describing: error))
            return 1
        }
    }

    static func fail(_ message: String) {
        FileHandle.standardError.write(Data("shopadmin: \(message)\n".utf8))
    }

    /// The data directory: `--data-dir`, else `$SHOPADMIN_DATA`, else `./Tenants`.
    static func dataDirectory(_ arguments: inout CommandLineArguments) -> String {
        let directory = arguments.option("data-dir") ?? ProcessInfo.processInfo.environment["SHOPADMIN_DATA"] ?? "Tenants"
        return URL(fileURLWithPath: directory).standardizedFileURL.path
    }

    /// The configuration shared by every command; `SHOPADMIN_PASSWORD_ITERATIONS` lowers the
    /// password cost for tests and demos on slow machines.
    static func configuration(dataDirectory: String) throws -> ShopAdminConfiguration {
        var configuration = ShopAdminConfiguration(dataDirectory: dataDirectory)
        if let text = ProcessInfo.processInfo.environment["SHOPADMIN_PASSWORD_ITERATIONS"] {
            guard let iterations = Int(text), iterations >= 1000 else {
                throw CLIError.failed("SHOPADMIN_PASSWORD_ITERATIONS must be a number of at least 1000")
            }
            configuration.passwordAlgorithm = .pbkdf2SHA256(iterations: iterations)
        }
        return configuration
    }

    /// Locks the data directory and opens the application, for one CLI command.
    static func openApplication(
        _ arguments: inout CommandLineArguments, modules: [any FeatureModule], quietLog: Bool = true
    ) throws -> (DataDirectoryLock, ShopAdminApplication) {
        let directory = dataDirectory(&arguments)
        let lock: DataDirectoryLock
        do {
            lock = try DataDirectoryLock(dataDirectory: directory)
        } catch let error as DataDirectoryLock.LockError {
            throw CLIError.failed(error.message)
        }
        var configuration = try configuration(dataDirectory: directory)
        if quietLog { configuration.log = LogSink.disabled }
        return (lock, try ShopAdminApplication(configuration: configuration, modules: modules))
    }
}
