import Foundation
import ShopAdminTesting
import ShopCore
import Testing

/// `GET /operator/shops/{slug}/stats`: what the operator's console shows beside a shop's
/// registry row.
@Suite("Operator API: shop stats")
struct OperatorStatsTests {
    @Test func statsCountTheShopsCustomersAndMeasureItsFile() async throws {
        try await TestServer.with { server in
            try await server.provision("counted", tier: "pro")
            let token = try await server.signIn("counted")
            for index in 1...3 {
                let created = try await server.request(
                    "POST", "/shops/counted/api/customers", token: token,
                    json: ["firstName": "Asiakas", "lastName": "\(index)", "email": "asiakas\(index)@example.fi"])
                #expect(created.status == 201, "\(created.text)")
            }
            let stats = try await server.operatorRequest("GET", "/operator/shops/counted/stats")
            #expect(stats.status == 200, "\(stats.text)")
            #expect(stats.jsonObject?["slug"] as? String == "counted")
            #expect(stats.jsonObject?["customerCount"] as? Int == 3)
            let size = try FileManager.default.attributesOfItem(atPath: "\(server.dataDirectory)/counted/shop.sqlite")[.size] as? Int
            #expect(stats.jsonObject?["databaseBytes"] as? Int == size)

            // A suspended shop is still counted: the operator looks at it from outside.
            #expect(try await server.operatorRequest("POST", "/operator/shops/counted/suspend", json: ["reason": "unpaid"]).status == 200)
            #expect(try await server.operatorRequest("GET", "/operator/shops/counted/stats").jsonObject?["customerCount"] as? Int == 3)

            #expect(try await server.operatorRequest("GET", "/operator/shops/nowhere/stats").status == 404)
            let anonymous = try await server.request("GET", "/operator/shops/counted/stats")
            #expect(anonymous.status == 401)
        }
    }
}
