import Foundation
import HTTPServer

/// The OpenAPI 3.1 description of every route the router has: the operator, shop and
/// storefront APIs, with request and response schemas from `APIOperations`, the error shape
/// on every operation, and the security each part needs.
public enum OpenAPIDocument {
    /// Routes of the router that the operation table does not describe (the test asks for none).
    public static func undescribedRoutes(_ router: Router, modules: [any FeatureModule] = []) -> [String] {
        let table = operations(modules)
        return router.routes.filter { !isBrowserPage($0.pattern) }.map { "\($0.method.rawValue) \($0.pattern)" }
            .filter { table[$0] == nil }.sorted()
    }

    /// The rule that keeps the browser admin out of the API description: its HTML pages live
    /// under `/shops/{shop}/admin` and its stylesheet and script under `/admin`; they are
    /// neither described nor required to be. The operator's console (`/operator/console`) is
    /// such a page too.
    public static func isBrowserPage(_ pattern: String) -> Bool {
        ["/admin", "/shops/{shop}/admin", "/operator/console"].contains { prefix in pattern == prefix || pattern.hasPrefix(prefix + "/") }
    }

    /// The core's operations and those the modules describe.
    static func operations(_ modules: [any FeatureModule]) -> [String: APIOperation] {
        var table = APIOperations.table
        table.merge(StorefrontAPIOperations.table) { core, _ in core }
        table.merge(StaffAPIOperations.table) { core, _ in core }
        table.merge(Impersonation.apiOperations) { core, _ in core }
        table.merge(EmailAPIOperations.table) { core, _ in core }
        table.merge(WebhookAPIOperations.table) { core, _ in core }
        table.merge(ERPAPIOperations.table) { core, _ in core }
        table.merge(PricingAPIOperations.table) { core, _ in core }
        table.merge(OrderAPIOperations.table) { core, _ in core }
        table.merge(CustomerCSVAPIOperations.table) { core, _ in core }
        for module in modules { table.merge(module.apiOperations) { core, _ in core } }
        // The storefront's forms take the modules' members of the record too (custom fields).
        let members = customerRecordMembers(modules)
        for key in ["POST /shops/{shop}/storefront/{store}/register", "PATCH /shops/{shop}/storefront/{store}/account"]
        where !members.isEmpty {
            let request = table[key]?.request
            table[key]?.request = request?.addingMembers(members)
        }
        return table
    }

    /// The members the modules add to the customer record (`customFields`), first module first.
    static func customerRecordMembers(_ modules: [any FeatureModule]) -> [String: JSONSchema] {
        modules.reduce(into: [:]) { members, module in members.merge(module.customerRecordMembers) { first, _ in first } }
    }

    public static func make(router: Router, modules: [any FeatureModule] = [], version: String) -> JSONValue {
        let table = operations(modules)
        var paths: [String: [String: JSONValue]] = [:]
        for route in router.routes where !isBrowserPage(route.pattern) {
            let key = "\(route.method.rawValue) \(route.pattern)"
            let operation = table[key] ?? APIOperation(response: .any)
            paths[route.pattern, default: [:]][route.method.rawValue.lowercased()] = describe(route, operation)
        }
        var components = APIComponents.schemas.mapValues(\.json)
        components["Error"] = APIComponents.schemas["Error"]!.json
        let members = customerRecordMembers(modules)
        // List rows also carry the modules' list columns (the credit limit); a write never does.
        let columns = modules.reduce(into: [String: JSONSchema]()) { all, module in
            all.merge(module.customerListColumns) { first, _ in first }
        }
        for name in ["Customer", "CustomerInput"] where !members.isEmpty || !columns.isEmpty {
            let extra = name == "Customer" ? members.merging(columns) { member, _ in member } : members
            components[name] = APIComponents.schemas[name]!.addingMembers(extra).json
        }
        return .object([
            "openapi": .string("3.1.0"),
            "info": .object([
                "title": .string("ShopAdmin"), "version": .string(version),
                "description": .string("Multi-tenant admin for Nordic e-commerce: operator, shop staff and storefront APIs."),
            ]),
            "paths": .object(paths.mapValues { .object($0) }),
            "components": .object([
                "schemas": .object(components),
                "securitySchemes": .object([
                    "operatorToken": .object([
                        "type": .string("http"), "scheme": .string("bearer"), "description": .string("The operator token"),
                    ]),
                    "staffToken": .object([
                        "type": .string("http"), "scheme": .string("bearer"),
                        "description": .string("A staff session or API token of the shop"),
                    ]),
                    "customerToken": .object([
                        "type": .string("http"), "scheme": .string("bearer"), "description": .string("A customer session of the store"),
                    ]),
                ]),
            ]),
        ])
    }

