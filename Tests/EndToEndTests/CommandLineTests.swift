import Foundation
import ShopAdminTesting
import Testing

/// The `shopadmin` command line, run as the built binary.
@Suite("command line")
struct CommandLineTests {
    typealias Binary = ShopAdminBinary

    /// A failed command: non-zero, one line on stderr starting `shopadmin:`.
    static func expectOneLineFailure(_ result: Binary.Result, _ label: String, status: Int32? = nil) {
        #expect(result.status != 0, "\(label) should fail")
        if let status { #expect(result.status == status, "\(label): status \(result.status)") }
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 1, "\(label): stderr \(result.stderr)")
        #expect(result.stderr.hasPrefix("shopadmin:"), "\(label): stderr \(result.stderr)")
    }

    @Test func createRefusesBadInputWithOneLine() async throws {
        let data = freeTemporaryDirectory(prefix: "e2e-cli-bad")
        let base = ["shop", "create"]
        let cases: [(String, [String], String)] = [
            ("bad slug", ["Bad_Slug", "--name", "N", "--tier", "pro", "--owner-email", "o@example.com"], "slug"),
            ("traversal", ["../x", "--name", "N", "--tier", "pro", "--owner-email", "o@example.com"], "slug"),
            ("bad tier", ["good-slug", "--name", "N", "--tier", "gold", "--owner-email", "o@example.com"], "tier"),
            ("no owner email", ["good-slug", "--name", "N", "--tier", "pro"], "ownerEmail"),
            ("bad store", ["good-slug", "--name", "N", "--tier", "pro", "--owner-email", "o@example.com", "--store", "x"], "--store"),
        ]
        for (label, arguments, mention) in cases {
            let result = try await Binary.run(base + arguments, dataDirectory: data)
            Self.expectOneLineFailure(result, label)
            #expect(result.stderr.contains(mention), "\(label): \(result.stderr)")
        }
        let list = try await Binary.run(["shop", "list"], dataDirectory: data)
        #expect(list.status == 0)
        #expect(list.stdout.contains("0 shops"))
        let entries = try FileManager.default.contentsOfDirectory(atPath: data).filter { !$0.hasPrefix("registry.sqlite") && $0 != ".lock" }
        #expect(entries.isEmpty, "nothing but the registry: \(entries)")
    }

    @Test func shopLifecycleThroughTheCommandLine() async throws {
        let data = freeTemporaryDirectory(prefix: "e2e-cli")
        func run(_ arguments: String...) async throws -> Binary.Result {
            let result = try await Binary.run(arguments, dataDirectory: data)
            #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
            return result
        }
        func show(_ slug: String) async throws -> [String: Any] {
            let result = try await run("shop", "show", slug)
            return (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]) ?? [:]
        }

        let created = try await run(
            "shop", "create", "cli-shop", "--name", "CLI Shop", "--tier", "pro", "--owner-email", "owner@cli.example.com",
            "--store", "fi:Website FI:fi:EUR:FI", "--store", "se:Website SE:sv:SEK:SE")
        #expect(created.stdout.contains("created shop cli-shop (pro)"))
        #expect(created.stdout.contains("password:"), "a generated password is shown once")
        #expect(FileManager.default.fileExists(atPath: data + "/cli-shop/shop.sqlite"))
        _ = try await run(
            "shop", "create", "other", "--name", "Other", "--tier", "start", "--owner-email", "o@other.example.com", "--owner-password",
            "long-enough-1")
        let duplicate = try await Binary.run(
            ["shop", "create", "other", "--name", "Again", "--tier", "start", "--owner-email", "o@other.example.com"], dataDirectory: data)
        Self.expectOneLineFailure(duplicate, "duplicate")

        let list = try await run("shop", "list")
        #expect(list.stdout.contains("cli-shop"))
        #expect(list.stdout.contains("other"))
        #expect(list.stdout.contains("2 shops"))

        var shop = try await show("cli-shop")
        #expect(shop["tier"] as? String == "pro")
        #expect(shop["name"] as? String == "CLI Shop")
        #expect(shop["status"] as? String == "active")
        Self.expectOneLineFailure(try await Binary.run(["shop", "show", "nope"], dataDirectory: data), "show unknown")

        _ = try await run("shop", "set-tier", "cli-shop", "platinum")
        #expect(try await show("cli-shop")["tier"] as? String == "platinum")
        Self.expectOneLineFailure(try await Binary.run(["shop", "set-tier", "cli-shop", "gold"], dataDirectory: data), "bad tier")

        _ = try await run("shop", "addon", "cli-shop", "account-balance", "on")
        #expect(try await show("cli-shop")["addOns"] as? [String] == ["account-balance"])
        _ = try await run("shop", "addon", "cli-shop", "account-balance", "off")
        #expect(try await show("cli-shop")["addOns"] as? [String] == [])
        Self.expectOneLineFailure(
            try await Binary.run(["shop", "addon", "cli-shop", "free-money", "on"], dataDirectory: data), "bad add-on")
        Self.expectOneLineFailure(
            try await Binary.run(["shop", "addon", "cli-shop", "account-balance", "maybe"], dataDirectory: data), "on|off", status: 2)

