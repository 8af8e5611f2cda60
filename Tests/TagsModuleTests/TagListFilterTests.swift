import Foundation
import ShopAdminTesting
import ShopCore
import ShopCoreTesting
import Testing

/// The customer-list filters the module adds: `tagsAll`, `tagsAny`, `tagsNone`.
@Suite("Tags module: list filters")
struct TagListFilterTests {
    @Test func allAnyAndNoneGiveTheRightSets() async throws {
        try await TagShop.with { shop in
            let ids = try await shop.customers(["Aho", "Berg", "Carlsen", "Dahl"])
            try await shop.setTags(ids[0], ["a", "b"])
            try await shop.setTags(ids[1], ["a"])
            try await shop.setTags(ids[2], ["B", "c"])
            let cases: [(query: String, expected: [Int])] = [
                ("tagsAll=a,b", [ids[0]]),
                ("tagsAll=A,%20B", [ids[0]]),
                ("tagsAll=a,a", [ids[0], ids[1]]),
                ("tagsAll=a", [ids[0], ids[1]]),
                ("tagsAll=a,nonesuch", []),
                ("tagsAny=a,b", [ids[0], ids[1], ids[2]]),
                ("tagsAny=c,nonesuch", [ids[2]]),
                ("tagsNone=a", [ids[2], ids[3]]),
                ("tagsNone=a,b", [ids[3]]),
                ("tagsNone=nonesuch", ids),
                ("tagsAny=b&tagsNone=c", [ids[0]]),
                ("tagsAll=a&q=berg", [ids[1]]),
            ]
            for item in cases {
                let listed = try await shop.listed(item.query)
                #expect(listed.ids == item.expected.sorted(), "\(item.query)")
                #expect(listed.total == item.expected.count, "\(item.query)")
            }
            // Totals follow changes at once.
            try await shop.setTags(ids[3], ["a", "b"])
            #expect(try await shop.listed("tagsAll=a,b").total == 2)
        }
    }

    @Test func anEmptyListIsRefusedNamingTheParameter() async throws {
        try await TagShop.with { shop in
            for parameter in ["tagsAll", "tagsAny", "tagsNone"] {
                for value in ["", ",", "%20,%20"] {
                    let response = try await shop.api("GET", "/customers?\(parameter)=\(value)")
                    #expect(response.status == 400, "\(parameter)=\(value): \(response.text)")
                    #expect(response.errorField == parameter)
                }
            }
        }
    }
}
