import Foundation
import HTTPServer

/// Admits the SaaS operator: `Authorization: Bearer <operator token>`.
public struct OperatorAuthMiddleware: Middleware {
    let tokens: OperatorTokenStore

    public init(tokens: OperatorTokenStore) { self.tokens = tokens }

    public func handle(_ request: Request, context: RequestContext, next: RouteHandler) async throws -> HTTPResponse {
        guard let token = BearerToken.from(request.headers) else {
            throw HTTPError.unauthorized("The operator API needs Authorization: Bearer <operator token>.")
        }
        guard tokens.verify(token) else {
            throw HTTPError.unauthorized("The operator token is not valid.")
        }
        var context = context
        context.caller = .operator
        return try await next(request, context)
    }
}

/// Reads a bearer token from the `Authorization` header.
enum BearerToken {
    static func from(_ headers: HTTPHeaders) -> String? {
        guard let value = headers["Authorization"] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = String(parts[1]).trimmedWhitespace()
        return token.isEmpty ? nil : token
    }
}
