import Foundation
import ShopAdminTesting
import Testing

/// `shopadmin export --output` and `shopadmin import` draw a progress bar on stderr (done of
/// total, rate, ETA) and end at 100 %; the file's rows are the shop's customers.
@Suite("CSV commands' progress bars")
struct CSVProgressTests {
    typealias Binary = ShopAdminBinary

    @Test(.timeLimit(.minutes(2)))
    func exportAndImportShowProgressToTheEnd() async throws {
        let data = freeTemporaryDirectory(prefix: "e2e-csv-progress")
        for slug in ["from", "into"] {
            let created = try await Binary.run(
                ["shop", "create", slug, "--name", slug, "--tier", "pro", "--owner-email", "o@\(slug).example.com"], dataDirectory: data)
            try #require(created.status == 0, "\(created.stderr)")
        }
        let seeded = try await Binary.run(["seed", "from", "--customers", "2500"], dataDirectory: data)
        try #require(seeded.status == 0, "\(seeded.stderr)")

        let file = data + "/from.csv"
        let exported = try await Binary.run(["export", "from", "--output", file], dataDirectory: data)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stderr.contains("export [##############################] 100% 2500/2500"), "\(exported.stderr)")
        #expect(exported.stdout.contains("2500 customers exported"), "\(exported.stdout)")

        let imported = try await Binary.run(["import", "into", file], dataDirectory: data)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("import [##############################] 100% 2500/2500"), "\(imported.stderr)")
        #expect(imported.stdout.contains("2500 created"), "\(imported.stdout)")
    }
}
