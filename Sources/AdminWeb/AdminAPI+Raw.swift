import HTTPServer
import ShopCore

extension AdminAPI {
    /// Calls the API with a body that is not JSON (a CSV upload) or for an answer that is not
    /// JSON (a CSV download, streamed): the API's response as it is.
    func send(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: [UInt8] = [], contentType: String? = nil)
        async -> HTTPResponse
    {
        var headers = HTTPHeaders()
        headers.set("X-Request-Id", requestID)
        if let token { headers.set("Authorization", "Bearer \(token)") }
        if let contentType { headers.set("Content-Type", contentType) }
        let target = "/shops/\(shop)/api\(path)" + (query.isEmpty ? "" : "?" + URLQuery.encode(query))
        return await api.send(
            HTTPRequest(head: HTTPRequestHead(method: method, target: target, headers: headers), body: body, remoteAddress: remoteAddress))
    }
}
