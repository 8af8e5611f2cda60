import HTTPServer
import ShopCore

/// Turns whatever a page throws (an unknown or suspended shop, a failed API read) into an
/// HTML page with the security headers, never the API's JSON.
struct AdminErrorPages: Middleware {
    func handle(_ request: Request, context: RequestContext, next: RouteHandler) async throws -> HTTPResponse {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            return AdminResponse.error(status: error.status, message: error.message, strings: AdminStrings(.en), base: nil)
        } catch let failure as AdminAPIFailure {
            return AdminResponse.error(
                status: HTTPStatus(code: failure.answer.status), message: failure.message, strings: AdminStrings(.en), base: nil)
        }
    }
}
