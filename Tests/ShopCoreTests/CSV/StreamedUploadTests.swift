import Foundation
import SQLite
import ShopAdminTesting
import ShopCore
import Testing

/// The import upload is read as it arrives into the shop's folder: bodies well over the
/// server's 10 MiB reach the import route (and only it), with Content-Length or chunked.
@Suite("Streamed import upload")
struct StreamedUploadTests {
    /// A CSV of `rows` customers, each carrying a `padding` cell of `padding` bytes (an
    /// unknown column, reported and not imported), so a file is large with few rows.
    static func file(rows: Int, padding: Int, tag: String) -> [UInt8] {
        let pad = String(repeating: "p", count: padding)
        var text = "firstName,lastName,email,padding\r\n"
        for index in 0..<rows { text += "Aino,Streamed,\(tag)\(index)@example.fi,\(pad)\r\n" }
        return Array(text.utf8)
    }

    @Test func aTwelveMegabyteUploadStreamsIntoAJob() async throws {
        try await CustomerShop.with { shop in
            let csv = Self.file(rows: 120, padding: 100_000, tag: "big")
            #expect(csv.count > 12_000_000)
            let started = try await CustomerCSVTests.upload(shop, csv)
            #expect(started.status == 202, "\(started.text)")
            let job = try #require(started.jsonObject?["job"] as? [String: Any])
            let parameters = try #require(job["parameters"] as? [String: Any])
            #expect(parameters["bytes"] as? Int == csv.count)
            let kept = try #require(parameters["file"] as? String)
            #expect((try FileManager.default.attributesOfItem(atPath: kept)[.size] as? Int) == csv.count)
            let id = try #require(job["id"] as? Int)
            var finished: [String: Any] = [:]
            for _ in 0..<600 {
                finished = try #require(try await shop.api("GET", "/jobs/\(id)").jsonObject?["job"] as? [String: Any])
                if finished["status"] as? String != "running" { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            let result = try #require(finished["result"] as? [String: Any])
            #expect(result["created"] as? Int == 120 && result["failed"] as? Int == 0, "\(result)")
            #expect(result["unknownColumns"] as? [String] == ["padding"], "\(result)")

            // The same size anywhere else is refused before its body is read.
            let elsewhere = try await shop.api("POST", "/customers", json: ["firstName": String(repeating: "x", count: 11_000_000)])
            #expect(elsewhere.status == 413, "\(elsewhere.text)")
        }
    }

    @Test func aChunkedDryRunStreamsAndLeavesNoFileBehind() async throws {
        try await CustomerShop.with { shop in
            let csv = Self.file(rows: 30, padding: 400_000, tag: "chunk")
            let client = try await TestHTTPClient.connect(port: shop.server.port)
            defer { client.close() }
            var raw = Array(
                """
                POST /shops/\(shop.slug)/api/customers/import?dryRun=true HTTP/1.1\r
                Host: h\r
                Authorization: Bearer \(shop.token)\r
                Content-Type: text/csv\r
                Transfer-Encoding: chunked\r
                Connection: close\r
                \r

                """.utf8)
            var offset = 0
            while offset < csv.count {
                let end = min(csv.count, offset + 300_000)
                raw += Array(String(end - offset, radix: 16).utf8) + [13, 10] + csv[offset..<end] + [13, 10]
                offset = end
            }
            raw += Array("0\r\n\r\n".utf8)
            try await client.send(raw)
            let response = try await client.readResponse(requestMethod: "POST")
            #expect(response.status == 200, "\(response.text)")
            #expect(response.jsonObject?["created"] as? Int == 30, "\(response.text)")
            #expect(response.jsonObject?["dryRun"] as? Bool == true)
            #expect(try await shop.list("limit=1").total == 0, "a dry run keeps nothing")
            let folder = shop.server.dataDirectory + "/\(shop.slug)/imports"
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).isEmpty, "the dry run's file is removed")

            let empty = try await CustomerCSVTests.upload(shop, [])
            #expect(empty.status == 400 && empty.errorField == "file", "\(empty.text)")
        }
    }
}
