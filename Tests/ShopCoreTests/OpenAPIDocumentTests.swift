import Foundation
import HTTPServer
import ShopAdminTesting
import Testing

@testable import ShopCore

/// `/openapi.json` describes every route the server has, with schemas.
@Suite("API description")
struct OpenAPIDocumentTests {
    @Test func everyRouteOfTheProductIsDescribed() async throws {
        // The product's own routes (no test modules): none may be missing from the table.
        try await TestServer.with(modules: [], matrix: .standard) { server in
            #expect(OpenAPIDocument.undescribedRoutes(server.app.router) == [])
        }
    }

    @Test func theDocumentListsEachRouteWithItsSchemas() async throws {
        try await TestServer.with(modules: [], matrix: .standard) { server in
            let response = try await server.request("/openapi.json")
            #expect(response.status == 200)
            let document = try #require(response.jsonObject)
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            for route in server.app.router.routes {
                let operation = paths[route.pattern]?[route.method.rawValue.lowercased()] as? [String: Any]
                #expect(operation != nil, "\(route.method.rawValue) \(route.pattern) is missing")
                let responses = operation?["responses"] as? [String: Any]
                #expect(responses?["default"] != nil, "\(route.pattern) has no error response")
                if [HTTPMethod.post, .put, .patch].contains(route.method), let body = operation?["requestBody"] as? [String: Any] {
                    #expect(body["content"] != nil)
                }
            }
            let createCustomer = paths["/shops/{shop}/api/customers"]?["post"] as? [String: Any]
            #expect(createCustomer?["requestBody"] != nil)
            let security = createCustomer?["security"] as? [[String: Any]]
            #expect(security?.first?["staffToken"] != nil)
            // A query parameter described by name: the export's ticked rows.
            let export = paths["/shops/{shop}/api/customers/export.csv"]?["get"] as? [String: Any]
            let ids = (export?["parameters"] as? [[String: Any]])?.first { $0["name"] as? String == "ids" }
            #expect(ids?["in"] as? String == "query" && ids?["required"] as? Bool == false, "\(String(describing: ids))")
            #expect((ids?["schema"] as? [String: Any])?["type"] as? String == "string")
            let components = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let customer = try #require(components["Customer"] as? [String: Any])
            let properties = try #require(customer["properties"] as? [String: Any])
            for field in CustomerField.all { #expect(properties[field.key] != nil, "Customer schema lacks \(field.key)") }
        }
    }

    @Test func aModuleRouteWithoutADescriptionIsReported() async throws {
        try await TestServer.with { server in
            let missing = OpenAPIDocument.undescribedRoutes(server.app.router, modules: server.service.catalog.entries.map(\.module))
            #expect(missing.contains("GET /shops/{shop}/api/notes"))
        }
    }
}
