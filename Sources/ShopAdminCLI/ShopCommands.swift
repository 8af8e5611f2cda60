import Foundation
import ShopCore

/// `shopadmin shop ...`: the operator's shop operations, the same ones the operator API runs.
enum ShopCommands {
    static let actor = "operator (cli)"

    static func run(_ words: [String], modules: [any FeatureModule]) async throws {
        guard let sub = words.first else { throw CLIError.usage("shop needs a subcommand") }
        var arguments = try CommandLineArguments(Array(words.dropFirst()))
        let (lock, app) = try ShopAdminCommand.openApplication(&arguments, modules: modules)
        defer { withExtendedLifetime(lock) {} }
        let service = app.service
        defer { service.registry.close() }
        func slug() throws -> ShopSlug {
            let text = try arguments.argument(0, "slug")
            guard let slug = ShopSlug(text) else {
                throw CLIError.failed("\(text) is not a valid shop slug (2-40 characters of a-z, 0-9 and '-')")
            }
            return slug
        }
        switch sub {
        case "create":
            let stores = try arguments.options("store").map(parseStore)
            let request = ProvisioningRequest(
                slug: try arguments.argument(0, "slug"),
                name: arguments.option("name") ?? "", tier: arguments.option("tier") ?? "",
                addOns: arguments.options("add-on"), flags: arguments.options("flag"),
                stores: stores.isEmpty ? nil : stores,
                ownerEmail: arguments.option("owner-email") ?? "", ownerName: arguments.option("owner-name"),
                ownerPassword: arguments.option("owner-password"))
            try arguments.finish(maxPositional: 1)
            let provisioned = try await service.provision(request, actor: actor)
            print("created shop \(provisioned.record.slug) (\(provisioned.record.tier.rawValue))")
            if let password = provisioned.ownerPassword {
                print("owner \(request.ownerEmail) password: \(password)  (shown once)")
            }
        case "list":
            try arguments.finish(maxPositional: 0)
            let shops = service.registry.allShops()
            print(pad("SLUG", 24) + pad("TIER", 10) + pad("STATUS", 11) + pad("ADD-ONS", 18) + pad("FLAGS", 8) + "NAME")
            for shop in shops {
                print(
                    pad(shop.slug.value, 24) + pad(shop.tier.rawValue, 10) + pad(shop.status.rawValue, 11)
                        + pad(shop.addOns.map(\.rawValue).sorted().joined(separator: ","), 18)
                        + pad(shop.flags.map(\.rawValue).sorted().joined(separator: ","), 8) + shop.name)
            }
            print("\(shops.count) shop\(shops.count == 1 ? "" : "s")")
        case "show":
            let slug = try slug()
            try arguments.finish(maxPositional: 1)
            let record = try service.record(slug)
            var object = record.json
            if case .object(var members) = object {
                members["modules"] = .array(service.catalog.enabledModules(for: record).map { .string($0) })
                object = .object(members)
            }
            print(String(decoding: object.serialized(), as: UTF8.self))
        case "set-tier":
            let slug = try slug()
            let tier = try Tier.parse(try arguments.argument(1, "tier"))
            try arguments.finish(maxPositional: 2)
            let record = try await service.setTier(slug, tier, actor: actor)
            print("\(slug): tier \(record.tier.rawValue); modules: \(service.catalog.enabledModules(for: record).joined(separator: ", "))")
        case "addon", "flag":
            let slug = try slug()
            let name = try arguments.argument(1, sub == "addon" ? "add-on" : "flag")
            let enabled = try onOff(try arguments.argument(2, "on|off"))
            try arguments.finish(maxPositional: 3)
            let record =
                sub == "addon"
                ? try await service.setAddOn(slug, try AddOn.parse(name, field: "add-on"), enabled: enabled, actor: actor)
                : try await service.setFlag(slug, try ShopFlag.parse(name, field: "flag"), enabled: enabled, actor: actor)
            print(
                "\(slug): \(name) \(enabled ? "on" : "off"); modules: \(service.catalog.enabledModules(for: record).joined(separator: ", "))"
            )
        case "suspend":
            let slug = try slug()
            let reason = arguments.option("reason") ?? ""
            try arguments.finish(maxPositional: 1)
            _ = try await service.suspend(slug, reason: reason, actor: actor)
            print("\(slug): suspended")
        case "resume":
            let slug = try slug()
            try arguments.finish(maxPositional: 1)
            _ = try await service.resume(slug, actor: actor)
            print("\(slug): active")
        case "delete":
            let slug = try slug()
            try arguments.finish(maxPositional: 1)
            let trash = try await service.delete(slug, actor: actor)
            print("\(slug): deleted; its data is kept in \(trash)")
        default:
            throw CLIError.usage("unknown shop subcommand \(sub)")
        }
        await service.pool.closeAll()
    }

    /// `code:name:locale:currency:country`, e.g. `fi:Website FI:fi:EUR:FI`.
    static func parseStore(_ text: String) throws -> ProvisioningRequest.StoreSpec {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5 else {
            throw CLIError.usage("--store takes code:name:locale:currency:country, e.g. fi:Website FI:fi:EUR:FI")
        }
        return .init(code: parts[0], name: parts[1], locale: parts[2], currency: parts[3], country: parts[4])
    }

    static func onOff(_ text: String) throws -> Bool {
        switch text {
        case "on": return true
        case "off": return false
        default: throw CLIError.usage("say on or off, not \(text)")
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
