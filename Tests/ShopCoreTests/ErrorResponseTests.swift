import Foundation
import ShopAdminTesting
import ShopCore
import Testing

/// Every error has one shape, a fitting status and a request id.
@Suite("Error responses")
struct ErrorResponseTests {
    /// The `{"error":{"code","message"}}` shape and the `X-Request-Id` header.
    static func expectErrorShape(_ response: TestResponse, _ label: String) {
        #expect(response.header("Content-Type")?.hasPrefix("application/json") == true, "\(label)")
        let error = response.errorObject
        #expect(error?["code"] is String, "\(label): \(response.text)")
        #expect((error?["message"] as? String)?.isEmpty == false, "\(label): \(response.text)")
        #expect(response.jsonObject?.keys.sorted() == ["error"], "\(label)")
        #expect(response.header("X-Request-Id")?.isEmpty == false, "\(label)")
    }

    @Test func bodyErrors() async throws {
        try await TestServer.with { server in
            let auth = [("Authorization", "Bearer \(server.operatorToken)")]
            let malformed = try await TestHTTPClient.request(
                port: server.port, method: "POST", path: "/operator/shops", headers: auth + [("Content-Type", "application/json")],
                body: Array(#"{"slug": "x",,}"#.utf8))
            #expect(malformed.status == 400)
            #expect(malformed.errorCode == "malformed_json")
            Self.expectErrorShape(malformed, "malformed")

            let notObject = try await TestHTTPClient.request(
                port: server.port, method: "POST", path: "/operator/shops", headers: auth + [("Content-Type", "application/json")],
                body: Array("[1, 2]".utf8))
            #expect(notObject.status == 400)
            #expect(notObject.errorCode == "malformed_json")

            let wrongType = try await TestHTTPClient.request(
                port: server.port, method: "POST", path: "/operator/shops", headers: auth + [("Content-Type", "text/plain")],
                body: Array(#"{"slug":"x"}"#.utf8))
            #expect(wrongType.status == 415)
            #expect(wrongType.errorCode == "unsupported_media_type")
            Self.expectErrorShape(wrongType, "415")

            let empty = try await TestHTTPClient.request(port: server.port, method: "POST", path: "/operator/shops", headers: auth)
            #expect(empty.status == 400)
            #expect(empty.errorCode == "missing_body")

            let number = try await server.operatorRequest(
                "POST", "/operator/shops",
                json: ["slug": 42, "name": "N", "tier": "pro", "ownerEmail": "o@example.com"])
            #expect(number.status == 422)
            #expect(number.errorCode == "wrong_type")
            #expect(number.errorField == "slug")
            Self.expectErrorShape(number, "wrong type")

            let nested = try await server.operatorRequest(
                "POST", "/operator/shops",
                json: [
                    "slug": "nested", "name": "N", "tier": "pro", "ownerEmail": "o@example.com",
                    "stores": [["code": 7, "name": "S", "locale": "fi", "currency": "EUR", "country": "FI"]],
                ])
            #expect(nested.status == 422)
            #expect(nested.errorField == "stores[0].code")
        }
    }

    @Test func everyKindOfErrorHasTheShapeAndARequestID() async throws {
        try await TestServer.with { server in
            try await server.provision("errs")
            let token = try await server.signIn("errs")
            #expect(try await server.request("POST", "/shops/errs/api/groups", token: token, json: ["name": "Dup"]).status == 201)
            let cases: [(String, TestResponse, Int)] = [
                ("no route", try await server.request("/nowhere"), 404),
                ("no shop", try await server.request("/shops/no-such-shop/api/stores", token: token), 404),
                ("no operator token", try await server.request("/operator/shops"), 401),
                ("no staff token", try await server.request("/shops/errs/api/stores"), 401),
                ("405", try await server.request("DELETE", "/shops/errs/api/audit", token: token), 405),
                ("409", try await server.request("POST", "/shops/errs/api/groups", token: token, json: ["name": "dup"]), 409),
                (
                    "422", try await server.request("POST", "/shops/errs/api/groups", token: token, json: ["name": "G", "taxClass": "x"]),
                    422
                ),
                ("module", try await server.request("/shops/errs/api/ledger", token: token), 404),
            ]
            for (label, response, status) in cases {
                #expect(response.status == status, "\(label): \(response.status) \(response.text)")
                Self.expectErrorShape(response, label)
            }
            let notAllowed = cases[4].1
            #expect(notAllowed.errorCode == "method_not_allowed")
            #expect(notAllowed.header("Allow") == "GET, HEAD")
            #expect(cases[6].1.errorField == "taxClass")
            // Successes carry a request id too, and ids differ per request.
            let first = try await server.request("/health")
            let second = try await server.request("/health")
            #expect(first.status == 200)
            #expect(first.header("X-Request-Id") != nil)
            #expect(first.header("X-Request-Id") != second.header("X-Request-Id"))
        }
    }

    @Test func saneClientRequestIDIsEchoedOthersReplaced() async throws {
        try await TestServer.with { server in
            let sane = try await server.request("/health", headers: [("X-Request-Id", "trace-2026.11_abc")])
            #expect(sane.header("X-Request-Id") == "trace-2026.11_abc")
            let onError = try await server.request("/operator/shops", headers: [("X-Request-Id", "edge-42")])
            #expect(onError.status == 401)
            #expect(onError.header("X-Request-Id") == "edge-42")
            for insane in ["has space", "semi;colon", String(repeating: "x", count: 65), "<script>"] {
                let response = try await server.request("/health", headers: [("X-Request-Id", insane)])
                let id = response.header("X-Request-Id")
                #expect(id != nil && id != insane, "\(insane)")
            }
        }
    }
}