        _ = try await run("shop", "flag", "cli-shop", "b2b", "on")
        #expect(try await show("cli-shop")["flags"] as? [String] == ["b2b"])
        _ = try await run("shop", "flag", "cli-shop", "b2b", "off")
        #expect(try await show("cli-shop")["flags"] as? [String] == [])

        _ = try await run("shop", "suspend", "cli-shop", "--reason", "Invoice unpaid")
        shop = try await show("cli-shop")
        #expect(shop["status"] as? String == "suspended")
        #expect(shop["suspendedReason"] as? String == "Invoice unpaid")
        Self.expectOneLineFailure(try await Binary.run(["shop", "suspend", "other"], dataDirectory: data), "suspend without reason")
        _ = try await run("shop", "resume", "cli-shop")
        shop = try await show("cli-shop")
        #expect(shop["status"] as? String == "active")
        #expect(shop["suspendedReason"] is NSNull)

        // Platinum switched on credit-limit and included-products: migrate applies their migrations
        // (a request to the shop would have), once.
        let migrateOne = try await run("migrate", "cli-shop")
        let applied = "cli-shop: applied credit-limit/1-create-credit-limits, included-products/1-create-included-products"
        #expect(migrateOne.stdout.contains(applied), "\(migrateOne.stdout)")
        #expect(try await run("migrate", "cli-shop").stdout.contains("cli-shop: up to date"))
        let migrateAll = try await run("migrate", "--all")
        #expect(migrateAll.stdout.contains("migrated 2 of 2 shops"))
        #expect(migrateAll.stdout.contains("[2/2] other"))

        let backupFolder = freeTemporaryDirectory(prefix: "e2e-backup")
        let backupFile = backupFolder + "/cli-shop.sqlite"
        let backup = try await run("backup", "cli-shop", backupFile)
        #expect(backup.stdout.contains("backed up to"))
        let bytes = try #require(FileManager.default.contents(atPath: backupFile))
        #expect(bytes.count > 4096)
        #expect(Array(bytes.prefix(16)) == Array("SQLite format 3\0".utf8))
        Self.expectOneLineFailure(try await Binary.run(["backup", "cli-shop", backupFile], dataDirectory: data), "backup over a file")

        let deleted = try await run("shop", "delete", "cli-shop")
        #expect(deleted.stdout.contains(".trash"))
        #expect(!FileManager.default.fileExists(atPath: data + "/cli-shop"))
        let trash = try FileManager.default.contentsOfDirectory(atPath: data + "/.trash")
        #expect(trash.count == 1)
        #expect(trash.first?.hasPrefix("cli-shop-") == true)
        #expect(FileManager.default.fileExists(atPath: data + "/.trash/\(trash.first ?? "")/shop.sqlite"))
        let after = try await run("shop", "list")
        #expect(!after.stdout.contains("cli-shop"))
        #expect(after.stdout.contains("1 shop"))
    }

    @Test func versionUsageAndUnknownCommands() async throws {
        let version = try await Binary.run(["version"], dataDirectory: nil)
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("shopadmin "))
        #expect(version.stdout.split(separator: " ").count == 2)

        let unknown = try await Binary.run(["frobnicate"], dataDirectory: nil)
        Self.expectOneLineFailure(unknown, "unknown command", status: 2)
        #expect(unknown.stderr.contains("frobnicate"))
        let none = try await Binary.run([], dataDirectory: nil)
        #expect(none.status == 2)
        #expect(none.stderr.contains("usage"))
        let data = freeTemporaryDirectory(prefix: "e2e-cli-usage")
        Self.expectOneLineFailure(
            try await Binary.run(["shop", "list", "--colour", "red"], dataDirectory: data), "unknown option", status: 2)
        Self.expectOneLineFailure(try await Binary.run(["shop", "explode"], dataDirectory: data), "unknown subcommand", status: 2)
    }

    @Test(.timeLimit(.minutes(1)))
    func commandsRefuseADataDirectoryInUseByAServer() async throws {
        let data = freeTemporaryDirectory(prefix: "e2e-cli-lock")
        let server = try await ServerProcess.start(dataDirectory: data, extra: ["--quiet"])
        for arguments in [
            ["shop", "list"], ["migrate", "--all"],
            ["shop", "create", "late", "--name", "L", "--tier", "pro", "--owner-email", "o@example.com"],
        ] {
            let result = try await Binary.run(arguments, dataDirectory: data)
            Self.expectOneLineFailure(result, arguments.joined(separator: " "))
            #expect(result.stderr.contains("in use"), "\(result.stderr)")
        }
        // A second server is refused the same way.
        let second = try await Binary.run(["serve", "--port", "0"], dataDirectory: data)
        Self.expectOneLineFailure(second, "second serve")
        #expect(second.stderr.contains("in use"))
        #expect(!FileManager.default.fileExists(atPath: data + "/late"))
        #expect(await server.stop() == 0)

        let afterwards = try await Binary.run(["shop", "list"], dataDirectory: data)
        #expect(afterwards.status == 0, "the lock is released when the server stops: \(afterwards.stderr)")
    }
}