    static func describe(_ route: Route, _ operation: APIOperation) -> JSONValue {
        var parameters: [JSONValue] = route.parameterNames.map { name in
            .object(["name": .string(name), "in": .string("path"), "required": .bool(true), "schema": .object(["type": .string("string")])])
        }
        for name in operation.query.keys.sorted() {
            parameters.append(
                .object([
                    "name": .string(name), "in": .string("query"), "required": .bool(false), "schema": operation.query[name]!.json,
                ]))
        }
        if route.method == .patch && route.pattern.hasSuffix("/customers/{id}") {
            parameters.append(
                .object([
                    "name": .string("If-Match"), "in": .string("header"), "required": .bool(false),
                    "schema": .object(["type": .string("string")]),
                ]))
        }
        let error: JSONValue = .object([
            "description": .string("An error: {\"error\":{\"code\",\"message\",\"field\"}}"),
            "content": .object(["application/json": .object(["schema": JSONSchema.ref("Error").json])]),
        ])
        var success: [String: JSONValue] = ["description": .string(route.summary.isEmpty ? "OK" : route.summary)]
        if operation.status != 204 {
            success["content"] = .object([operation.responseType: .object(["schema": operation.response.json])])
        }
        var object: [String: JSONValue] = [
            "summary": .string(route.summary), "operationId": .string(operationID(route)),
            "tags": .array([.string(tag(route))]),
            "parameters": .array(parameters),
            "responses": .object([String(operation.status): .object(success), "default": error]),
        ]
        if let request = operation.request {
            object["requestBody"] = .object([
                "required": .bool(true), "content": .object(["application/json": .object(["schema": request.json])]),
            ])
        }
        if !operation.isOpen, let scheme = security(route) { object["security"] = .array([.object([scheme: .array([])])]) }
        return .object(object)
    }

    static func tag(_ route: Route) -> String {
        if let module = route.module { return module }
        if route.pattern.hasPrefix("/operator") { return "operator" }
        if route.pattern.contains("/storefront/") { return "storefront" }
        if route.pattern.hasPrefix("/shops") { return "shop" }
        return "service"
    }

    static func security(_ route: Route) -> String? {
        if route.pattern.hasPrefix("/operator") { return "operatorToken" }
        if route.pattern.contains("/storefront/") {
            let open = ["/register", "/sessions", "/password-reset", "/password-reset/complete"]
            return open.contains(where: { route.pattern.hasSuffix($0) }) && route.method == .post ? nil : "customerToken"
        }
        if route.pattern.hasPrefix("/shops") {
            return route.pattern.hasSuffix("/api/sessions") && route.method == .post ? nil : "staffToken"
        }
        return nil
    }

    static func operationID(_ route: Route) -> String {
        let words = route.pattern.split(separator: "/").map { part -> String in
            part.hasPrefix("{") ? "By" + part.dropFirst().dropLast().capitalized : part.split(separator: "-").map(\.capitalized).joined()
        }
        return route.method.rawValue.lowercased() + words.joined().replacingOccurrences(of: ".", with: "")
    }
}
