import Foundation
import HTTPServer
import ShopCore

/// The shop's JSON API as the admin's pages use it: each call goes in process through the
/// whole application (the same authentication, permissions, validation and audit as any
/// client), with the staff member's session token as the bearer and the page's request id.
struct AdminAPI: Sendable {
    /// One answer of the API: status and the decoded JSON body (`.null` when empty).
    struct Answer: Sendable {
        var status: Int
        var json: JSONValue

        var succeeded: Bool { (200..<300).contains(status) }
        /// The error object of a failed call (`{"error":{...}}`).
        var error: JSONValue? { json["error"] }
    }

    let api: InProcessAPI
    let shop: String
    let token: String?
    let remoteAddress: String
    let requestID: String

    /// Calls `method` on `/shops/{shop}/api` + `path` with an optional JSON body.
    func call(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: JSONValue? = nil, headers extra: HTTPHeaders = [:]
    )
        async -> Answer
    {
        var headers = extra
        headers.set("X-Request-Id", requestID)
        if let token { headers.set("Authorization", "Bearer \(token)") }
        var bytes: [UInt8] = []
        if let body {
            bytes = body.serialized()
            headers.set("Content-Type", "application/json")
        }
        let target = "/shops/\(shop)/api\(path)" + (query.isEmpty ? "" : "?" + URLQuery.encode(query))
        let request = HTTPRequest(
            head: HTTPRequestHead(method: method, target: target, headers: headers), body: bytes, remoteAddress: remoteAddress)
        let response = await api.send(request)
        guard case .bytes(let data) = response.body, !data.isEmpty else {
            return Answer(status: response.status.code, json: .null)
        }
        let json = (try? JSONDecoder().decode(JSONValue.self, from: Data(data))) ?? .null
        return Answer(status: response.status.code, json: json)
    }

    /// A read that must succeed: the JSON, or the API's failure thrown for the error page.
    func get(_ path: String, query: [(String, String)] = []) async throws -> JSONValue {
        let answer = await call(.get, path, query: query)
        guard answer.succeeded else { throw AdminAPIFailure(answer: answer) }
        return answer.json
    }
}
